package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN is authorized like the query it explains: Spark's EXPLAIN turns a planning failure into its output,
 * one row per line, so a denied query shows Ranger's denial and no plan. bob may read sales.orders' id and region,
 * not ssn; ivan reads sales.orders masked.
 */
class ExplainTest {
    @Test
    void explainingADeniedQueryShowsTheDenialInsteadOfAPlan() {
        assertThat(explain("bob", "SELECT ssn FROM sales.orders"))
                .contains("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]")
                .doesNotContain("Scan");
    }

    @Test
    void explainingAnAllowedQueryShowsItsPlan() {
        assertThat(explain("bob", "SELECT id FROM sales.orders WHERE region = 'EU'"))
                .contains("Scan")
                .doesNotContain("Permission denied");
    }

    @Test
    void theExplainedPlanOfAMaskedReadIsThePlanThatRuns() {
        assertThat(explain("ivan", "SELECT ssn FROM sales.orders")).contains("sha2");
    }

    private static String explain(String user, String query) {
        return sqlAs(user, "EXPLAIN " + query).collectAsList().stream()
                .map(row -> row.getString(0))
                .collect(Collectors.joining("\n"));
    }
}
