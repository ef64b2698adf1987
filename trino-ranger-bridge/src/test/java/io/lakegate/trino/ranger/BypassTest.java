package io.lakegate.trino.ranger;

import static io.lakegate.trino.ranger.Fixture.ADMIN;
import static io.lakegate.trino.ranger.Fixture.ALICE;
import static io.lakegate.trino.ranger.Fixture.ERIN;
import static io.lakegate.trino.ranger.Fixture.MALLORY;
import static io.lakegate.trino.ranger.HiveServicePoliciesTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.Session;
import io.trino.spi.QueryId;
import io.trino.spi.connector.CatalogSchemaRoutineName;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.connector.ColumnSchema;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;
import io.trino.spi.security.ViewExpression;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.VarcharType;
import io.trino.testing.MaterializedRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Attempts to read what the policies hide, or to act beyond them, through Trino's other ways in: each must meet the
 * filter, the mask or the denial a plain query meets.
 */
class BypassTest {
    private static final TrinoWithRanger TRINO = TrinoWithRanger.get();
    private static final String ANNA_EMAIL = "anna.schmidt@example.de";

    @Test
    void withClausesSubqueriesAndUnnestSeeTheFilteredMaskedTable() {
        assertThat(values(ALICE, "WITH o AS (SELECT * FROM orders) SELECT DISTINCT region FROM o"))
                .containsExactly("EU");
        assertThat(values(ALICE, "SELECT count(*) FROM (SELECT * FROM orders WHERE region <> 'EU')"))
                .containsExactly(0L);
        assertThat(values(
                        ALICE,
                        "SELECT count(*) FROM customers WHERE customer_id IN (SELECT customer_id FROM"
                                + " orders WHERE region = 'NA')"))
                .containsExactly(0L);
        assertThat(values(
                        ALICE, "SELECT e FROM customers CROSS JOIN UNNEST(ARRAY[email]) AS t(e) WHERE customer_id = 1"))
                .containsExactly(sha256(ANNA_EMAIL));
    }

    @Test
    void aTableFunctionReadsTheFilteredTable() {
        assertThat(values(
                        ALICE,
                        "SELECT DISTINCT region FROM TABLE(exclude_columns(input => TABLE(orders),"
                                + " columns => DESCRIPTOR(amount)))"))
                .containsExactly("EU");
    }

    @Test
    void explainPreparedStatementsAndExecuteImmediateAreCheckedAsTheQueryIs() {
        for (String sql : List.of(
                "EXPLAIN SELECT * FROM orders",
                "EXPLAIN ANALYZE SELECT * FROM orders",
                "EXPLAIN (TYPE IO) SELECT * FROM orders",
                "EXECUTE IMMEDIATE 'SELECT * FROM orders'",
                "DESCRIBE OUTPUT (SELECT * FROM orders)")) {
            assertThatThrownBy(() -> TRINO.run(MALLORY, sql))
                    .as(sql)
                    .hasMessageContaining("user [mallory] does not have [select] privilege on [sales/orders/");
        }
        Session prepared = Session.builder(MALLORY)
                .addPreparedStatement("q", "SELECT amount FROM orders")
                .build();
        assertThatThrownBy(() -> TRINO.run(prepared, "EXECUTE q"))
                .hasMessageContaining("user [mallory] does not have [select] privilege on [sales/orders/amount]");
        assertThat(values(ALICE, "EXECUTE IMMEDIATE 'SELECT DISTINCT region FROM orders'"))
                .containsExactly("EU");
    }

