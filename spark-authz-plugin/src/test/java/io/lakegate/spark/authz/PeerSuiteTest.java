package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cases of Kyuubi's own authz suite (RangerSparkExtensionSuite, DataMaskingTestBase) that Lakegate answered wrongly;
 * a CTAS by a user who may only create tables is in {@link WritesTest}, DESCRIBE FUNCTION in {@link FunctionTest}.
 */
class PeerSuiteTest {
    @AfterEach
    void dropViews() {
        SparkWithRanger.spark().catalog().dropTempView("bobs_view");
    }

    @Test
    void alterViewAsOfATemporaryViewChangesTheSessionsViewOnly() {
        sqlAs("bob", "CREATE TEMPORARY VIEW bobs_view AS SELECT 1 AS x");
        sqlAs("bob", "ALTER VIEW bobs_view AS SELECT 2 AS x");
        assertThat(sqlAs("bob", "SELECT x FROM bobs_view").first().getInt(0)).isEqualTo(2);
        // What the view reads is checked where it is read, as for CREATE TEMPORARY VIEW.
        sqlAs("bob", "ALTER VIEW bobs_view AS SELECT ssn FROM sales.orders");
        assertThatThrownBy(() -> sqlAs("bob", "SELECT * FROM bobs_view").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
        // A permanent view of the same name is another object, and still needs alter.
        assertThatThrownBy(() -> sqlAs("bob", "ALTER VIEW sales.orders_eu AS SELECT 1 AS id, 1.0 AS amount"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [alter] privilege on [sales/orders_eu]");
    }

    @Test
    void showTableExtendedListsOnlyTablesTheUserMaySelect() {
        // frank may read sales.orders and only update sales.order_ids.
        assertThat(names(sqlAs("frank", "SHOW TABLES IN sales").collectAsList()))
                .contains("orders", "order_ids");
        assertThat(names(sqlAs("frank", "SHOW TABLE EXTENDED IN sales LIKE 'order*'")
                        .collectAsList()))
                .containsExactly("orders");
        assertThat(sqlAs("carol", "SHOW TABLE EXTENDED IN sales LIKE '*'").collectAsList())
                .as("only the session's temporary views")
                .allSatisfy(row -> assertThat(row.getBoolean(2)).isTrue());
    }

    @Test
    void aViewThatUnionsViewsOverAMaskedTableIsMasked() {
        List<Row> rows =
                sqlAs("ivan", "SELECT name, phone FROM sales.people_union").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(Row::toString).noneMatch(row -> row.contains("Ada") || row.contains("555-0100"));
        // people_names masks phone on the view itself, people_contacts passes on the table's mask.
        assertThat(rows).extracting(row -> row.getString(1)).containsExactlyInAnyOrder(null, "xxx-0100");
        assertThat(sqlAs("ivan", "SELECT count(*) FROM sales.people_union WHERE name LIKE 'X%'")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(row -> row.getString(1)).toList();
    }
}
