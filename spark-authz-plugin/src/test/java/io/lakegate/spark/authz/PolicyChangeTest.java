package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.mask;
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
 * A DataFrame outlives the policies it was built under: what is built on it afterwards follows the policies in
 * force, in one Spark application whose Ranger plugin picks up each change.
 */
class PolicyChangeTest {
    private static final String PETE = "pete";

    @AfterEach
    void restorePolicies() throws InterruptedException {
        SparkWithRanger.servePolicies();
    }

    @Test
    void aDataFrameBuiltBeforeAPolicyChangeFollowsTheNewPolicies() throws InterruptedException {
        SparkWithRanger.servePolicies(access(60, "sales", "orders", "*", "select", List.of(PETE), List.of()));
        Dataset<Row> orders = ordersAsPete().select("id", "ssn");
        assertThat(ssnOfOrder2(orders)).isEqualTo("222-22-2222");

        SparkWithRanger.servePolicies(
                access(60, "sales", "orders", "*", "select", List.of(PETE), List.of()),
                access(61, "sales", "customers", "*", "select", List.of("quentin"), List.of()));
        assertThat(ssnOfOrder2(orders))
                .as("a change that decides nothing else for pete leaves his DataFrame usable")
                .isEqualTo("222-22-2222");

        SparkWithRanger.servePolicies(
                access(60, "sales", "orders", "*", "select", List.of(PETE), List.of()),
                mask(62, "sales", "orders", "ssn", List.of(PETE), "MASK_HASH"));
        assertThatThrownBy(() -> ssnOfOrder2(orders))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: Ranger's row filter or masks on [sales/orders] for user [pete]"
                        + " changed since the plan was built: build the DataFrame or view again");
        Dataset<Row> rebuilt = ordersAsPete().select("id", "ssn");
        assertThat(ssnOfOrder2(rebuilt)).hasSize(64).doesNotContain("222");

        SparkWithRanger.servePolicies(mask(62, "sales", "orders", "ssn", List.of(PETE), "MASK_HASH"));
        assertThatThrownBy(() -> ssnOfOrder2(rebuilt))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [pete] does not have [select] privilege on [sales/orders/id,ssn]");
    }

    private static Dataset<Row> ordersAsPete() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, PETE);
        return spark.table("sales.orders");
    }

    private static String ssnOfOrder2(Dataset<Row> orders) {
        SparkWithRanger.spark().sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, PETE);
        return orders.filter("id = 2").collectAsList().get(0).getString(1);
    }
}
