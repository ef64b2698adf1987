package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * rita's row filter on sales.orders holds a subquery ({@code region IN (SELECT region FROM sales.open_regions)}):
 * she sees the US order only (id 2). Spark turns such a filter into a semi join and would evaluate her own
 * predicates below it, on every stored row: an error one of them raises must never carry a value of a row the
 * filter removes.
 */
class RowFilterSubqueryTest {
    private static final List<String> HIDDEN = List.of("111-11-1111", "333-33-3333", "'EU'", "EU/");

    @AfterEach
    void ansiOff() {
        SparkWithRanger.spark().conf().unset("spark.sql.ansi.enabled");
    }

    // ruth's filter reads open_regions, unqualified: the protected table's database's, not a view of ruth's making
    // or a table of the database she makes current.
    @Test
    void aTableTheFilterNamesWithoutADatabaseIsTheProtectedTablesDatabases() {
        sqlAs("ruth", "CREATE OR REPLACE TEMPORARY VIEW open_regions AS SELECT explode(array('EU', 'US')) AS region");
        sqlAs("ruth", "CREATE TABLE IF NOT EXISTS sandbox.open_regions AS SELECT explode(array('EU', 'US')) AS region");
        try {
            assertThat(sqlAs("ruth", "SELECT id FROM sales.orders").collectAsList())
                    .extracting(row -> row.getInt(0))
                    .containsExactly(2);
            sqlAs("ruth", "DROP VIEW open_regions");
            sqlAs("ruth", "USE sandbox");
            assertThat(sqlAs("ruth", "SELECT id FROM sales.orders").collectAsList())
                    .extracting(row -> row.getInt(0))
                    .containsExactly(2);
        } finally {
            sqlAs(ADMIN, "USE default");
            SparkWithRanger.spark().catalog().dropTempView("open_regions");
            sqlAs(ADMIN, "DROP TABLE IF EXISTS sandbox.open_regions");
        }
    }

    @Test
    void theFilterWithASubqueryLetsOnlyItsRowsThrough() {
        assertThat(sqlAs("rita", "SELECT id, region FROM sales.orders").collectAsList())
                .extracting(Row::toString)
                .containsExactly("[2,US]");
        assertThat(sqlAs("rita", "SELECT id FROM sales.orders WHERE amount > 0 AND ssn LIKE '%'")
                        .collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(2);
    }

    @Test
    void anErrorRaisedByTheUsersPredicateCarriesNoValueOfAHiddenRow() {
        SparkWithRanger.spark().conf().set("spark.sql.ansi.enabled", "true");
        for (String query : List.of(
                "SELECT id FROM sales.orders WHERE CAST(ssn AS INT) = 1",
                "SELECT id FROM sales.orders WHERE CAST(region AS INT) = 1",
                "SELECT id FROM sales.orders WHERE CAST(concat(ssn, '/', amount) AS INT) = 1",
                "SELECT id FROM sales.orders WHERE assert_true(amount < 15, ssn) IS NULL",
                "SELECT id FROM sales.orders WHERE raise_error(concat(ssn, region)) IS NULL",
                "SELECT id FROM sales.orders o WHERE CAST(o.ssn AS INT) = 1 AND EXISTS (SELECT 1)",
                "SELECT count(*) FROM sales.orders GROUP BY CAST(ssn AS INT)",
                "SELECT id FROM sales.orders o JOIN sales.orders p ON CAST(o.ssn AS INT) = p.id")) {
            Throwable error = catchError(query);
            assertThat(error).as(query).isNotNull();
            assertThat(messages(error)).as(query).doesNotContain(HIDDEN);
        }
    }

    private static Throwable catchError(String query) {
        try {
            sqlAs("rita", query).collectAsList();
            return null;
        } catch (AccessControlException e) {
            throw e;
        } catch (Exception e) {
            return e;
        }
    }

    // Every message of the error and its causes, where Spark puts the value that failed.
    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable each = error; each != null; each = each.getCause()) {
            messages.append(each.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
