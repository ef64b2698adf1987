package io.lakegate.trino.ranger;

import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static io.lakegate.trino.ranger.HiveServicePoliciesTest.sha256;
import static io.lakegate.trino.ranger.TrinoServicePolicies.access;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.policyserver.HivePolicies;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.trino.Session;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.spi.QueryId;
import io.trino.spi.connector.CatalogSchemaRoutineName;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;
import io.trino.testing.StandaloneQueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both policy models in one coordinator: catalog {@code warehouse} governed by a Ranger {@code trino} service, with
 * policies as written for Trino's own Ranger plugin, and {@code lake} by a Hive service; {@code tpch} by neither. (Its
 * own coordinator: Trino takes an access control once, at start.)
 */
class TrinoServiceModelTest {
    private static final Map<String, Set<String>> GROUPS = Map.of("alice", Set.of("analysts"));
    private static final String TRINO_SERVICE = "trino_test_trino";
    private static final String HIVE_SERVICE = "trino_test_hive_mixed";

    private static PolicyServer server;
    private static StandaloneQueryRunner trino;
    private static SystemAccessControl control;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("lakegate-trino-service");
        Path policies = Files.createDirectories(dir.resolve("policies"));
        writeAtomically(
                policies.resolve(TRINO_SERVICE + ".json"),
                TrinoServicePolicies.export(
                        TRINO_SERVICE,
                        access(1, table("*", "*", "*"), "all", List.of("admin"), List.of()),
                        access(2, Map.of("sysinfo", "*"), "read_sysinfo", List.of("admin"), List.of()),
                        access(3, Map.of("sysinfo", "*"), "write_sysinfo", List.of("admin"), List.of()),
                        access(4, Map.of("trinouser", "*"), "impersonate", List.of("gateway"), List.of()),
                        access(5, table("warehouse", "sales", "*"), "select", List.of(), List.of("analysts")),
                        access(6, table("warehouse", "sales", "orders"), "select", List.of("bob"), List.of()),
                        access(7, table("warehouse", "sales", "inbox"), "insert", List.of("bob"), List.of()),
                        access(9, table("warehouse", "scratch", "*"), "all", List.of("alice"), List.of()),
                        // A platform team's everything of Trino's own plugin: not an administrator's of the Hive
                        // service.
                        access(13, table("*", "*", "*"), "all", List.of("carol"), List.of()),
                        access(14, table("finance", "public", "*"), "select", List.of("alice"), List.of()),
                        access(
                                16,
                                Map.of("catalog", "warehouse", "schema", "system", "procedure", "*"),
                                "execute",
                                List.of("bob"),
                                List.of()),
                        access(17, table("warehouse", "sales", "orders"), "alter", List.of("bob"), List.of()),
                        access(
                                18,
                                Map.of("catalog", "*", "schema", "*", "procedure", "*"),
                                "execute",
                                List.of("admin"),
                                List.of()),
                        access(
                                8,
                                Map.of("systemproperty", "query_max_run_time"),
                                "alter",
                                List.of(),
                                List.of("public")),
                        TrinoServicePolicies.rowFilter(10, "warehouse", "sales", "orders", "alice", "region = 'EU'"),
                        TrinoServicePolicies.mask(11, "warehouse", "sales", "customers", "email", "alice", "MASK_HASH"),
                        // Trino SQL, as Trino's own plugin takes it: the backslash is a regular expression's.
                        TrinoServicePolicies.customMask(
                                12,
                                "warehouse",
                                "sales",
                                "customers",
                                "phone",
                                "alice",
                                "regexp_replace({col}, '\\d', 'x')")));
        writeAtomically(
                policies.resolve(HIVE_SERVICE + ".json"),
                HivePolicies.export(
                        HIVE_SERVICE,
                        HivePolicies.access(1, "*", "*", "*", "all", List.of("admin"), List.of()),
                        HivePolicies.access(2, "sales", "*", "*", "select", List.of(), List.of("analysts")),
                        HivePolicies.rowFilter(3, "sales", "orders", List.of("alice"), "region = 'NA'"),
                        HivePolicies.hiveService(4, "serviceadmin", List.of("admin"))));
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
        Path conf = Files.createDirectories(dir.resolve("etc"));
        Path trinoSecurity = RangerPluginFiles.securityXml(
                conf,
                "trino",
                RangerPluginFiles.standardKeys(
                        "trino", TRINO_SERVICE, server.baseUrl(), 200, dir.resolve("trino-cache")));
        Path hiveSecurity = RangerPluginFiles.securityXml(
                conf,
                "hive",
                RangerPluginFiles.standardKeys("hive", HIVE_SERVICE, server.baseUrl(), 200, dir.resolve("hive-cache")));
        control = TrinoWithRanger.load(Map.of(
                "ranger.hive.catalogs",
                "lake",
                "ranger.hive.config-files",
                hiveSecurity.toString(),
                "ranger.trino.catalogs",
                "warehouse,finance",
                "ranger.trino.config-files",
                trinoSecurity.toString()));
        trino = new StandaloneQueryRunner(session("admin"), coordinator -> coordinator.setSystemAccessControl(control));
        trino.getGroupProvider().setConfiguredGroupProvider(user -> GROUPS.getOrDefault(user, Set.of()));
        trino.installPlugin(new MemoryPlugin());
        trino.installPlugin(new TpchPlugin());
        trino.createCatalog("warehouse", "memory", Map.of());
        trino.createCatalog("lake", "memory", Map.of());
        trino.createCatalog("finance", "memory", Map.of());
        trino.execute(session("admin"), "CREATE SCHEMA finance.finance");
        trino.execute(session("admin"), "CREATE SCHEMA finance.public");
        trino.createCatalog("tpch", "tpch", Map.of());
        for (String catalog : List.of("warehouse", "lake")) {
            trino.execute(session("admin"), "CREATE SCHEMA " + catalog + ".sales");
            trino.execute(
                    session("admin"),
                    "CREATE TABLE " + catalog + ".sales.orders AS SELECT * FROM (VALUES (1, 'EU'), (2, 'NA'), (3,"
                            + " 'APAC')) AS t (order_id, region)");
        }
        trino.execute(session("admin"), "CREATE TABLE warehouse.sales.inbox (order_id integer, region varchar(4))");
        trino.execute(
                session("admin"),
                "CREATE TABLE warehouse.sales.customers AS SELECT * FROM (VALUES (1, CAST('anna.schmidt@example.de' AS"
                        + " varchar), CAST('+49 30 1234' AS varchar))) AS t (customer_id, email, phone)");
    }

    @AfterAll
    static void stop() {
        trino.close();
        server.close();
    }

    @Test
    void eachCatalogIsGovernedByItsOwnServicesPolicies() {
        // One table name, two services: the trino service filters warehouse's orders to EU, the Hive service lake's
        // to NA.
        assertThat(values(session("alice"), "SELECT region FROM warehouse.sales.orders"))
                .containsExactly("EU");
        assertThat(values(session("alice"), "SELECT region FROM lake.sales.orders"))
                .containsExactly("NA");
        assertThatThrownBy(() -> trino.execute(session("alice"), "SELECT * FROM tpch.tiny.nation"))
                .hasMessage("Access Denied: Cannot access catalog tpch");
    }

    @Test
    void masksWrittenForTrinosOwnPluginApplyAsWritten() {
        assertThat(values(session("alice"), "SELECT email FROM warehouse.sales.customers"))
                .containsExactly(sha256("anna.schmidt@example.de"));
        assertThat(values(session("alice"), "SELECT phone FROM warehouse.sales.customers"))
                .containsExactly("+xx xx xxxx");
        assertThat(values(session("admin"), "SELECT phone FROM warehouse.sales.customers"))
                .containsExactly("+49 30 1234");
    }

    @Test
    void writesNeedTheTrinoServicesOwnAccessTypes() {
        long before = (Long) values(session("admin"), "SELECT count(*) FROM warehouse.sales.inbox")
                .get(0);
        trino.execute(session("bob"), "INSERT INTO warehouse.sales.inbox VALUES (4, 'EU')");
        assertThat(values(session("admin"), "SELECT count(*) FROM warehouse.sales.inbox"))
                .containsExactly(before + 1);
        // insert on inbox, select on orders: neither is the other.
        assertThatThrownBy(() -> trino.execute(session("bob"), "INSERT INTO warehouse.sales.orders VALUES (5, 'NA')"))
                .hasMessageContaining("Access Denied: Cannot insert into table warehouse.sales.orders")
                .hasMessageContaining("user [bob] does not have [insert] privilege on [warehouse/sales/orders]");
        assertThatThrownBy(() -> trino.execute(session("bob"), "DROP TABLE warehouse.sales.inbox"))
                .hasMessageContaining("user [bob] does not have [drop] privilege on [warehouse/sales/inbox]");
        assertThat(values(session("admin"), "SELECT count(*) FROM warehouse.sales.orders"))
                .containsExactly(3L);
    }

    @Test
    void catalogsSchemasAndTablesAreListedWhereTheUserHoldsSomePrivilege() {
        // The Hive service has no catalogs: lake shows to everyone, its databases as their policies allow.
        assertThat(values(session("mallory"), "SHOW CATALOGS")).containsExactlyInAnyOrder("lake", "system");
        assertThat(values(session("alice"), "SHOW CATALOGS"))
                .containsExactlyInAnyOrder("finance", "lake", "system", "warehouse");
        assertThatThrownBy(() -> trino.execute(session("mallory"), "SELECT * FROM warehouse.sales.orders"))
                .hasMessage("Access Denied: Cannot access catalog warehouse");
        assertThat(values(session("bob"), "SHOW TABLES FROM warehouse.sales"))
                .containsExactlyInAnyOrder("orders", "inbox");
        assertThat(values(session("alice"), "SHOW TABLES FROM warehouse.sales"))
                .containsExactlyInAnyOrder("orders", "customers", "inbox");
    }

    @Test
    void trinoItselfIsGovernedByTheTrinoServicesResources() {
        control.checkCanImpersonateUser(Identity.ofUser("gateway"), "alice");
        assertThatThrownBy(() -> control.checkCanImpersonateUser(Identity.ofUser("alice"), "bob"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("user [alice] does not have [impersonate] privilege on [bob]");
        control.checkCanReadSystemInformation(Identity.ofUser("admin"));
        assertThatThrownBy(() -> control.checkCanReadSystemInformation(Identity.ofUser("alice")))
                .hasMessageContaining("user [alice] does not have [read_sysinfo] privilege on [*]");
        assertThatThrownBy(() -> trino.execute(session("alice"), "SELECT * FROM system.runtime.nodes"))
                .hasMessageContaining("user [alice] does not have [write_sysinfo] privilege on [*]");
        trino.execute(session("alice"), "SET SESSION query_max_run_time = '1h'");
        assertThatThrownBy(() -> trino.execute(session("alice"), "SET SESSION join_distribution_type = 'BROADCAST'"))
                .hasMessageContaining("Access Denied: Cannot set system session property join_distribution_type")
                .hasMessageContaining("user [alice] does not have [alter] privilege on [join_distribution_type]");
        assertThatThrownBy(() -> control.checkCanSetCatalogSessionProperty(context("alice"), "warehouse", "any"))
                .hasMessageContaining("user [alice] does not have [alter] privilege on [warehouse/any]");
        assertThat(control.filterViewQueryOwnedBy(
                        Identity.ofUser("alice"), List.of(Identity.ofUser("alice"), Identity.ofUser("bob"))))
                .extracting(Identity::getUser)
                .containsExactly("alice");
        assertThat(control.filterViewQueryOwnedBy(
                        Identity.ofUser("gateway"), List.of(Identity.ofUser("alice"), Identity.ofUser("bob"))))
                .extracting(Identity::getUser)
                .containsExactly("alice", "bob");
    }

    @Test
    void whatNoTrinoPrivilegeDescribesStaysWithItsAdministrators() {
        // alice may do anything in warehouse.scratch, but a location names files the trino service has no resource
        // for; so does a procedure (and execute on it, as Trino's own plugin asks).
        CatalogSchemaTableName mine = new CatalogSchemaTableName("warehouse", "scratch", "mine");
        control.checkCanCreateTable(context("alice"), mine, Map.of());
        assertThatThrownBy(() -> control.checkCanCreateTable(
                        context("alice"), mine, Map.of("location", "file:/warehouse/sales/orders")))
                .hasMessageContaining("user [alice] does not have [write_sysinfo] privilege on [*] (to set location)");
        assertThatThrownBy(() -> control.checkCanExecuteProcedure(
                        context("alice"), new CatalogSchemaRoutineName("warehouse", "system", "rollback")))
                .hasMessageContaining("user [alice] does not have [write_sysinfo] privilege on [*]");
        // (The memory connector has no metadata tables: asked as Trino asks a Hive or Iceberg catalog's.)
        assertThatThrownBy(() -> control.checkCanSelectFromColumns(
                        context("alice"),
                        new CatalogSchemaTableName("warehouse", "sales", "orders$partitions"),
                        Optional.empty(),
                        Set.of("region")))
                .hasMessageContaining("user [alice] does not have [write_sysinfo] privilege on [*] (metadata table of"
                        + " sales.orders)");
    }

    @Test
    void aCatalogAndASchemaOfTheSameNameAreTwoObjects() {
        // alice holds select on finance.public only: the catalog shows, its schema finance does not.
        assertThat(values(session("alice"), "SHOW SCHEMAS FROM finance"))
                .containsExactlyInAnyOrder("information_schema", "public");
    }

    @Test
    void trinosOwnCatalogIsNoServicesAndStaysReadable() {
        assertThat(values(session("alice"), "SHOW SCHEMAS FROM system")).contains("runtime", "jdbc");
        assertThat(values(session("alice"), "SHOW FUNCTIONS FROM system.builtin"))
                .contains("exclude_columns", "sequence");
        assertThat(values(session("alice"), "SELECT count(*) FROM system.jdbc.catalogs"))
                .containsExactly(4L);
    }

    @Test
    void catalogsAreCreatedAndDroppedByTheAdministratorsOfEveryService() {
        // carol holds all on catalog * in the trino service: a catalog she creates would be hers to read under *,
        // one she drops may be a Hive-service catalog.
        assertThatThrownBy(() -> control.checkCanCreateCatalog(context("carol"), "shadow"))
                .hasMessageContaining("Access Denied: Cannot create catalog shadow")
                .hasMessageContaining("user [carol] does not have [serviceadmin] privilege on [*]");
        assertThatThrownBy(() -> control.checkCanDropCatalog(context("carol"), "lake"))
                .hasMessageContaining("user [carol] does not have [serviceadmin] privilege on [*]");
        control.checkCanCreateCatalog(context("admin"), "shadow");
    }

    @Test
    void proceduresBeyondATablesOwnFilesAreForAdministratorsOnly() {
        CatalogSchemaTableName orders = new CatalogSchemaTableName("warehouse", "sales", "orders");
        // bob may alter orders: compacting its own files is his, reading other files into it is not.
        control.checkCanExecuteTableProcedure(context("bob"), orders, "optimize");
        assertThatThrownBy(() -> control.checkCanExecuteTableProcedure(context("bob"), orders, "add_files"))
                .hasMessageContaining("user [bob] does not have [write_sysinfo] privilege on [*]");
        // bob may execute warehouse's procedures in Trino's plugin's terms; migrate moves a table to another model.
        assertThatThrownBy(() -> control.checkCanExecuteProcedure(
                        context("bob"), new CatalogSchemaRoutineName("warehouse", "system", "migrate")))
                .hasMessageContaining("user [bob] does not have [write_sysinfo] privilege on [*]");
        control.checkCanExecuteProcedure(
                context("admin"), new CatalogSchemaRoutineName("warehouse", "system", "migrate"));
    }

    private static Map<String, String> table(String catalog, String schema, String table) {
        return Map.of("catalog", catalog, "schema", schema, "table", table, "column", "*");
    }

    private static Session session(String user) {
        Identity identity = Identity.forUser(user)
                .withGroups(GROUPS.getOrDefault(user, Set.of()))
                .build();
        return testSessionBuilder()
                .setOriginalIdentity(identity)
                .setIdentity(identity)
                .setCatalog("warehouse")
                .setSchema("sales")
                .build();
    }

    private static SystemSecurityContext context(String user) {
        return new SystemSecurityContext(
                Identity.forUser(user)
                        .withGroups(GROUPS.getOrDefault(user, Set.of()))
                        .build(),
                QueryId.valueOf("trino_service"),
                Instant.now());
    }

    private static List<Object> values(Session session, String sql) {
        return trino.execute(session, sql).getMaterializedRows().stream()
                .map(row -> row.getField(0))
                .toList();
    }
}
