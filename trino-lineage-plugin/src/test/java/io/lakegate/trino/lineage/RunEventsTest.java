package io.lakegate.trino.lineage;

import static io.lakegate.trino.lineage.Events.dataset;
import static io.lakegate.trino.lineage.Events.datasets;
import static io.lakegate.trino.lineage.Events.fields;
import static io.lakegate.trino.lineage.Events.indirect;
import static io.lakegate.trino.lineage.Events.runId;
import static io.lakegate.trino.lineage.TrinoWithLineage.METASTORE;
import static io.lakegate.trino.lineage.TrinoWithLineage.TRINO_NAMESPACE;
import static io.lakegate.trino.lineage.TrinoWithLineage.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trino.Session;
import io.trino.testing.MaterializedRow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The events a real Trino 483 sends through the listener for the statements users run, as an HTTP receiver gets them:
 * datasets and their names, column lineage with transformation types, statistics, governance and failures.
 */
class RunEventsTest {
    private static final TrinoWithLineage TRINO = TrinoWithLineage.get();
    private static final Session ADMIN = session("admin");
    private static final Session ALICE = session("alice");

    @Test
    void ctasOfAFilteredSelectHasItsDatasetsColumnLineageAndStatistics() {
        String sql = "CREATE TABLE hive.analytics.eu_orders AS"
                + " SELECT order_id, amount * 2 AS doubled, region FROM hive.sales.orders WHERE region = 'EU'";
        assertThat(TRINO.run(ADMIN, sql).getOnlyValue()).isEqualTo(4L);

        JsonNode start = TRINO.event("START", sql);
        JsonNode complete = TRINO.event("COMPLETE", sql);
        assertThat(runId(start)).isEqualTo(runId(complete));
        assertThat(UUID.fromString(runId(complete)).version()).isEqualTo(7);
        assertThat(start.path("inputs")).isEmpty();
        assertThat(start.path("outputs")).isEmpty();
        assertThat(complete.path("producer").asText()).isEqualTo("https://lakegate.io/trino-lineage-plugin");

        JsonNode job = complete.path("job");
        String queryId = complete.path("run")
                .path("facets")
                .path("trino_query")
                .path("queryId")
                .asText();
        assertThat(job.path("namespace").asText()).isEqualTo("lakegate-test");
        assertThat(job.path("name").asText()).isEqualTo(queryId);
        assertThat(start.path("job").path("name").asText()).isEqualTo(queryId);
        assertThat(job.path("facets").path("sql").path("dialect").asText()).isEqualTo("trino");
        assertThat(job.path("facets").path("jobType").path("integration").asText())
                .isEqualTo("TRINO");
        assertThat(job.path("facets").path("jobType").path("processingType").asText())
                .isEqualTo("BATCH");
        assertThat(job.path("facets")
                        .path("ownership")
                        .path("owners")
                        .path(0)
                        .path("name")
                        .asText())
                .isEqualTo("admin");
        JsonNode engine = complete.path("run").path("facets").path("processing_engine");
        assertThat(engine.path("name").asText()).isEqualTo("Trino");
        assertThat(engine.path("version").asText()).isEqualTo("483");
        assertThat(engine.path("openlineageAdapterVersion").asText()).isEqualTo("0.1.0-SNAPSHOT");
        JsonNode query = complete.path("run").path("facets").path("trino_query");
        assertThat(query.path("queryType").asText()).isEqualTo("INSERT");
        assertThat(query.path("updateType").asText()).isEqualTo("CREATE TABLE");
        assertThat(query.path("user").asText()).isEqualTo("admin");
        assertThat(query.path("source").asText()).isEqualTo("lineage-test");

        // The Hive-metastore catalog's tables, named as Spark's and Flink's integrations name them.
        assertThat(datasets(complete, "inputs")).containsExactly(METASTORE + " sales.orders");
        assertThat(datasets(complete, "outputs")).containsExactly(METASTORE + " analytics.eu_orders");
        JsonNode orders = dataset(complete, "inputs", "sales.orders");
        assertThat(orders.path("inputFacets")
                        .path("inputStatistics")
                        .path("rowCount")
                        .asLong())
                .isEqualTo(10);
        assertThat(orders.path("inputFacets")
                        .path("inputStatistics")
                        .path("size")
                        .asLong())
                .isPositive();
        assertThat(orders.path("facets").path("schema").path("fields").findValuesAsText("name"))
                .containsExactlyInAnyOrder("order_id", "amount", "region");
        assertThat(orders.path("inputFacets").has("lakegate_governance")).isFalse();

        JsonNode output = dataset(complete, "outputs", "analytics.eu_orders");
        assertThat(output.path("outputFacets")
                        .path("outputStatistics")
                        .path("rowCount")
                        .asLong())
                .isEqualTo(4);
        assertThat(output.path("outputFacets")
                        .path("outputStatistics")
                        .path("size")
                        .asLong())
                .isPositive();
        assertThat(output.path("facets").path("schema").path("fields").findValuesAsText("type"))
                .containsExactly("bigint", "decimal(20,2)", "varchar");
        JsonNode lineage = output.path("facets").path("columnLineage");
        assertThat(fields(lineage))
                .containsExactly(
                        Map.entry("order_id", List.of("sales.orders.order_id DIRECT/IDENTITY")),
                        Map.entry("doubled", List.of("sales.orders.amount DIRECT/TRANSFORMATION")),
                        Map.entry("region", List.of("sales.orders.region DIRECT/IDENTITY")));
        assertThat(indirect(lineage)).containsExactly("sales.orders.region INDIRECT/FILTER");
    }

