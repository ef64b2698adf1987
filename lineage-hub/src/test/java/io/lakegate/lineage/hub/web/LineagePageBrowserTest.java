package io.lakegate.lineage.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.HubConfig;
import io.lakegate.lineage.hub.LineageHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lineage page in a real headless Chromium, against a hub holding a graph from three engines. */
class LineagePageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METASTORE = "hive://metastore:9083";
    private static final String ORDERS = "dataset:" + METASTORE + ":sales.orders";
    private static final String TOTALS = "dataset:" + METASTORE + ":sales.totals";
    private static final String REPORT = "dataset:" + METASTORE + ":bi.daily_report";
    private static final String STREAM = "dataset:kafka://broker:9092:orders_topic";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static LineageHub hub;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        hub = LineageHub.start(HubConfig.embedded(dataDir));
        post(event(
                "flink",
                "ingest_orders",
                List.of(dataset("kafka://broker:9092", "orders_topic", null)),
                List.of(dataset(METASTORE, "sales.orders", null)),
                null));
        ObjectNode governedOrders = dataset(METASTORE, "sales.orders", null);
        ObjectNode governance = governedOrders.putObject("inputFacets").putObject("lakegate_governance");
        governance.put("_producer", "https://lakegate.io/spark-authz-plugin");
        governance.put("_schemaURL", "https://lakegate.io/spec/facets/1-0-0/LakegateGovernanceInputDatasetFacet.json");
        governance.put("user", "bob");
        ObjectNode masked = governance.putArray("maskedColumns").addObject();
        masked.put("name", "ssn");
        masked.put("maskType", "MASK_SHOW_LAST_4");
        governance.putObject("rowFilter").put("expression", "region = 'EU'");
        post(event(
                "spark",
                "daily_totals",
                List.of(governedOrders),
                List.of(dataset(METASTORE, "sales.totals", "sales.orders")),
                "INSERT INTO sales.totals SELECT ..."));
        post(event(
                "trino",
                "daily_report",
                List.of(dataset(METASTORE, "sales.totals", null)),
                List.of(dataset(METASTORE, "bi.daily_report", null)),
                "CREATE TABLE bi.daily_report AS SELECT ..."));
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        hub.close();
    }

    @Test
    void drawsTheGraphAndAClickOnADatasetShowsItsColumnsAndGovernance() throws Exception {
        browser.get(hub.baseUri().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(
                driver -> "ready".equals(driver.findElement(By.tagName("body")).getAttribute("data-state")));

        JavascriptExecutor js = browser;
        @SuppressWarnings("unchecked")
        List<String> nodes =
                (List<String>) js.executeScript("return window.lakegate.cy.nodes().map(n => n.id()).sort();");
        assertThat(nodes)
                .containsExactlyInAnyOrder(
                        ORDERS,
                        TOTALS,
                        REPORT,
                        STREAM,
                        "job:flink:ingest_orders",
                        "job:spark:daily_totals",
                        "job:trino:daily_report");
        @SuppressWarnings("unchecked")
        List<String> edges = (List<String>) js.executeScript(
                "return window.lakegate.cy.edges().map(e => e.source().id() + ' -> ' + e.target().id()).sort();");
        assertThat(edges)
                .containsExactlyInAnyOrder(
                        STREAM + " -> job:flink:ingest_orders",
                        "job:flink:ingest_orders -> " + ORDERS,
                        ORDERS + " -> job:spark:daily_totals",
                        "job:spark:daily_totals -> " + TOTALS,
                        TOTALS + " -> job:trino:daily_report",
                        "job:trino:daily_report -> " + REPORT);
        // Left to right: each dataset is drawn left of the jobs that read it.
        Number ordersX = (Number)
                js.executeScript("return window.lakegate.cy.getElementById(arguments[0]).position('x');", ORDERS);
        Number sparkX = (Number)
                js.executeScript("return window.lakegate.cy.getElementById('job:spark:daily_totals').position('x');");
        assertThat(ordersX.doubleValue()).isLessThan(sparkX.doubleValue());
        assertThat((String) js.executeScript(
                        "return window.lakegate.cy.getElementById('job:trino:daily_report').data('label');"))
                .contains("trino");

        clickNode(ORDERS);
        wait.until(ExpectedConditions.textToBe(By.id("panel-title"), "sales.orders"));
        // The title shows at once; the panel's sections when its data arrived.
        WebElement ssn = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#schema tr.field[data-field='ssn']")));
        assertThat(ssn.getAttribute("class")).contains("masked");
        assertThat(ssn.getText()).contains("MASK_SHOW_LAST_4");
        assertThat(browser.findElement(By.cssSelector("#schema tr.field[data-field='id']"))
                        .getAttribute("class"))
                .doesNotContain("masked");
        assertThat(browser.findElement(By.id("masked-columns")).getText()).contains("ssn");
        assertThat(browser.findElement(By.id("row-filters")).getText())
                .contains("region = 'EU'")
                .contains("bob");
        assertThat(browser.findElement(By.id("masked-reads")).getText())
                .contains("bob")
                .contains("daily_totals");
        assertThat(browser.findElement(By.id("pii-jobs")).getText()).contains("daily_totals");
        assertThat(browser.findElement(By.id("downstream")).getText())
                .contains("sales.totals")
                .contains("bi.daily_report");
        assertThat(browser.findElement(By.id("upstream")).getText()).contains("orders_topic");
        assertThat(browser.findElement(By.id("readers")).getText())
                .contains("spark")
                .contains("COMPLETED");

        Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path saved = Path.of("target", "lineage-page.png");
        Files.copy(screenshot, saved, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(saved)).isGreaterThan(10_000);

        clickNode("job:trino:daily_report");
        wait.until(ExpectedConditions.textToBe(By.id("panel-title"), "daily_report"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tr.run")));
        assertThat(browser.findElement(By.id("sql")).getText()).isEqualTo("CREATE TABLE bi.daily_report AS SELECT ...");
        assertThat(browser.findElement(By.id("job-engine")).getText()).contains("trino");
        assertThat(browser.findElement(By.id("runs")).getText()).contains("COMPLETED");
    }

    @Test
    void searchFindsATableAndFocusesIt() {
        browser.get(hub.baseUri().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(
                driver -> "ready".equals(driver.findElement(By.tagName("body")).getAttribute("data-state")));
        browser.findElement(By.id("search")).sendKeys("daily_rep");
        WebElement result = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#search-results .search-result[data-node-id='" + REPORT + "']")));
        result.click();
        wait.until(ExpectedConditions.textToBe(By.id("panel-title"), "bi.daily_report"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upstream"), "sales.orders"));
        assertThat(browser.findElement(By.id("upstream")).getText())
                .contains("sales.totals")
                .contains("sales.orders");
    }

    /** A real mouse click where cytoscape drew the node. */
    private static void clickNode(String nodeId) {
        JavascriptExecutor js = browser;
        @SuppressWarnings("unchecked")
        Map<String, Number> position = (Map<String, Number>) js.executeScript(
                "const p = window.lakegate.cy.getElementById(arguments[0]).renderedPosition(); return {x: p.x, y: p.y};",
                nodeId);
        WebElement graph = browser.findElement(By.id("graph"));
        int x = (int)
                Math.round(position.get("x").doubleValue() - graph.getSize().getWidth() / 2.0);
        int y = (int)
                Math.round(position.get("y").doubleValue() - graph.getSize().getHeight() / 2.0);
        new Actions(browser).moveToElement(graph, x, y).click().perform();
    }

    private static ObjectNode dataset(String namespace, String name, String columnsFrom) {
        ObjectNode dataset = JSON.createObjectNode();
        dataset.put("namespace", namespace);
        dataset.put("name", name);
        ObjectNode facets = dataset.putObject("facets");
        ObjectNode schema = facets.putObject("schema");
        schema.put("_producer", "https://lakegate.io/tests");
        schema.put("_schemaURL", "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json");
        ArrayNode fields = schema.putArray("fields");
        for (String field : List.of("id", "ssn", "amount")) {
            fields.addObject().put("name", field).put("type", field.equals("amount") ? "decimal(10,2)" : "string");
        }
        if (columnsFrom != null) {
            ObjectNode lineage = facets.putObject("columnLineage");
            lineage.put("_producer", "https://lakegate.io/tests");
            lineage.put("_schemaURL", "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json");
            ObjectNode columns = lineage.putObject("fields");
            for (String field : List.of("id", "amount")) {
                ObjectNode input =
                        columns.putObject(field).putArray("inputFields").addObject();
                input.put("namespace", METASTORE).put("name", columnsFrom).put("field", field);
            }
        }
        return dataset;
    }

    private static ObjectNode event(
            String engine, String job, List<ObjectNode> inputs, List<ObjectNode> outputs, String sql) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", Instant.now().toString());
        event.put("producer", "https://lakegate.io/tests/" + engine);
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", UUID.randomUUID().toString());
        ObjectNode jobJson = event.putObject("job");
        jobJson.put("namespace", engine);
        jobJson.put("name", job);
        ObjectNode facets = jobJson.putObject("facets");
        ObjectNode jobType = facets.putObject("jobType");
        jobType.put("_producer", "https://lakegate.io/tests");
        jobType.put("_schemaURL", "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json");
        jobType.put("processingType", engine.equals("flink") ? "STREAMING" : "BATCH");
        jobType.put("integration", engine.toUpperCase(Locale.ROOT));
        if (sql != null) {
            ObjectNode sqlFacet = facets.putObject("sql");
            sqlFacet.put("_producer", "https://lakegate.io/tests");
            sqlFacet.put("_schemaURL", "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json");
            sqlFacet.put("query", sql);
        }
        event.set("inputs", JSON.valueToTree(inputs));
        event.set("outputs", JSON.valueToTree(outputs));
        return event;
    }

    private static void post(ObjectNode event) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(hub.baseUri() + "api/v1/lineage"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(event.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
