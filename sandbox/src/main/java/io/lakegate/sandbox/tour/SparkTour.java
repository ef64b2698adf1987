package io.lakegate.sandbox.tour;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.jdbc.HiveJdbc;
import io.lakegate.sandbox.service.SandboxContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's Use Case 1 as a guided tour over JDBC: an analyst sees only EU orders and masked customers, an engineer
 * sees everything, the denied user gets Ranger's denial, the analyst's CTAS writes a table, and the lineage hub shows
 * the job with its column lineage.
 */
public final class SparkTour {
    public static final String CTAS_TABLE = "analytics.eu_revenue_by_country";
    private static final String ORDERS_BY_REGION = "SELECT region, count(*) AS orders, sum(amount) AS total"
            + " FROM sales.orders GROUP BY region ORDER BY region";
    private static final String CUSTOMERS =
            "SELECT customer_id, name, email, phone, country FROM sales.customers ORDER BY customer_id LIMIT 4";
    private static final String CTAS = "CREATE TABLE " + CTAS_TABLE + " STORED AS PARQUET AS"
            + " SELECT c.country, sum(o.amount) AS revenue, count(*) AS orders"
            + " FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.customer_id GROUP BY c.country";
    private static final Duration LINEAGE_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxContext context;
    private final HiveJdbc jdbc;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SparkTour(SandboxContext context, HiveJdbc jdbc) {
        this.context = requireNonNull(context, "context is null");
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public void run(PrintStream out) throws Exception {
        DemoAccount alice = context.directory().account("alice");
        DemoAccount bob = context.directory().account("bob");
        DemoAccount mallory = context.directory().account("mallory");
        out.println();
        out.println("== Guided tour: the seed's Use Case 1, through " + jdbc.url() + " ==");

        step(out, "1. alice (analysts) logs in through JDBC; a row filter and masks apply to her");
        try (Connection connection = jdbc.connect(alice.user(), alice.password())) {
            show(out, connection, ORDERS_BY_REGION);
            out.println("   -> only EU orders: policy 'sales.orders: analysts see EU orders' filters her rows");
            show(out, connection, CUSTOMERS);
            out.println("   -> e-mail hashed, phone down to its last 4 digits: the masks of sales.customers");
        }

        step(out, "2. bob (engineers) runs the same queries: every region, nothing masked");
        try (Connection connection = jdbc.connect(bob.user(), bob.password())) {
            show(out, connection, ORDERS_BY_REGION);
            show(out, connection, CUSTOMERS);
        }

        step(out, "3. mallory (contractors) logs in; no policy grants her anything");
        try (Connection connection = jdbc.connect(mallory.user(), mallory.password())) {
            out.println("   " + "SELECT * FROM sales.orders");
            try {
                HiveJdbc.query(connection, "SELECT * FROM sales.orders");
                throw new IllegalStateException("mallory read sales.orders: the policies did not apply");
            } catch (SQLException denied) {
                out.println("   -> " + firstLine(denied));
            }
        }
        try {
            jdbc.connect(mallory.user(), "not-her-password").close();
            throw new IllegalStateException("a wrong password was accepted");
        } catch (SQLException refused) {
            out.println("   a wrong password: " + firstLine(refused));
        }

        step(out, "4. alice writes a table from what she may see (CTAS)");
        try (Connection connection = jdbc.connect(alice.user(), alice.password())) {
            HiveJdbc.execute(connection, "DROP TABLE IF EXISTS " + CTAS_TABLE);
            out.println("   " + CTAS);
            HiveJdbc.execute(connection, CTAS);
            show(out, connection, "SELECT * FROM " + CTAS_TABLE + " ORDER BY country");
            out.println("   -> EU countries only: her row filter applied to what she wrote");
        }

        step(out, "5. the lineage hub has the job and its column lineage");
        Optional<JsonNode> dataset = awaitColumnLineage();
        if (dataset.isEmpty()) {
            out.println("   no lineage for " + CTAS_TABLE + " reached " + context.lineageHubUrl() + " within "
                    + LINEAGE_WAIT.toSeconds() + " s: see " + context.logFile("spark-thrift-server") + " and "
                    + context.logFile("lineage-hub"));
            return;
        }
        JsonNode panel = dataset.get();
        out.println("   dataset " + panel.path("namespace").asText() + " "
                + panel.path("name").asText());
        for (JsonNode writer : panel.path("writers")) {
            out.println("   written by job " + writer.path("name").asText() + " ("
                    + writer.path("engine").asText()
                    + "), last run " + writer.path("lastRun").path("state").asText() + ", owner "
                    + writer.path("lastRun").path("owner").asText());
        }
        for (JsonNode column : panel.path("columnLineage")) {
            List<String> from = new ArrayList<>();
            for (JsonNode input : column.path("inputs")) {
                from.add(input.path("name").asText() + "." + input.path("field").asText());
            }
            out.println("   column " + column.path("field").asText() + " <- " + String.join(", ", from));
        }
        out.println("   see it: " + context.lineageHubUrl() + "/#node="
                + URLEncoder.encode(panel.path("id").asText(), StandardCharsets.UTF_8));
    }

    /** The hub's panel of the CTAS's table once its column lineage arrived, polling up to {@link #LINEAGE_WAIT}. */
    private Optional<JsonNode> awaitColumnLineage() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LINEAGE_WAIT.toNanos();
        String table = CTAS_TABLE.substring(CTAS_TABLE.indexOf('.') + 1);
        while (System.nanoTime() < deadline) {
            for (JsonNode result : get("/api/v1/search?q=" + table).path("results")) {
                if (result.path("type").asText().equals("DATASET")) {
                    JsonNode panel = get("/api/v1/lakegate/dataset?nodeId="
                            + URLEncoder.encode(result.path("nodeId").asText(), StandardCharsets.UTF_8));
                    if (!panel.path("columnLineage").isEmpty()
                            && !panel.path("writers").isEmpty()) {
                        return Optional.of(panel);
                    }
                }
            }
            // The agent sends the CTAS's events after the statement returns; poll until they are in.
            Thread.sleep(500);
        }
        return Optional.empty();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(context.lineageHubUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return JSON.createObjectNode();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void step(PrintStream out, String title) {
        out.println();
        out.println(title);
    }

    private static void show(PrintStream out, Connection connection, String sql) throws SQLException {
        out.println("   " + sql);
        out.print(Tables.format(HiveJdbc.query(connection, sql), "     "));
    }

    private static String firstLine(SQLException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.toString());
        int permission = message.indexOf("Permission denied");
        String line = permission >= 0 ? message.substring(permission) : message;
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }
}