    @Test
    void aCopyOfMaskedDataHoldsTheMaskedValues() {
        TRINO.run(ALICE, "CREATE TABLE scratch.emails AS SELECT customer_id, email FROM sales.customers");
        try {
            List<MaterializedRow> rows = TRINO.run(ADMIN, "SELECT email FROM scratch.emails WHERE customer_id = 1")
                    .getMaterializedRows();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getField(0)).isEqualTo(sha256(ANNA_EMAIL));
            assertThat(values(ADMIN, "SELECT count(*) FROM scratch.emails")).containsExactly(4L);
        } finally {
            TRINO.run(ADMIN, "DROP TABLE scratch.emails");
        }
        TRINO.run(ALICE, "CREATE TABLE scratch.orders_copy AS SELECT * FROM sales.orders");
        try {
            assertThat(values(ADMIN, "SELECT DISTINCT region FROM scratch.orders_copy"))
                    .containsExactly("EU");
        } finally {
            TRINO.run(ADMIN, "DROP TABLE scratch.orders_copy");
        }
    }

    @Test
    void aViewReadsWithItsFiltersAndMasksAndCannotBeHandedToSomeoneElse() {
        TRINO.run(ALICE, "CREATE VIEW scratch.all_orders SECURITY DEFINER AS SELECT * FROM sales.orders");
        TRINO.run(ALICE, "CREATE VIEW scratch.all_customers SECURITY INVOKER AS SELECT * FROM sales.customers");
        try {
            assertThat(values(ALICE, "SELECT DISTINCT region FROM scratch.all_orders"))
                    .containsExactly("EU");
            assertThat(values(ALICE, "SELECT email FROM scratch.all_customers WHERE customer_id = 1"))
                    .containsExactly(sha256(ANNA_EMAIL));
            // A definer view reads with its owner's rights: given to admin, it would show alice everything.
            assertThatThrownBy(() -> TRINO.run(ALICE, "ALTER VIEW scratch.all_orders SET AUTHORIZATION admin"))
                    .hasMessageContaining("Access Denied")
                    .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]")
                    .hasMessageContaining("to give an object to");
            assertThatThrownBy(() -> TRINO.run(ALICE, "ALTER SCHEMA scratch SET AUTHORIZATION admin"))
                    .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]");
            // Nor can a view read for its creator what the creator may not read.
            assertThatThrownBy(() ->
                            TRINO.run(ALICE, "CREATE VIEW scratch.pay SECURITY DEFINER AS SELECT * FROM hr.salaries"))
                    .hasMessageContaining("user [alice] does not have [select] privilege on [hr/salaries/");
        } finally {
            TRINO.run(ADMIN, "DROP VIEW scratch.all_orders");
            TRINO.run(ADMIN, "DROP VIEW scratch.all_customers");
        }
    }

    @Test
    void sessionAuthorizationCannotBecomeAnotherUser() {
        assertThatThrownBy(() -> TRINO.run(ALICE, "SET SESSION AUTHORIZATION admin"))
                .hasMessageContaining("Access Denied: User alice cannot impersonate user admin")
                .hasMessageContaining("user [alice] is not in ranger.impersonating-users");
    }

    @Test
    void systemTablesShowOnlyTheUsersOwnQueriesAndNoClusterInternals() {
        TRINO.run(ADMIN, "SELECT 1");
        assertThat(values(ALICE, "SELECT DISTINCT \"user\" FROM system.runtime.queries"))
                .containsExactly("alice");
        assertThat(values(ADMIN, "SELECT DISTINCT \"user\" FROM system.runtime.queries"))
                .contains("admin", "alice");
        assertThatThrownBy(() -> TRINO.run(ALICE, "SELECT * FROM system.runtime.nodes"))
                .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]");
        assertThatThrownBy(() -> TRINO.run(ALICE, "SELECT * FROM system.runtime.tasks"))
                .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]");
        assertThat(values(ALICE, "SELECT count(*) FROM system.metadata.table_comments WHERE schema_name = 'hr'"))
                .containsExactly(0L);
    }

    @Test
    void showStatsShowsNoValueTheMasksHide() {
        // Trino refuses statistics of a table with masks or filters for the user, or shows none of its values.
        List<MaterializedRow> stats;
        try {
            stats = TRINO.run(ALICE, "SHOW STATS FOR customers").getMaterializedRows();
        } catch (RuntimeException refused) {
            assertThat(refused).hasMessageContaining("SHOW STATS");
            return;
        }
        assertThat(stats.toString()).doesNotContain(ANNA_EMAIL, "+49 30 1234 5678", "anna");
    }

    @Test
    void writesAndDdlBeyondThePoliciesAreDenied() {
        assertThatThrownBy(() -> TRINO.run(ALICE, "DELETE FROM orders WHERE region = 'NA'"))
                .hasMessageContaining("user [alice] does not have [update] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(ALICE, "ALTER TABLE orders RENAME TO scratch.mine"))
                .hasMessageContaining("user [alice] does not have [alter] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(ALICE, "ALTER TABLE orders ADD COLUMN note varchar"))
                .hasMessageContaining("user [alice] does not have [alter] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(ALICE, "COMMENT ON TABLE orders IS 'mine'"))
                .hasMessageContaining("user [alice] does not have [alter] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(ALICE, "CREATE SCHEMA lake.mine"))
                .hasMessageContaining("user [alice] does not have [create] privilege on [mine]");
        // (Trino tells a non-empty schema before it asks the access control.)
        assertThatThrownBy(() -> TRINO.run(MALLORY, "DROP SCHEMA lake.analytics"))
                .hasMessageContaining("user [mallory] does not have [drop] privilege on [analytics]");
        assertThat(values(ADMIN, "SELECT count(*) FROM sales.orders")).containsExactly(10L);
    }

    @Test
    void grantsAreRangersToMakeNotTrinos() {
        assertThatThrownBy(() -> TRINO.run(ALICE, "GRANT SELECT ON hr.salaries TO alice"))
                .hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> TRINO.run(ADMIN, "CREATE ROLE r")).hasMessageContaining("Access Denied");
    }

    @Test
    void aReplacingCreateNeedsDropAndTruncateIsRefusedThroughARowFilter() {
        // alice may create in sales but not drop: CREATE OR REPLACE would drop orders.
        assertThatThrownBy(() -> TRINO.run(ALICE, "CREATE OR REPLACE TABLE sales.orders AS SELECT 1 AS x"))
                .hasMessageContaining("user [alice] does not have [drop] privilege on [sales/orders]");
        // erin may write orders, but reads only its NA rows: TRUNCATE applies no row filter.
        assertThatThrownBy(() -> TRINO.run(ERIN, "TRUNCATE TABLE orders"))
                .hasMessageContaining("Access Denied: Cannot truncate table lake.sales.orders")
                .hasMessageContaining("through a row filter, and TRUNCATE would remove the rows it hides");
        assertThat(values(ADMIN, "SELECT count(*) FROM sales.orders")).containsExactly(10L);
    }

    @Test
    void connectorFunctionsThatReadTablesUnfilteredAreForAdministratorsOnly() {
        // Iceberg's and Delta's table_changes read a table without its row filters and masks; gina may call every
        // function of every database (udf *), a connector's own not among them.
        CatalogSchemaRoutineName tableChanges = new CatalogSchemaRoutineName("lake", "system", "table_changes");
        assertThat(TRINO.control().canExecuteFunction(context("gina"), tableChanges))
                .isFalse();
        assertThat(TRINO.control()
                        .canExecuteFunction(context("gina"), new CatalogSchemaRoutineName("lake", "sales", "my_udf")))
                .as("a function of a database, which gina's udf policy covers")
                .isTrue();
        assertThat(TRINO.control().canExecuteFunction(context("admin"), tableChanges))
                .isTrue();
        assertThat(TRINO.control()
                        .canExecuteFunction(
                                context("alice"), new CatalogSchemaRoutineName("system", "builtin", "lower")))
                .isTrue();
    }

    @Test
    void hiddenColumnsOfAMaskedTableShowNothing() {
        ColumnSchema path = ColumnSchema.builder()
                .setName("$path")
                .setType(VarcharType.VARCHAR)
                .setHidden(true)
                .build();
        ColumnSchema email = ColumnSchema.builder()
                .setName("email")
                .setType(VarcharType.VARCHAR)
                .build();
        Map<ColumnSchema, ViewExpression> masks = TRINO.control()
                .getColumnMasks(
                        context("alice"),
                        new CatalogSchemaTableName("lake", "sales", "customers"),
                        List.of(path, email));
        // Labelled as the lineage listener reads it: the value is always NULL.
        assertThat(masks.get(path).getExpression())
                .isEqualTo("IF('ranger-mask:HIDDEN_COLUMN' IS NOT NULL, CAST(NULL AS varchar))");
        assertThat(masks.get(email).getExpression()).contains("sha256");
    }

    @Test
    void settingsThatChangeWhatAWriteRemovesOrWhereFilesGoAreForAdministratorsOnly() {
        assertThatThrownBy(() -> TRINO.control()
                        .checkCanSetCatalogSessionProperty(
                                context("bob"), "lake", "insert_existing_partitions_behavior"))
                .hasMessageContaining("user [bob] does not have [serviceadmin] privilege on [*]");
        assertThatThrownBy(() -> TRINO.control()
                        .checkCanCreateTable(
                                context("alice"),
                                new CatalogSchemaTableName("lake", "scratch", "t"),
                                Map.of("extra_properties", Map.of("write.data.path", "file:/warehouse/sales/orders"))))
                .hasMessageContaining("(to set extra_properties)");
        assertThatThrownBy(() -> TRINO.control()
                        .checkCanCreateTable(
                                context("alice"),
                                new CatalogSchemaTableName("lake", "scratch", "t"),
                                Map.of("external_location", "file:/warehouse/sales/orders")))
                .hasMessageContaining("user [alice] does not have [read] privilege on [file:/warehouse/sales/orders]");
    }

    @Test
    void propertiesNamingPlacesTheControlCannotCheckAreForAdministratorsOnly() {
        for (String property : List.of("partition_projection_location_template", "data_location", "avro_schema_url")) {
            assertThatThrownBy(() -> TRINO.control()
                            .checkCanCreateTable(
                                    context("alice"),
                                    new CatalogSchemaTableName("lake", "scratch", "t"),
                                    Map.of(property, "file:/warehouse/hr/salaries")))
                    .as(property)
                    .hasMessageContaining("(to set " + property + ")");
        }
        assertThatThrownBy(() -> TRINO.control()
                        .checkCanSetCatalogSessionProperty(context("alice"), "lake", "parquet_use_column_names"))
                .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]");
    }

    @Test
    void hiddenColumnsOfATableWithAColumnTheUserMayNotSelectShowNothing() {
        ColumnSchema partition = ColumnSchema.builder()
                .setName("$partition")
                .setType(VarcharType.VARCHAR)
                .setHidden(true)
                .build();
        List<ColumnSchema> columns = List.of(
                ColumnSchema.builder().setName("id").setType(BigintType.BIGINT).build(),
                ColumnSchema.builder()
                        .setName("region")
                        .setType(VarcharType.VARCHAR)
                        .build(),
                ColumnSchema.builder()
                        .setName("amount")
                        .setType(VarcharType.VARCHAR)
                        .build(),
                partition);
        CatalogSchemaTableName orders = new CatalogSchemaTableName("lake", "conformance", "orders");
        // c_partial may select id and region, not amount: a partition by amount would show in $partition.
        assertThat(TRINO.control().getColumnMasks(context("c_partial"), orders, columns))
                .containsOnlyKeys(partition);
        assertThat(TRINO.control().getColumnMasks(context("admin"), orders, columns))
                .isEmpty();
    }

    @Test
    void creatingWithoutDropIsAnOperatorsChoice() {
        CatalogSchemaTableName table = new CatalogSchemaTableName("lake", "sales", "new_table");
        assertThatThrownBy(() -> TRINO.control().checkCanCreateTable(context("alice"), table, Map.of()))
                .hasMessageContaining("user [alice] does not have [drop] privilege on [sales/new_table]")
                .hasMessageContaining("ranger.hive.create-requires-drop");
        SystemAccessControl lenient = TrinoWithRanger.load(Map.of(
                "ranger.hive.catalogs", "lake",
                "ranger.hive.config-files", TRINO.securityFile().toString(),
                "ranger.hive.create-requires-drop", "false"));
        try {
            lenient.checkCanCreateTable(context("alice"), table, Map.of());
            assertThatThrownBy(() -> lenient.checkCanCreateTable(context("mallory"), table, Map.of()))
                    .hasMessageContaining("user [mallory] does not have [create] privilege on [sales/new_table]");
        } finally {
            lenient.shutdown();
        }
    }

    private static SystemSecurityContext context(String user) {
        return new SystemSecurityContext(
                Identity.forUser(user)
                        .withGroups(Fixture.GROUPS.getOrDefault(user, Set.of()))
                        .build(),
                QueryId.valueOf("bypass"),
                Instant.now());
    }

    private static List<Object> values(Session session, String sql) {
        return TRINO.run(session, sql).getMaterializedRows().stream()
                .map(row -> row.getField(0))
                .toList();
    }
}
