package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SELECT checked on the analysed plan with exactly the columns used. alice may read all of sales.orders, bob
 * only its id, customer_id and region, dave only the view sales.orders_eu, carol nothing.
 */
class SelectPrivilegeTest {
    @Test
    void userWithTableWideGrantReadsEveryRow() {
        List<Row> rows =
                sqlAs("alice", "SELECT id, ssn FROM sales.orders ORDER BY id").collectAsList();

        assertThat(rows)
                .extracting(row -> row.getString(1))
                .containsExactly("111-11-1111", "222-22-2222", "333-33-3333");
    }

    @Test
    void userReadsTheColumnsGrantedToThem() {
        List<Row> rows = sqlAs("bob", "SELECT id, region FROM sales.orders WHERE region = 'EU' ORDER BY id")
                .collectAsList();

        assertThat(rows).extracting(row -> row.getInt(0)).containsExactly(1, 3);
    }

    @Test
    void deniedColumnIsNamedInRangersWording() {
        assertThatThrownBy(() -> sqlAs("bob", "SELECT ssn FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
    }

    @Test
    void starListsEveryDeniedColumn() {
        assertThatThrownBy(() -> sqlAs("bob", "SELECT * FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage(
                        "Permission denied: user [bob] does not have [select] privilege on [sales/orders/amount,ssn]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT id FROM sales.orders WHERE ssn = '111-11-1111'",
                "SELECT id FROM sales.orders ORDER BY ssn",
                "SELECT region, count(*) FROM sales.orders GROUP BY region, ssn",
                "SELECT id, row_number() OVER (PARTITION BY ssn ORDER BY id) FROM sales.orders",
                "SELECT o.id FROM sales.orders o JOIN sales.orders p ON o.ssn = p.ssn",
                "SELECT id FROM sales.orders WHERE id IN (SELECT id FROM sales.orders WHERE ssn LIKE '1%')",
                "SELECT id FROM sales.orders o WHERE EXISTS (SELECT 1 FROM sales.orders p WHERE p.ssn = o.ssn)",
                "SELECT (SELECT max(ssn) FROM sales.orders) AS s",
                "WITH c AS (SELECT id, ssn FROM sales.orders) SELECT id FROM c WHERE ssn IS NOT NULL",
                "SELECT id FROM (SELECT id, upper(ssn) AS s FROM sales.orders) t WHERE s <> ''",
                "SELECT id FROM sales.orders LATERAL VIEW explode(array(ssn)) e AS x WHERE x IS NOT NULL",
                "SELECT region FROM sales.orders GROUP BY region HAVING max(ssn) > ''"
            })
    void aColumnUsedAnywhereInTheQueryNeedsSelect(String sql) {
        assertThatThrownBy(() -> sqlAs("bob", sql).collectAsList())
                .as(sql)
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("user [bob] does not have [select] privilege on [sales/orders/")
                .hasMessageContaining("ssn");
    }

    @Test
    void onlyColumnsTheQueryFinallyUsesNeedSelect() {
        List<Row> rows = sqlAs("bob", "WITH c AS (SELECT id, ssn FROM sales.orders) SELECT id FROM c ORDER BY id")
                .collectAsList();

        assertThat(rows).extracting(row -> row.getInt(0)).containsExactly(1, 2, 3);
    }

    @Test
    void joinChecksEachTableWithItsOwnColumns() {
        List<Row> rows = sqlAs(
                        "bob",
                        "SELECT o.id, c.name FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.id"
                                + " ORDER BY o.id")
                .collectAsList();

        assertThat(rows).extracting(row -> row.getString(1)).containsExactly("Ada", "Grace", "Ada");
        assertThatThrownBy(() -> sqlAs(
                                "dave", "SELECT c.name FROM sales.orders_eu o JOIN sales.customers c ON o.id = c.id")
                        .collectAsList())
                .hasMessage(
                        "Permission denied: user [dave] does not have [select] privilege on [sales/customers/id,name]");
    }

    @Test
    void countingRowsNeedsSelectOnTheTable() {
        assertThat(sqlAs("alice", "SELECT count(*) FROM sales.orders").first().getLong(0))
                .isEqualTo(3);
        assertThatThrownBy(
                        () -> sqlAs("bob", "SELECT count(*) FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders]");
    }

    @Test
    void dataFrameApiIsCheckedLikeSql() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");

        assertThat(spark.table("sales.orders").select("id").collectAsList()).hasSize(3);
        assertThatThrownBy(() -> spark.table("sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageEndingWith("[sales/orders/amount,ssn]");
        assertThatThrownBy(() -> spark.table("sales.orders").select("ssn").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageEndingWith("[sales/orders/ssn]");
        assertThatThrownBy(() -> spark.table("sales.orders")
                        .filter("amount > 10")
                        .select("id")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageEndingWith("[sales/orders/amount]");
    }

    @Test
    void aDataFrameOverAnAuthorizedOneIsCheckedForWhatItAddsAndFinallyUses() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");
        Dataset<Row> ids = spark.table("sales.orders").select("id");
        Dataset<Row> whole = spark.table("sales.orders").withColumnRenamed("id", "other_id");

        assertThat(ids.crossJoin(whole).select("id", "region").collectAsList()).hasSize(9);
        assertThatThrownBy(() -> ids.crossJoin(whole).select("id", "ssn").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssn = '111-11-1111'", "ssn IS NOT NULL"})
    void aColumnSparkPullsBackIntoAnAuthorizedDataFrameIsChecked(String condition) {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");
        Dataset<Row> ids = spark.table("sales.orders").select("id");

        assertThat(ids.collectAsList()).hasSize(3);
        assertThatThrownBy(() -> ids.filter(condition).collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
        assertThatThrownBy(() -> ids.orderBy("ssn").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
    }

    @Test
    void theColumnsOfARowFilterAreNotTheUsersReadsOfADataFrameBuiltOnAnother() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "erin");
        Dataset<Row> ids = spark.table("sales.orders").select("id");

        assertThat(ids.filter("customer_id = 10").collectAsList())
                .as("erin's row filter reads region, which she may not; her query reads customer_id")
                .extracting(row -> row.getInt(0))
                .containsExactlyInAnyOrder(1, 3);
        assertThatThrownBy(() -> ids.filter("region = 'US'").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [erin] does not have [select] privilege on [sales/orders/region]");
    }

    @Test
    void aQueryAllowedDuringAnalysisReachesTheOptimizerAuthorizedSubqueriesIncluded() {
        QueryExecution execution = sqlAs(
                        "bob",
                        "SELECT id, (SELECT max(id) FROM sales.orders) AS top FROM sales.orders"
                                + " WHERE id IN (SELECT id FROM sales.orders WHERE region = 'EU')")
                .queryExecution();

        assertThat(execution.analyzed().toString())
                .as("EXPLAIN EXTENDED shows the reader of each scan, in subqueries too")
                .doesNotContain("ReaderScanMarker")
                .contains("lakegate_reader(bob");
        assertThat(execution.optimizedPlan().toString()).doesNotContain("lakegate_reader");
        assertThat(execution.executedPlan().toString()).doesNotContain("lakegate_reader");
    }

    @Test
    void aPlanProtectedForOneUserIsRefusedToAnother() {
        Dataset<Row> ivans = sqlAs("ivan", "SELECT id, ssn FROM sales.orders");
        ivans.createOrReplaceGlobalTempView("ivans_orders");
        try {
            assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM global_temp.ivans_orders")
                            .collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] may not use a plan Lakegate protected for user [ivan]:"
                            + " build the DataFrame or view again as [bob]");
            SparkWithRanger.spark().sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");
            assertThatThrownBy(() -> ivans.select("id").collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageContaining("protected for user [ivan]");
            assertThat(sqlAs("ivan", "SELECT id FROM global_temp.ivans_orders").collectAsList())
                    .extracting(row -> row.getInt(0))
                    .containsExactlyInAnyOrder(2, 3);
        } finally {
            SparkWithRanger.spark().catalog().dropGlobalTempView("ivans_orders");
        }
    }

    @Test
    void theDataSourceIsOfferedTheUsersFiltersAsWithoutLakegate() {
        String plan = sqlAs("bob", "SELECT id FROM sales.orders WHERE id = 2")
                .queryExecution()
                .executedPlan()
                .toString();

        assertThat(plan)
                .contains("PushedFilters: [IsNotNull(id), EqualTo(id,2)]")
                .doesNotContain("lakegate");
        assertThat(sqlAs("bob", "SELECT id FROM sales.orders WHERE id = 2").collectAsList())
                .hasSize(1);
    }

    @Test
    void userWithoutAnyGrantIsDenied() {
        assertThatThrownBy(() -> sqlAs("carol", "SELECT id FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [carol] does not have [select] privilege on [sales/orders/id]");
    }

    @Test
    void permanentViewIsAuthorizedOnTheViewNotItsTables() {
        List<Row> rows = sqlAs("dave", "SELECT id, amount FROM sales.orders_eu ORDER BY id")
                .collectAsList();

        assertThat(rows).extracting(row -> row.getInt(0)).containsExactly(1, 3);
        assertThatThrownBy(() -> sqlAs("dave", "SELECT id FROM sales.orders").collectAsList())
                .hasMessage("Permission denied: user [dave] does not have [select] privilege on [sales/orders/id]");
        assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM sales.orders_eu").collectAsList())
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders_eu/id]");
    }

    @Test
    void temporaryViewIsAuthorizedThroughToItsTables() {
        sqlAs(SparkWithRanger.ADMIN, "CREATE OR REPLACE TEMPORARY VIEW all_orders AS SELECT * FROM sales.orders");

        assertThat(sqlAs("bob", "SELECT id FROM all_orders").collectAsList()).hasSize(3);
        assertThatThrownBy(() -> sqlAs("bob", "SELECT ssn FROM all_orders").collectAsList())
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
    }

    @Test
    void withoutKyuubisSessionUserTheApplicationsHadoopUserIsChecked() throws Exception {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, null);
        String hadoopUser = UserGroupInformation.getCurrentUser().getShortUserName();

        assertThatThrownBy(() -> spark.sql("SELECT id FROM sales.orders").collectAsList())
                .hasMessage("Permission denied: user [" + hadoopUser
                        + "] does not have [select] privilege on [sales/orders/id]");
    }
}
