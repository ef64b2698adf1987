package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statistics of stored values describe what row filters and masks hide: a user with a row filter on a table or a
 * mask on a column gets no statistics of it, wherever Spark shows them; and statistics are computed only by users
 * who see the whole table, since they are stored for everyone. alice reads sales.orders whole; ivan through a row
 * filter (amount above 15) and masks; uma may update sales.ledger through a row filter, vic through a mask.
 */
class StatisticsTest {
    @BeforeAll
    static void computeStatistics() {
        sqlAs(ADMIN, "ANALYZE TABLE sales.orders COMPUTE STATISTICS FOR ALL COLUMNS");
    }

    @Test
    void describingAColumnShowsNoStatisticsToAFilteredOrMaskedUser() {
        assertThat(infoNames(
                        sqlAs("alice", "DESCRIBE EXTENDED sales.orders amount").collectAsList()))
                .contains("min", "max", "distinct_count");
        assertThat(sqlAs("alice", "DESCRIBE EXTENDED sales.orders amount").collectAsList())
                .extracting(Row::toString)
                .contains("[min,10.0]", "[max,30.0]");
        // amount is filtered (ivan's rows have amounts above 15), ssn masked: neither has statistics for him.
        for (String column : List.of("amount", "ssn", "id")) {
            assertThat(infoNames(sqlAs("ivan", "DESCRIBE EXTENDED sales.orders " + column)
                            .collectAsList()))
                    .as(column)
                    .containsExactly("col_name", "data_type", "comment");
        }
    }

    @Test
    void describingATableShowsNoStatisticsToAFilteredOrMaskedUser() {
        assertThat(infoNames(
                        sqlAs("alice", "DESCRIBE TABLE EXTENDED sales.orders").collectAsList()))
                .contains("Statistics");
        assertThat(infoNames(
                        sqlAs("ivan", "DESCRIBE TABLE EXTENDED sales.orders").collectAsList()))
                .contains("Location", "Provider")
                .doesNotContain("Statistics");
    }

    @Test
    void showTableExtendedShowsNoStatisticsToAFilteredOrMaskedUser() {
        assertThat(information(sqlAs("alice", "SHOW TABLE EXTENDED IN sales LIKE 'orders'")
                        .collectAsList()))
                .contains("Statistics: ");
        assertThat(information(sqlAs("ivan", "SHOW TABLE EXTENDED IN sales LIKE 'orders'")
                        .collectAsList()))
                .contains("Location: ")
                .doesNotContain("Statistics");
    }

    @Test
    void explainCostShowsNoStatisticsToAFilteredOrMaskedUser() {
        // With the cost-based optimizer, plans carry the row counts and column statistics estimates derive from.
        SparkWithRanger.spark().conf().set("spark.sql.cbo.enabled", "true");
        try {
            String query = "EXPLAIN COST SELECT * FROM sales.orders WHERE amount > 0";
            assertThat(sqlAs("alice", query).first().getString(0)).contains("Statistics(sizeInBytes=", "rowCount=3");
            assertThat(sqlAs("ivan", query).first().getString(0))
                    .contains("== Optimized Logical Plan ==")
                    .doesNotContain("Statistics(")
                    .doesNotContain("rowCount");
        } finally {
            SparkWithRanger.spark().conf().unset("spark.sql.cbo.enabled");
        }
    }

    @Test
    void statisticsAreComputedOnlyByUsersWhoSeeTheWholeTable() {
        sqlAs(ADMIN, "ANALYZE TABLE sales.ledger COMPUTE STATISTICS");
        String before = statistics("sales.ledger");
        assertThat(before).contains("3 rows");
        for (String user : List.of("uma", "vic")) {
            for (String statement : List.of(
                    "ANALYZE TABLE sales.ledger COMPUTE STATISTICS",
                    "ANALYZE TABLE sales.ledger COMPUTE STATISTICS NOSCAN",
                    "ANALYZE TABLE sales.ledger COMPUTE STATISTICS FOR ALL COLUMNS",
                    "ANALYZE TABLE sales.ledger COMPUTE STATISTICS FOR COLUMNS id")) {
                assertThatThrownBy(() -> sqlAs(user, statement))
                        .as(user + ": " + statement)
                        .isInstanceOf(AccessControlException.class)
                        .hasMessageContaining("may not compute the statistics of [sales/ledger]: Ranger filters or"
                                + " masks what the user sees of it, and they would describe that to everyone");
            }
        }
        assertThatThrownBy(() -> sqlAs("uma", "ANALYZE TABLES IN sales COMPUTE STATISTICS"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: user [uma] does not have [update] privilege on [sales/");
        assertThat(statistics("sales.ledger")).isEqualTo(before);
    }

    private static String statistics(String table) {
        return sqlAs(ADMIN, "DESCRIBE TABLE EXTENDED " + table).collectAsList().stream()
                .filter(row -> row.getString(0).equals("Statistics"))
                .map(row -> row.getString(1))
                .findFirst()
                .orElse("");
    }

    private static List<String> infoNames(List<Row> rows) {
        return rows.stream().map(row -> row.getString(0)).toList();
    }

    private static String information(List<Row> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0).getString(3);
    }
}
