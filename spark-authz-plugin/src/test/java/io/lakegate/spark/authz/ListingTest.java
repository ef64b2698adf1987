package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * SHOW DATABASES and SHOW TABLES list only what the user holds some privilege on. bob may read some columns of
 * sales.orders and all of sales.customers, and has {@code all} on sandbox; dave may read the view sales.orders_eu;
 * carol holds nothing.
 */
class ListingTest {
    @Test
    void showDatabasesListsTheDatabasesTheUserHoldsAPrivilegeIn() {
        sqlAs(ADMIN, "CREATE DATABASE IF NOT EXISTS sandbox");
        assertThat(names(sqlAs(ADMIN, "SHOW DATABASES").collectAsList(), 0)).contains("sales", "sandbox");
        assertThat(names(sqlAs("bob", "SHOW DATABASES").collectAsList(), 0))
                .containsExactlyInAnyOrder("sales", "sandbox");
        assertThat(names(sqlAs("dave", "SHOW DATABASES").collectAsList(), 0)).containsExactly("sales");
        assertThat(sqlAs("carol", "SHOW DATABASES").collectAsList()).isEmpty();
        assertThat(sqlAs("carol", "SHOW DATABASES LIKE 'sal*'").collectAsList()).isEmpty();
    }

    @Test
    void showTablesListsTheTablesAndViewsTheUserHoldsAPrivilegeOn() {
        assertThat(names(sqlAs(ADMIN, "SHOW TABLES IN sales").collectAsList(), 1))
                .contains("orders", "customers", "orders_eu", "order_ids", "people");
        assertThat(names(sqlAs("bob", "SHOW TABLES IN sales").collectAsList(), 1))
                .containsExactlyInAnyOrder("orders", "customers");
        assertThat(names(sqlAs("dave", "SHOW TABLES IN sales").collectAsList(), 1))
                .containsExactly("orders_eu");
        assertThat(names(sqlAs("bob", "SHOW TABLES IN sales LIKE 'cust*'").collectAsList(), 1))
                .containsExactly("customers");
        assertThat(names(sqlAs("carol", "SHOW TABLES IN sales").collectAsList(), 1))
                .isEmpty();
    }

    @Test
    void temporaryViewsOfTheSessionStayListed() {
        sqlAs("carol", "CREATE OR REPLACE TEMPORARY VIEW carols AS SELECT 1 AS one");
        try {
            assertThat(sqlAs("carol", "SHOW TABLES IN sales").collectAsList())
                    .allMatch(row -> row.getBoolean(2))
                    .extracting(row -> row.getString(1))
                    .contains("carols");
        } finally {
            sqlAs("carol", "DROP VIEW carols");
        }
    }

    // Temporary views belong to the session, which the tests' users share: only catalog objects count here.
    private static List<String> names(List<Row> rows, int column) {
        return rows.stream()
                .filter(row -> row.length() < 3 || !row.getBoolean(2))
                .map(row -> row.getString(column))
                .toList();
    }
}
