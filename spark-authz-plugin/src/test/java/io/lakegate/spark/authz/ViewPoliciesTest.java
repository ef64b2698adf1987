package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Row filters and masks written for a permanent view apply to the view, as those of a table to the table. The
 * view sales.orders_eu shows id and amount of sales.orders' EU rows (ids 1 and 3, amounts 10.0 and 30.0). olga
 * reads it through the row filter {@code amount > 15}, nora with amount masked to NULL; dave without either.
 */
class ViewPoliciesTest {
    @Test
    void aViewsRowFilterAppliesToTheView() {
        assertThat(ids(sqlAs("olga", "SELECT id, amount FROM sales.orders_eu ORDER BY id")))
                .containsExactly(3);
        assertThat(sqlAs("olga", "SELECT count(*) FROM sales.orders_eu WHERE amount < 15")
                        .first()
                        .getLong(0))
                .isZero();
        assertThat(ids(sqlAs("dave", "SELECT id, amount FROM sales.orders_eu ORDER BY id")))
                .containsExactly(1, 3);
    }

    @Test
    void aViewsMaskAppliesToTheView() {
        List<Row> rows = sqlAs("nora", "SELECT id, amount FROM sales.orders_eu ORDER BY id")
                .collectAsList();
        assertThat(rows).extracting(row -> row.getInt(0)).containsExactly(1, 3);
        assertThat(rows).allMatch(row -> row.isNullAt(1));
        // No side channel through predicates or aggregates on the masked column.
        assertThat(sqlAs("nora", "SELECT id FROM sales.orders_eu WHERE amount = 30.0")
                        .collectAsList())
                .isEmpty();
        assertThat(sqlAs("nora", "SELECT sum(amount) FROM sales.orders_eu")
                        .first()
                        .isNullAt(0))
                .isTrue();
    }

    @Test
    void aViewsPoliciesApplyWhereverTheViewIsRead() {
        assertThat(sqlAs(
                                "olga",
                                "WITH v AS (SELECT * FROM sales.orders_eu) SELECT a.id FROM v a JOIN"
                                        + " sales.orders_eu b ON a.id = b.id")
                        .collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(3);
        assertThat(sqlAs("olga", "SELECT (SELECT max(id) FROM sales.orders_eu) AS top")
                        .first()
                        .getInt(0))
                .isEqualTo(3);
    }

    private static List<Integer> ids(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(row -> row.getInt(0)).toList();
    }
}