    @Test
    void insertWithAColumnListMatchesSourcesByTheNamesItLists() {
        TRINO.run(
                ADMIN,
                "CREATE TABLE hive.analytics.big_orders (order_id bigint, region varchar, bumped decimal(11,2))");
        String sql = "INSERT INTO hive.analytics.big_orders (region, bumped, order_id)"
                + " SELECT upper(region), amount + 1, order_id FROM hive.sales.orders WHERE amount > 100";
        assertThat(TRINO.run(ADMIN, sql).getOnlyValue()).isEqualTo(3L);

        JsonNode complete = TRINO.event("COMPLETE", sql);
        JsonNode output = dataset(complete, "outputs", "analytics.big_orders");
        assertThat(output.path("outputFacets")
                        .path("outputStatistics")
                        .path("rowCount")
                        .asLong())
                .isEqualTo(3);
        assertThat(fields(output.path("facets").path("columnLineage")))
                .containsOnly(
                        Map.entry("order_id", List.of("sales.orders.order_id DIRECT/IDENTITY")),
                        Map.entry("region", List.of("sales.orders.region DIRECT/TRANSFORMATION")),
                        Map.entry("bumped", List.of("sales.orders.amount DIRECT/TRANSFORMATION")));
        assertThat(indirect(output.path("facets").path("columnLineage")))
                .containsExactly("sales.orders.amount INDIRECT/FILTER");
    }

    @Test
    void joinsAndAggregatesAreToldApartFromCopies() {
        String sql = "CREATE TABLE hive.analytics.revenue_by_country AS"
                + " SELECT c.country, sum(o.amount) AS revenue, count(*) AS orders"
                + " FROM hive.sales.orders o JOIN hive.sales.customers c ON o.customer_id = c.customer_id"
                + " GROUP BY c.country";
        assertThat(TRINO.run(ADMIN, sql).getOnlyValue()).isEqualTo(4L);

        JsonNode complete = TRINO.event("COMPLETE", sql);
        assertThat(datasets(complete, "inputs"))
                .containsExactlyInAnyOrder(METASTORE + " sales.orders", METASTORE + " sales.customers");
        assertThat(dataset(complete, "inputs", "sales.customers")
                        .path("inputFacets")
                        .path("inputStatistics")
                        .path("rowCount")
                        .asLong())
                .isEqualTo(5);
        JsonNode lineage = dataset(complete, "outputs", "analytics.revenue_by_country")
                .path("facets")
                .path("columnLineage");
        // count(*) reads no column: no input field, as Trino reports it.
        assertThat(fields(lineage))
                .containsExactly(
                        Map.entry("country", List.of("sales.customers.country DIRECT/IDENTITY")),
                        Map.entry("revenue", List.of("sales.orders.amount DIRECT/AGGREGATION")));
        assertThat(indirect(lineage))
                .containsExactly(
                        "sales.customers.country INDIRECT/GROUP_BY",
                        "sales.customers.customer_id INDIRECT/JOIN",
                        "sales.orders.customer_id INDIRECT/JOIN");
    }

