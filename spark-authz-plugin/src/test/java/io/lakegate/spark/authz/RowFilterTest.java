package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Ranger row filters on sales.orders (ids 1 EU 10.0, 2 US 20.0, 3 EU 30.0): erin sees region 'EU' rows, frank
 * and gina rows with amount above 15, hank has a filter Spark cannot parse, alice none.
 */
class RowFilterTest {
    @Test
    void filteredUserSeesOnlyTheirRows() {
        assertThat(ids(sqlAs("frank", "SELECT id FROM sales.orders ORDER BY id").collectAsList()))
                .containsExactly(2, 3);
        assertThat(ids(sqlAs("alice", "SELECT id FROM sales.orders ORDER BY id").collectAsList()))
                .containsExactly(1, 2, 3);
    }

    @Test
    void filterOnAColumnTheUserMayNotReadStillApplies() {
        assertThat(ids(sqlAs("erin", "SELECT id FROM sales.orders ORDER BY id").collectAsList()))
                .containsExactly(1, 3);
        assertThatThrownBy(
                        () -> sqlAs("erin", "SELECT region FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [erin] does not have [select] privilege on [sales/orders/region]");
    }

    @Test
    void userPredicatesOnlyEverSeeFilteredRows() {
        assertThat(sqlAs("frank", "SELECT id FROM sales.orders WHERE amount < 15")
                        .collectAsList())
                .isEmpty();
        assertThat(sqlAs("frank", "SELECT count(*), sum(amount) FROM sales.orders")
                        .first())
                .satisfies(row -> {
                    assertThat(row.getLong(0)).isEqualTo(2);
                    assertThat(row.getDouble(1)).isEqualTo(50.0);
                });
    }

    @Test
    void everyScanOfTheTableIsFilteredInSelfJoinsSubqueriesAndCtes() {
        assertThat(sqlAs(
                                "frank",
                                "SELECT a.id, b.id FROM sales.orders a JOIN sales.orders b"
                                        + " ON a.customer_id = b.customer_id")
                        .collectAsList())
                .hasSize(2);
        assertThat(ids(sqlAs(
                                "frank",
                                "SELECT id FROM sales.orders WHERE id IN"
                                        + " (SELECT id FROM sales.orders WHERE region = 'US') ORDER BY id")
                        .collectAsList()))
                .containsExactly(2);
        assertThat(sqlAs("frank", "SELECT (SELECT count(*) FROM sales.orders)")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
        assertThat(sqlAs("frank", "WITH c AS (SELECT * FROM sales.orders) SELECT sum(amount) FROM c")
                        .first()
                        .getDouble(0))
                .isEqualTo(50.0);
        assertThat(ids(sqlAs(
                                "erin",
                                "SELECT o.id FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.id"
                                        + " ORDER BY o.id")
                        .collectAsList()))
                .containsExactly(1, 3);
    }

    @Test
    void tablesUnderAViewAreFilteredForTheUserReadingTheView() {
        assertThat(ids(sqlAs("gina", "SELECT id FROM sales.orders_eu ORDER BY id")
                        .collectAsList()))
                .containsExactly(3);
    }

    @Test
    void dataFrameApiIsFilteredLikeSql() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "frank");

        assertThat(spark.table("sales.orders").count()).isEqualTo(2);
        assertThat(spark.table("sales.orders").where("amount < 15").count()).isZero();
    }

    @Test
    void aWriteCopiesOnlyTheRowsItsReaderMaySee() {
        sqlAs("frank", "INSERT OVERWRITE TABLE sales.order_ids SELECT id FROM sales.orders");

        assertThat(ids(sqlAs(SparkWithRanger.ADMIN, "SELECT id FROM sales.order_ids ORDER BY id")
                        .collectAsList()))
                .containsExactly(2, 3);
    }

    @Test
    void filterSparkCannotParseFailsTheQueryInsteadOfShowingAllRows() {
        assertThatThrownBy(() -> sqlAs("hank", "SELECT id FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith(
                        "Row filter of Ranger policy 18 on [sales/orders] is not valid Spark SQL:" + " [region = ]");
    }

    @Test
    void aFilteredSubqueryNeedsNoPrivilegeOnItsFilterColumns() {
        assertThat(ids(sqlAs(
                                "erin",
                                "SELECT id FROM sales.orders WHERE id IN (SELECT id FROM sales.orders) ORDER BY id")
                        .collectAsList()))
                .containsExactly(1, 3);
    }

    private static List<Integer> ids(List<Row> rows) {
        return rows.stream().map(row -> row.getInt(0)).toList();
    }
}
