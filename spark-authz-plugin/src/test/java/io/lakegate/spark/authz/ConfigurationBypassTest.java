package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A user cannot switch Lakegate's rules off at runtime through Spark's optimizer-exclusion setting. */
class ConfigurationBypassTest {
    @AfterEach
    void reset() {
        SparkWithRanger.spark().conf().unset("spark.sql.optimizer.excludedRules");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "io.lakegate.spark.authz.AuthorizeStatement",
                "org.apache.spark.sql.catalyst.optimizer.ConstantFolding,io.lakegate.spark.authz.AuthorizeStatement",
                "io.lakegate.spark.authz.ApplyRowFiltersAndMasks"
            })
    void excludingLakegatesRulesIsRefused(String excluded) {
        sqlAs("bob", "SET spark.sql.optimizer.excludedRules=" + excluded);

        assertThatThrownBy(() -> sqlAs("bob", "SELECT ssn FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class);
        assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("spark.sql.optimizer.excludedRules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.lakegate.spark.authz.AuthorizeStatement"})
    void excludingThroughTheConfApiIsRefusedToo(String excluded) {
        SparkSession spark = SparkWithRanger.spark();
        spark.conf().set("spark.sql.optimizer.excludedRules", excluded);

        assertThatThrownBy(() -> sqlAs("frank", "SELECT id FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("spark.sql.optimizer.excludedRules");
        spark.conf().unset("spark.sql.optimizer.excludedRules");
        assertThat(sqlAs("frank", "SELECT id FROM sales.orders").collectAsList())
                .hasSize(2);
    }
}