    @Test
    void aSelectCarriesTheColumnLineageOfItsResult() {
        String sql = "SELECT region, amount, rank() OVER (PARTITION BY region ORDER BY amount DESC) AS r"
                + " FROM hive.sales.orders ORDER BY region";
        assertThat(TRINO.run(ADMIN, sql).getRowCount()).isEqualTo(10);

        JsonNode complete = TRINO.event("COMPLETE", sql);
        assertThat(datasets(complete, "inputs")).containsExactly(METASTORE + " sales.orders");
        assertThat(complete.path("outputs")).isEmpty();
        JsonNode lineage = complete.path("run").path("facets").path("lakegate_selectColumnLineage");
        assertThat(fields(lineage))
                .containsExactly(
                        Map.entry("region", List.of("sales.orders.region DIRECT/IDENTITY")),
                        Map.entry("amount", List.of("sales.orders.amount DIRECT/IDENTITY")),
                        Map.entry(
                                "r",
                                List.of(
                                        "sales.orders.amount DIRECT/TRANSFORMATION",
                                        "sales.orders.region DIRECT/TRANSFORMATION")));
        assertThat(indirect(lineage))
                .containsExactly(
                        "sales.orders.amount INDIRECT/WINDOW", "sales.orders.region INDIRECT/SORT INDIRECT/WINDOW");
    }

    @Test
    void aMaskedAndFilteredReadSaysWhatTheUserSaw() {
        String sql = "SELECT c.name, c.email, o.amount FROM customers c JOIN orders o ON c.customer_id = o.customer_id";
        List<MaterializedRow> rows = TRINO.run(ALICE, sql).getMaterializedRows();
        // What the listener reports is what happened: alice saw EU orders only, and hashed e-mails.
        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(row -> assertThat((String) row.getField(1)).matches("[0-9a-f]{64}"));

        JsonNode complete = TRINO.event("COMPLETE", sql);
        JsonNode customers = dataset(complete, "inputs", "sales.customers")
                .path("inputFacets")
                .path("lakegate_governance");
        assertThat(customers.path("user").asText()).isEqualTo("alice");
        assertThat(customers.path("maskedColumns")).hasSize(1);
        assertThat(customers.path("maskedColumns").path(0).path("name").asText())
                .isEqualTo("email");
        assertThat(customers.path("maskedColumns").path(0).path("maskType").asText())
                .isEqualTo("MASK_HASH");
        assertThat(customers.path("maskedColumns").path(0).path("expression").asText())
                .isEqualTo("CAST(lower(to_hex(sha256(to_utf8(\"email\")))) AS varchar)");
        assertThat(customers.has("rowFilter")).isFalse();
        JsonNode orders =
                dataset(complete, "inputs", "sales.orders").path("inputFacets").path("lakegate_governance");
        assertThat(orders.path("user").asText()).isEqualTo("alice");
        assertThat(orders.path("maskedColumns")).isEmpty();
        assertThat(orders.path("rowFilter").path("expression").asText()).isEqualTo("(region = 'EU')");

        JsonNode lineage = complete.path("run").path("facets").path("lakegate_selectColumnLineage");
        assertThat(fields(lineage))
                .containsExactly(
                        Map.entry("name", List.of("sales.customers.name DIRECT/IDENTITY")),
                        Map.entry("email", List.of("sales.customers.email DIRECT/IDENTITY masked")),
                        Map.entry("amount", List.of("sales.orders.amount DIRECT/IDENTITY")));

        // By default the facet says which masks and that a filter applied, not the policies' SQL.
        JsonNode defaults = TRINO.defaultsEvent("COMPLETE", sql);
        JsonNode hidden = dataset(defaults, "inputs", "sales.customers")
                .path("inputFacets")
                .path("lakegate_governance");
        assertThat(hidden.path("maskedColumns").path(0).path("maskType").asText())
                .isEqualTo("MASK_HASH");
        assertThat(hidden.path("maskedColumns").path(0).has("expression")).isFalse();
        assertThat(dataset(defaults, "inputs", "sales.orders")
                        .path("inputFacets")
                        .path("lakegate_governance")
                        .path("rowFilter")
                        .path("expression")
                        .asText())
                .isEqualTo("(hidden)");

        // The same query as admin: no policy applied, no governance facet.
        String adminSql = sql + " WHERE o.amount > 0";
        TRINO.run(ADMIN, adminSql);
        JsonNode adminRead = TRINO.event("COMPLETE", adminSql);
        assertThat(dataset(adminRead, "inputs", "sales.customers")
                        .path("inputFacets")
                        .has("lakegate_governance"))
                .isFalse();
    }

