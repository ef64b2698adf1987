package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A temporary function named like a built-in would replace the built-in for the session, and with it what
 * Ranger's masks compute: {@code CREATE OR REPLACE TEMPORARY FUNCTION sha2} as Hive's coalesce turns ivan's
 * hashed ssn back into the ssn. Refused for everyone, administrators included, and masks stay as they were.
 */
class FunctionShadowingTest {
    // Hive's coalesce returns its first argument: sha2(ssn, 256) would become ssn.
    private static final String IDENTITY = "org.apache.hadoop.hive.ql.udf.generic.GenericUDFCoalesce";

    @ParameterizedTest
    @ValueSource(strings = {"sha2", "regexp_replace", "concat", "substring", "mask", "make_date", "SHA2"})
    void aTemporaryFunctionNamedLikeABuiltinIsRefused(String name) {
        List<Row> orders =
                sqlAs("ivan", "SELECT ssn FROM sales.orders ORDER BY id").collectAsList();
        List<Row> people = sqlAs("ivan", "SELECT * FROM sales.people").collectAsList();
        for (String user : List.of("ivan", ADMIN)) {
            assertThatThrownBy(() ->
                            sqlAs(user, "CREATE OR REPLACE TEMPORARY FUNCTION " + name + " AS '" + IDENTITY + "'"))
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: temporary function [" + name + "] would replace Spark's built-in"
                            + " function of that name, which Ranger's masks and row filters use");
        }
        assertThat(sqlAs("ivan", "SELECT ssn FROM sales.orders ORDER BY id").collectAsList())
                .isEqualTo(orders)
                .extracting(row -> row.getString(0))
                .noneMatch(ssn -> ssn.contains("-"));
        assertThat(sqlAs("ivan", "SELECT * FROM sales.people").collectAsList()).isEqualTo(people);
    }
}
