package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plan analysed under one policy set may run under another: a statement analysed before the first policies
 * loaded (the engine's first seconds), or just before a change. Its reads are authorized when it runs, and it runs
 * only if Ranger still decides for it the row filter and masks its analysis applied; otherwise it is refused, never
 * run with none. quinn holds nothing until the policies change.
 */
class PlansAcrossPolicyLoadsTest {
    private static final String QUINN = "quinn";

    @AfterEach
    void restorePolicies() throws InterruptedException {
        SparkWithRanger.servePolicies();
    }

    @Test
    void aPlanAnalysedWithoutTheFilterThatNowAppliesIsRefused() throws InterruptedException {
        // Denied at analysis (as everything is before policies load), so nothing is authorized yet.
        Dataset<Row> orders = asQuinn().sql("SELECT id, amount FROM sales.orders");

        SparkWithRanger.servePolicies(
                access(90, "sales", "orders", "*", "select", List.of(QUINN), List.of()),
                rowFilter(91, "sales", "orders", List.of(QUINN), "amount > 15"));
        asQuinn();
        assertThatThrownBy(orders::collectAsList)
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: Ranger's row filter or masks on [sales/orders] for user [quinn]"
                        + " changed since the plan was built: build the DataFrame or view again");
        assertThat(asQuinn()
                        .sql("SELECT id, amount FROM sales.orders ORDER BY id")
                        .collectAsList())
                .extracting(Row::toString)
                .containsExactly("[2,20.0]", "[3,30.0]");
    }

    @Test
    void aPlanAnalysedUnderTheSameProtectionRunsWhenItIsAllowed() throws InterruptedException {
        Dataset<Row> orders = asQuinn().sql("SELECT id FROM sales.orders");
        SparkWithRanger.servePolicies(access(90, "sales", "orders", "id", "select", List.of(QUINN), List.of()));
        asQuinn();
        assertThat(orders.collectAsList()).hasSize(3);
    }

    private static SparkSession asQuinn() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, QUINN);
        return spark;
    }
}