    @Test
    void aReadANameShadowedElsewhereHidesIsStillSent() {
        // The WITH inside the subquery defines a "customers" of its own; the outer customers is alice's masked table.
        String sql = "SELECT name, email FROM customers WHERE EXISTS"
                + " (WITH customers AS (SELECT 1 AS x) SELECT x FROM customers)";
        assertThat(TRINO.run(ALICE, sql).getRowCount()).isEqualTo(5);

        JsonNode complete = TRINO.event("COMPLETE", sql);
        assertThat(datasets(complete, "inputs")).containsExactly(METASTORE + " sales.customers");
        assertThat(dataset(complete, "inputs", "sales.customers")
                        .path("inputFacets")
                        .path("lakegate_governance")
                        .path("maskedColumns")
                        .path(0)
                        .path("name")
                        .asText())
                .isEqualTo("email");
    }

    @Test
    void aFailingQuerySendsFailWithItsError() {
        String sql = "SELECT CAST(region AS integer) FROM hive.sales.orders";
        assertThatThrownBy(() -> TRINO.run(ADMIN, sql)).hasMessageContaining("Cannot cast 'EU' to INT");

        JsonNode start = TRINO.event("START", sql);
        JsonNode fail = TRINO.event("FAIL", sql);
        assertThat(runId(fail)).isEqualTo(runId(start));
        JsonNode error = fail.path("run").path("facets").path("errorMessage");
        assertThat(error.path("message").asText()).isEqualTo("Cannot cast 'EU' to INT");
        assertThat(error.path("stackTrace").asText()).startsWith("INVALID_CAST_ARGUMENT (USER_ERROR)");
        assertThat(datasets(fail, "inputs")).containsExactly(METASTORE + " sales.orders");
    }

    @Test
    void aDeniedQuerySendsFailNamingTheDenial() {
        TRINO.run(ADMIN, "CREATE TABLE hive.analytics.secrets (x integer)");
        String sql = "SELECT count(*) FROM hive.analytics.secrets";
        assertThatThrownBy(() -> TRINO.run(ALICE, sql)).hasMessageContaining("Access Denied");

        JsonNode fail = TRINO.event("FAIL", sql);
        assertThat(fail.path("run")
                        .path("facets")
                        .path("errorMessage")
                        .path("message")
                        .asText())
                .contains("Access Denied")
                .contains("alice");
        assertThat(fail.path("job")
                        .path("facets")
                        .path("ownership")
                        .path("owners")
                        .path(0)
                        .path("name")
                        .asText())
                .isEqualTo("alice");
    }

    @Test
    void aSchedulersParentRunComesFromClientTags() {
        UUID parent = UUID.randomUUID();
        Session tagged = session(
                "admin",
                Set.of(
                        "openlineage.parent.run-id=" + parent,
                        "openlineage.parent.job-namespace=airflow",
                        "openlineage.parent.job-name=nightly.load_orders"));
        String sql = "SELECT max(amount) FROM hive.sales.orders WHERE region = 'NA'";
        TRINO.run(tagged, sql);

        for (String type : List.of("START", "COMPLETE")) {
            JsonNode facet = TRINO.event(type, sql).path("run").path("facets").path("parent");
            assertThat(facet.path("run").path("runId").asText()).isEqualTo(parent.toString());
            assertThat(facet.path("job").path("namespace").asText()).isEqualTo("airflow");
            assertThat(facet.path("job").path("name").asText()).isEqualTo("nightly.load_orders");
        }

        // Without all three tags, or with a run id that is no UUID, there is no parent: never a made-up one.
        String untagged = "SELECT min(amount) FROM hive.sales.orders WHERE region = 'NA'";
        TRINO.run(session("admin", Set.of("openlineage.parent.run-id=42", "openlineage.parent.job-name=x")), untagged);
        assertThat(TRINO.event("COMPLETE", untagged).path("run").path("facets").has("parent"))
                .isFalse();
    }

    @Test
    void metadataQueriesAndDdlSendNothing() {
        List<String> quiet = List.of(
                "SELECT table_name FROM hive.information_schema.tables WHERE table_schema = 'sales'",
                "SELECT 1",
                "SHOW TABLES FROM hive.sales",
                "SELECT count(*) FROM system.runtime.nodes",
                "CREATE TABLE hive.analytics.ddl_only (x integer)");
        for (String sql : quiet) {
            TRINO.run(ADMIN, sql);
        }
        // Events are sent in the order Trino reported the queries: once this one's COMPLETE is here, the queries
        // before it were decided.
        String marker = "SELECT count(*) FROM hive.sales.orders WHERE order_id > 5";
        TRINO.run(ADMIN, marker);
        TRINO.event("COMPLETE", marker);
        assertThat(TRINO.receiver().events())
                .extracting(event -> event.path("job")
                        .path("facets")
                        .path("sql")
                        .path("query")
                        .asText())
                .doesNotContainAnyElementsOf(quiet);
    }

    @Test
    void excludedTablesAreLeftOutOfEvents() {
        String ctas = "CREATE TABLE hive.scratch.tmp_orders AS SELECT * FROM hive.sales.orders";
        TRINO.run(ADMIN, ctas);
        JsonNode complete = TRINO.event("COMPLETE", ctas);
        assertThat(datasets(complete, "inputs")).containsExactly(METASTORE + " sales.orders");
        assertThat(complete.path("outputs")).isEmpty();

        // A query that reads excluded tables only sends nothing at all.
        String onlyScratch = "SELECT count(*) FROM hive.scratch.tmp_orders";
        TRINO.run(ADMIN, onlyScratch);
        String marker = "SELECT count(*) FROM hive.sales.orders WHERE order_id > 6";
        TRINO.run(ADMIN, marker);
        TRINO.event("COMPLETE", marker);
        assertThat(TRINO.receiver().events())
                .extracting(event -> event.path("job")
                        .path("facets")
                        .path("sql")
                        .path("query")
                        .asText())
                .doesNotContain(onlyScratch);
    }

    @Test
    void tablesOfOtherCatalogsAreNamedByTheCoordinator() {
        String sql =
                "SELECT n.name, r.name FROM tpch.tiny.nation n JOIN tpch.tiny.region r ON n.regionkey = r.regionkey";
        assertThat(TRINO.run(ADMIN, sql).getRowCount()).isEqualTo(25);

        JsonNode complete = TRINO.event("COMPLETE", sql);
        assertThat(datasets(complete, "inputs"))
                .containsExactlyInAnyOrder(
                        TRINO_NAMESPACE + " tpch.tiny.nation", TRINO_NAMESPACE + " tpch.tiny.region");
        assertThat(dataset(complete, "inputs", "tpch.tiny.nation")
                        .path("inputFacets")
                        .path("inputStatistics")
                        .path("rowCount")
                        .asLong())
                .isEqualTo(25);
        assertThat(indirect(complete.path("run").path("facets").path("lakegate_selectColumnLineage")))
                .containsExactly(
                        "tpch.tiny.nation.regionkey INDIRECT/JOIN", "tpch.tiny.region.regionkey INDIRECT/JOIN");
    }

    @Test
    void everyRequestCarriesTheApiKey() {
        String sql = "SELECT count(*) FROM hive.sales.customers";
        TRINO.run(ADMIN, sql);
        TRINO.event("COMPLETE", sql);
        assertThat(TRINO.receiver().authorizations()).isNotEmpty().containsOnly("Bearer " + TrinoWithLineage.API_KEY);
    }
}
