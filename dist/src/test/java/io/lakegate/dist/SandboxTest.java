package io.lakegate.dist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lakegate sandbox} started as a user starts it, from the distribution: the guided tour, then Kyuubi's JDBC
 * driver logging in as each demonstration user through the LDAP directory, Ranger's policies as the policy server
 * serves them (and an edit of the policies file taking effect), the lineage hub's graph of the tour's CTAS; then a
 * stop that leaves no process behind, and a restart that finds everything where it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxTest {
    private static final Path LAKEGATE = Path.of(property("lakegate.dist.dir")).resolve("bin/lakegate");
    // Away from the standard ports, so that a sandbox a developer runs on this machine does not get in the way.
    private static final int PORT_OFFSET = 21_000;
    private static final String JDBC = "jdbc:kyuubi://127.0.0.1:" + (10_000 + PORT_OFFSET) + "/default";
    private static final String HUB = "http://127.0.0.1:" + (5_000 + PORT_OFFSET);
    private static final String FLINK = "http://127.0.0.1:" + (8_083 + PORT_OFFSET);
    private static final String CTAS_TABLE =
            "dataset:hive://127.0.0.1:" + (9_083 + PORT_OFFSET) + ":analytics.eu_revenue_by_country";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    private static Path data;
    private static Launched sandbox;

    @AfterAll
    static void stopWhatIsLeft() throws Exception {
        if (sandbox != null && sandbox.process().isAlive()) {
            sandbox.stop();
        }
    }

    @Test
    @Order(1)
    void startsEverythingAndRunsTheTour() throws Exception {
        data = work.resolve("sandbox-data");
        sandbox = Launched.start(data, work.resolve("first-start.out"), "--port-offset", Integer.toString(PORT_OFFSET));
        List<String> out = sandbox.awaitReady();
        String text = String.join("\n", out);
        assertThat(text)
                .contains("metastore is up", "policy-server is up", "ldap is up", "lineage-hub is up")
                .contains("spark-thrift-server is up (jdbc:hive2://127.0.0.1:" + (10_000 + PORT_OFFSET) + "/default)")
                .contains("trino is up (https://127.0.0.1:" + (8_080 + PORT_OFFSET) + ")")
                .contains("kafka is up (127.0.0.1:", "flink is up (" + FLINK + ")")
                .contains("alice     / alice-pw")
                .containsPattern("Lakegate sandbox is up in [0-9.]+ s, using [0-9.]+ GiB of memory")
                // The service account may do anything: its password is the data directory's own, never printed.
                .contains("lakegate  / (generated)");
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        // Every service, the metastore and Spark's UI included, on the loopback address only: nobody else reaches
        // the metastore (no authentication: whoever reaches it can repoint a table at another's files).
        assertThat(listeningAddresses(PORT_OFFSET + 9_083)).containsOnly("127.0.0.1");
        assertThat(listeningAddresses(PORT_OFFSET + 4_040)).containsOnly("127.0.0.1");
        assertThat(listeningAddresses(PORT_OFFSET + 10_389)).containsOnly("127.0.0.1");
        assertThat(listeningAddresses(PORT_OFFSET + 10_000)).containsOnly("127.0.0.1");
        assertThat(listeningAddresses(PORT_OFFSET + 8_080)).containsOnly("127.0.0.1");
        assertThat(listeningAddresses(PORT_OFFSET + 8_083)).containsOnly("127.0.0.1");
        // And every other socket any of its processes listens on: Kafka's broker and controller (no authentication:
        // whoever reaches them reads the topic, whatever Ranger's Kafka service says), the Flink gateway behind its
        // login and the local clusters of its jobs.
        Map<String, List<String>> listening = listeningSockets(sandbox.processes());
        assertThat(listening).containsKeys("port " + (PORT_OFFSET + 9_083), "port " + (PORT_OFFSET + 8_083));
        assertOnLoopback(listening);
        // The tour, as the user reads it: alice's filtered and masked rows, bob's, mallory's denial, the CTAS and
        // its lineage.
        assertThat(section(out, "1. alice", "2. bob"))
                .contains("EU     | 4      | 445.75")
                .doesNotContain("NA ", "APAC", "anna.schmidt@example.de", "+49 30 1234 5678")
                .contains("+xx xx xxxx 5678");
        assertThat(section(out, "2. bob", "3. mallory")).contains("APAC", "anna.schmidt@example.de");
        assertThat(section(out, "3. mallory", "4. alice"))
                .contains("Permission denied: user [mallory] does not have [select] privilege on [sales/orders/");
        assertThat(section(out, "4. alice", "5. the lineage hub"))
                .contains("DE      | 160.00  | 2", "ES      | 210.25  | 1", "FR      | 75.50   | 1")
                .doesNotContain("US ");
        assertThat(section(out, "5. the lineage hub", "== The same policies in Trino"))
                .contains("column country <- sales.customers.country", "column revenue <- sales.orders.amount");
        // One policy set: Trino, on the same metastore, gives alice Spark's rows and masked values, mallory a denial.
        String trino = section(out, "T1. alice", "T2. mallory");
        assertThat(trino)
                .contains("EU     | 4      | 445.75", "+xx xx xxxx 5678")
                .doesNotContain("NOT the rows", "NA ", "anna.schmidt@example.de", "+49 30 1234 5678");
        assertThat(trino.split("the same rows as Spark's for alice", -1)).hasSize(3);
        // The seed's streaming query in Flink: alice's row filter keeps staff's clicks from her, bob sees them,
        // carol may read the table by the Hive service but not consume its topic by the Kafka service.
        assertThat(section(out, "F2. alice", "F3. bob"))
                .contains("/home", "/products")
                .doesNotContain("/admin");
        assertThat(section(out, "F3. bob", "F4. carol"))
                .contains("/admin", "-> /admin in bob's windows, never in alice's");
        assertThat(section(out, "F4. carol", "F5. bob"))
                .contains("-> Permission denied: user [carol] does not have [consume] privilege on"
                        + " [clickstream_events]");
        assertThat(section(out, "F5. bob", "Try it: curl")).contains("-> job ", " submitted; the lineage hub");
        assertThat(section(out, "T2. mallory", "Ready for your own client"))
                .contains("Access Denied: Cannot select from columns")
                .contains("Permission denied: user [mallory] does not have [select] privilege on [sales/orders/");
    }

    @Test
    @Order(2)
    void eachDemonstrationUserGetsWhatThePoliciesSay() throws Exception {
        try (Connection alice = connect("alice", "alice-pw")) {
            assertThat(rows(alice, "SELECT DISTINCT region FROM sales.orders")).containsExactly(List.of("EU"));
            List<List<String>> customers =
                    rows(alice, "SELECT email, phone FROM sales.customers WHERE customer_id = 1");
            assertThat(customers.get(0).get(0)).matches("[0-9a-f]{64}");
            assertThat(customers.get(0).get(1)).isEqualTo("+xx xx xxxx 5678");
            assertThatThrownBy(() -> rows(alice, "SELECT * FROM hr.salaries"))
                    .hasMessageContaining(
                            "Permission denied: user [alice] does not have [select] privilege on" + " [hr/salaries/");
            assertThat(rows(alice, "SELECT current_user()")).containsExactly(List.of("alice"));
        }
        try (Connection bob = connect("bob", "bob-pw")) {
            assertThat(rows(bob, "SELECT count(*) FROM sales.orders")).containsExactly(List.of("10"));
            assertThat(rows(bob, "SELECT email FROM sales.customers WHERE customer_id = 1"))
                    .containsExactly(List.of("anna.schmidt@example.de"));
            // The tour's CTAS wrote EU rows only: alice's row filter applied to what she wrote.
            assertThat(rows(bob, "SELECT country FROM analytics.eu_revenue_by_country ORDER BY country"))
                    .containsExactly(List.of("DE"), List.of("ES"), List.of("FR"));
        }
        try (Connection carol = connect("carol", "carol-pw")) {
            assertThat(rows(carol, "SELECT count(*) FROM hr.salaries")).containsExactly(List.of("3"));
            assertThat(rows(carol, "SELECT phone FROM sales.customers WHERE customer_id = 4"))
                    .containsExactly(List.of("+x xxx xxx 0134"));
            assertThatThrownBy(() -> execute(carol, "INSERT INTO hr.salaries VALUES ('Carol', 'Compliance', 1.00)"))
                    .hasMessageContaining(
                            "Permission denied: user [carol] does not have [update] privilege on" + " [hr/salaries]");
        }
        try (Connection carol = connect("carol", "carol-pw")) {
            assertThat(rows(carol, "SELECT count(*) FROM hr.salaries"))
                    .as("the refused INSERT wrote nothing")
                    .containsExactly(List.of("3"));
        }
        try (Connection mallory = connect("mallory", "mallory-pw")) {
            assertThatThrownBy(() -> rows(mallory, "SELECT customer_id FROM sales.customers"))
                    .hasMessageContaining("Permission denied: user [mallory] does not have [select] privilege on"
                            + " [sales/customers/customer_id]");
        }
        assertThatThrownBy(() -> connect("alice", "wrong-password").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Error validating the login");
        // The directory is the LDIF file's: no client changes a password or adds a user, not even anonymously.
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", 10_389 + PORT_OFFSET)) {
            assertThatThrownBy(() -> ldap.modify(
                            "uid=mallory,ou=people,dc=lakegate,dc=sandbox",
                            new Modification(ModificationType.REPLACE, "userPassword", "owned")))
                    .isInstanceOf(LDAPException.class)
                    .hasMessageContaining("configured to reject all modify requests");
            assertThatThrownBy(() -> ldap.search("dc=lakegate,dc=sandbox", SearchScope.SUB, "(uid=lakegate)"))
                    .as("nobody reads the entries, the service account's password among them, without a login")
                    .isInstanceOf(LDAPException.class);
        }
        try (Connection mallory = connect("mallory", "mallory-pw")) {
            assertThat(rows(mallory, "SELECT current_user()")).containsExactly(List.of("mallory"));
        }
        assertThatThrownBy(() -> connect("lakegate", "lakegate-pw").close())
                .as("the service account's password is generated, not the demonstration's kind")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Error validating the login");
        assertThatThrownBy(() -> connect("nobody", "nobody-pw").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Error validating the login");
    }

    @Test
    @Order(2)
    void flinksEndpointTakesTheDirectorysLoginsOnlyAndKeepsEachSessionToItsUser() throws Exception {
        Flink flink = new Flink(URI.create(FLINK));
        assertThat(flink.status(null, null, "POST", "/v2/sessions", "{}")).isEqualTo(401);
        assertThat(flink.status("alice", "wrong-password", "POST", "/v2/sessions", "{}"))
                .isEqualTo(401);
        assertThat(flink.status("alice", "", "POST", "/v2/sessions", "{}"))
                .as("an empty password is LDAP's anonymous bind, not alice's")
                .isEqualTo(401);
        assertThat(flink.status("nobody", "nobody-pw", "POST", "/v2/sessions", "{}"))
                .isEqualTo(401);
        // A client's session properties would override the engine's: the user, the catalog store.
        HttpResponse<String> properties = flink.send(
                "mallory",
                "mallory-pw",
                "POST",
                "/v2/sessions",
                "{\"properties\": {\"kyuubi.session.user\": \"bob\", \"table.catalog-store.kind\": \"generic_in_memory\"}}");
        assertThat(properties.statusCode()).isEqualTo(403);
        assertThat(properties.body())
                .contains("user [mallory] may not set session properties [kyuubi.session.user,"
                        + " table.catalog-store.kind]");

        String alice = flink.open("alice", "alice-pw");
        String bob = flink.open("bob", "bob-pw");
        // Batch mode: a count over the topic up to its end, one row even when nothing matches.
        flink.execute("alice", "alice-pw", alice, "SET 'execution.runtime-mode' = 'batch'");
        flink.execute("bob", "bob-pw", bob, "SET 'execution.runtime-mode' = 'batch'");
        String staffClicks = "SELECT count(*) FROM streams.ClickStream /*+ OPTIONS('scan.startup.mode' ="
                + " 'earliest-offset', 'scan.bounded.mode' = 'latest-offset') */ WHERE user_id >= 1000";
        assertThat(flink.execute("alice", "alice-pw", alice, staffClicks))
                .as("alice's row filter (user_id < 1000) on the Kafka table")
                .containsExactly(List.of("0"));
        assertThat(Long.parseLong(
                        flink.execute("bob", "bob-pw", bob, staffClicks).get(0).get(0)))
                .isPositive();
        assertThat(flink.execute("bob", "bob-pw", bob, "SHOW CURRENT CATALOG")).containsExactly(List.of("lake"));
        // Hive's module would give alice reflect() in the gateway every user shares, as the service account.
        HttpResponse<String> module = flink.send(
                "alice", "alice-pw", "POST", "/v2/sessions/" + alice + "/statements", statement("LOAD MODULE hive"));
        assertThat(module.statusCode()).isEqualTo(403);
        assertThat(module.body())
                .contains("Permission denied: user [alice] may not run this statement on the sandbox's Flink endpoint:"
                        + " LOAD MODULE");
        assertThat(flink.status(
                        "alice",
                        "alice-pw",
                        "POST",
                        "/v2/sessions/" + alice + "/configure-session",
                        statement("/* again */ LOAD MODULE hive")))
                .isEqualTo(403);
        assertThat(flink.execute("alice", "alice-pw", alice, "SHOW MODULES")).containsExactly(List.of("core"));
        assertThat(
                        flink.status(
                                "alice",
                                "alice-pw",
                                "POST",
                                "/v2/sessions/" + alice + "/statements",
                                "{\"statement\": \"SELECT 1\", \"executionConfig\": {\"pipeline.jars\": \"file:///tmp/x.jar\"}}"))
                .isEqualTo(403);
        // A running job's local cluster listens too: on loopback, as every other socket of the sandbox.
        Map<String, List<String>> beforeTheJob = listeningSockets(sandbox.processes());
        String watcher = flink.open("alice", "alice-pw");
        flink.awaitFirstRow("alice", "alice-pw", watcher, "SELECT user_id, url FROM streams.ClickStream");
        Map<String, List<String>> whileItRuns = listeningSockets(sandbox.processes());
        Set<String> theJobs = new TreeSet<>(whileItRuns.keySet());
        theJobs.removeAll(beforeTheJob.keySet());
        assertThat(theJobs).as("the running job's sockets").isNotEmpty();
        assertOnLoopback(whileItRuns);
        assertThat(flink.status("alice", "alice-pw", "DELETE", "/v2/sessions/" + watcher, null))
                .isEqualTo(200);
        // Another user's session does not exist for him, whichever call he makes on it.
        assertThat(flink.status(
                        "bob", "bob-pw", "POST", "/v2/sessions/" + alice + "/statements", statement("SHOW TABLES")))
                .isEqualTo(404);
        assertThat(flink.status("bob", "bob-pw", "GET", "/v2/sessions/" + alice, null))
                .isEqualTo(404);
        assertThat(flink.status("bob", "bob-pw", "GET", "/v1/sessions/" + alice, null))
                .isEqualTo(404);
        // Calls the front does not serve: v3's materialized tables (with settings of their own), unknown methods.
        assertThat(flink.status(
                        "alice",
                        "alice-pw",
                        "POST",
                        "/v3/sessions/" + alice + "/materialized-tables/t/refresh",
                        "{\"executionConfig\": {\"pipeline.jars\": \"file:///tmp/x.jar\"}}"))
                .isEqualTo(404);
        assertThat(flink.status(
                        "alice", "alice-pw", "PUT", "/v2/sessions/" + alice + "/statements", statement("SELECT 1")))
                .isEqualTo(404);
        assertThat(flink.status("alice", "alice-pw", "POST", "/v2/sessions/" + alice + "/statements", "{not json"))
                .isEqualTo(400);
        assertThat(flink.status(
                        "alice",
                        "alice-pw",
                        "POST",
                        "/v2/sessions/" + alice + "/statements",
                        statement("SELECT '" + "x".repeat(2 << 20) + "'")))
                .isEqualTo(413);
        assertThat(flink.status(
                        "alice",
                        "alice-pw",
                        "POST",
                        "/v2/sessions/" + alice + "/statements",
                        "{\"statement\": \"SELECT 1\", \"executionTimeout\": 0}"))
                .as("Flink's own field for a statement's timeout passes")
                .isEqualTo(200);
        assertThat(flink.status("bob", "bob-pw", "DELETE", "/v2/sessions/" + alice, null))
                .isEqualTo(404);
        assertThat(flink.status("alice", "alice-pw", "GET", "/v2/sessions/" + alice, null))
                .as("bob's DELETE did not close alice's session")
                .isEqualTo(200);
        assertThat(flink.status("alice", "alice-pw", "GET", "/v2/sessions/..%2F..%2Fv1%2Fsessions", null))
                .isEqualTo(404);
        assertThat(flink.status("alice", "alice-pw", "DELETE", "/v2/sessions/" + alice, null))
                .isEqualTo(200);
        assertThat(flink.status("alice", "alice-pw", "GET", "/v2/sessions/" + alice, null))
                .isEqualTo(404);
        assertThat(flink.status("bob", "bob-pw", "DELETE", "/v2/sessions/" + bob, null))
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void trinoTakesTheDirectorysLoginsOnlyAndGivesEachUserSparksAnswer() throws Exception {
        Trino trino = Trino.of(data, 8_080 + PORT_OFFSET);
        assertThat(trino.status("alice", "wrong-password", "alice", "SELECT 1")).isEqualTo(401);
        assertThat(trino.status("alice", null, "alice", "SELECT 1"))
                .as("no password")
                .isEqualTo(401);
        // Logged in as alice, asking as bob: only ranger.impersonating-users may.
        assertThat(trino.query("alice", "alice-pw", "bob", "SELECT 1"))
                .isEqualTo(
                        List.of(List.of("Access Denied: User alice cannot impersonate user bob: user [alice] is not in"
                                + " ranger.impersonating-users")));
        assertThat(trino.query("alice", "alice-pw", "alice", "SELECT DISTINCT region FROM hive.sales.orders"))
                .containsExactly(List.of("EU"));
        String sql = "SELECT email, phone FROM sales.customers WHERE customer_id = 1";
        try (Connection alice = connect("alice", "alice-pw")) {
            assertThat(trino.query("alice", "alice-pw", "alice", sql.replace("sales.", "hive.sales.")))
                    .isEqualTo(rows(alice, sql));
        }
        assertThat(trino.query("bob", "bob-pw", "bob", sql.replace("sales.", "hive.sales.")))
                .containsExactly(List.of("anna.schmidt@example.de", "+49 30 1234 5678"));
        assertThat(trino.query("mallory", "mallory-pw", "mallory", "SHOW SCHEMAS FROM hive"))
                .containsExactly(List.of("information_schema"));
    }

    @Test
    @Order(3)
    void anEditOfThePoliciesFileAppliesWhileItRuns() throws Exception {
        Path policies = data.resolve("policies/sandbox_hive.json");
        String original = Files.readString(policies);
        assertThat(original).contains("region = 'EU'");
        replace(policies, original.replace("region = 'EU'", "region = 'NA'"));
        try (Connection alice = connect("alice", "alice-pw")) {
            // The engine polls the policy server every 2 s; a poll that brings the new filter changes alice's rows.
            List<List<String>> regions = awaitRows(
                    alice, "SELECT DISTINCT region FROM sales.orders", seen -> seen.equals(List.of(List.of("NA"))));
            assertThat(regions).containsExactly(List.of("NA"));
        } finally {
            replace(policies, original);
        }
        try (Connection alice = connect("alice", "alice-pw")) {
            assertThat(awaitRows(
                            alice,
                            "SELECT DISTINCT region FROM sales.orders",
                            seen -> seen.equals(List.of(List.of("EU")))))
                    .containsExactly(List.of("EU"));
        }
    }

    @Test
    @Order(4)
    void trinosReadOfASparkWrittenTableIsTheSameNodeWithWhatAliceSaw() throws Exception {
        Trino trino = Trino.of(data, 8_080 + PORT_OFFSET);
        String sql = "SELECT customer_id, email FROM hive.sales.customers WHERE customer_id = 3";
        assertThat(trino.query("alice", "alice-pw", "alice", sql)).hasSize(1);

        // Spark wrote sales.customers (the demonstration data); Trino's listener names it as Spark's agent does, so
        // the hub files Trino's read on the same node, with the mask alice read through.
        String customers = "dataset:hive://127.0.0.1:" + (9_083 + PORT_OFFSET) + ":sales.customers";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode trinoRead = null;
        while (trinoRead == null && System.nanoTime() < deadline) {
            // Each request takes a while on its own; no pause beyond it is needed.
            for (JsonNode read : get("/api/v1/lakegate/dataset?nodeId=" + encode(customers))
                    .path("governance")
                    .path("maskedReads")) {
                JsonNode job = get(
                        "/api/v1/lakegate/job?nodeId=" + encode(read.path("job").asText()));
                if (job.path("engine").asText().equals("trino")
                        && job.path("sql").asText().equals(sql)) {
                    trinoRead = read;
                }
            }
        }
        assertThat(trinoRead)
                .as("a masked read of %s by Trino's job for %s", customers, sql)
                .isNotNull();
        assertThat(trinoRead.path("user").asText()).isEqualTo("alice");
        List<String> columns = new ArrayList<>();
        trinoRead.path("columns").forEach(column -> columns.add(column.asText()));
        assertThat(columns).containsExactly("email");

        // One node: Spark's writer and Trino's reader are both on it.
        List<String> engines = new ArrayList<>();
        for (JsonNode node : get("/api/v1/lakegate/graph?depth=1&nodeId=" + encode(customers))
                .path("graph")) {
            if (node.path("type").asText().equals("JOB")) {
                engines.add(node.path("engine").asText());
            }
        }
        assertThat(engines).contains("spark", "trino");
    }

    @Test
    @Order(4)
    void theLineageHubDrawsFlinksStreamingJobAndFlinksReadOfSparksTableAsOneNode() throws Exception {
        // The tour's streaming job (F5), reported by Lakegate's listener in the gateway, as the routing rules set it.
        String kafka = "dataset:kafka://"
                + Files.readString(data.resolve("kafka/bootstrap.servers")).strip() + ":";
        JsonNode streaming = awaitJob(kafka + "page_views", "job:lakegate-sandbox:insert-into_lake.streams.page_views");
        assertThat(inputs(streaming)).containsExactly(kafka + "clickstream_events");

        // Spark's CTAS table read by Flink: the node Spark's agent wrote is the one Flink's read points at.
        Flink flink = new Flink(URI.create(FLINK));
        String alice = flink.open("alice", "alice-pw");
        flink.execute("alice", "alice-pw", alice, "SET 'execution.runtime-mode' = 'batch'");
        assertThat(Long.parseLong(flink.execute(
                                "alice", "alice-pw", alice, "SELECT count(*) FROM analytics.eu_revenue_by_country")
                        .get(0)
                        .get(0)))
                .isPositive();
        JsonNode read = awaitJob(CTAS_TABLE, "job:lakegate-sandbox:collect_lake.analytics.eu_revenue_by_country");
        assertThat(inputs(read)).containsExactly(CTAS_TABLE);
        JsonNode job = get("/api/v1/lakegate/job?nodeId="
                + encode("job:lakegate-sandbox:collect_lake.analytics.eu_revenue_by_country"));
        assertThat(job.path("engine").asText()).isEqualTo("flink");
        // The gateway serves every user as one account: the owner is the session's user all the same.
        assertThat(job.path("owners")).extracting(JsonNode::asText).containsExactly("alice");
    }

    // The hub takes events asynchronously: the job's node, once it is there.
    private static JsonNode awaitJob(String dataset, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            for (JsonNode node :
                    get("/api/v1/lineage?depth=1&nodeId=" + encode(dataset)).path("graph")) {
                if (node.path("id").asText().equals(job)) {
                    return node;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + job + " next to " + dataset + " on the lineage hub");
            }
            Thread.sleep(250);
        }
    }

    private static List<String> inputs(JsonNode job) {
        List<String> inputs = new ArrayList<>();
        job.path("inEdges").forEach(edge -> inputs.add(edge.path("origin").asText()));
        return inputs;
    }

    @Test
    @Order(4)
    void theLineageHubHasTheCtasWithItsColumnLineageAndOwner() throws Exception {
        JsonNode panel = get("/api/v1/lakegate/dataset?nodeId=" + encode(CTAS_TABLE));
        assertThat(panel.path("name").asText()).isEqualTo("analytics.eu_revenue_by_country");
        List<String> lineage = new ArrayList<>();
        for (JsonNode column : panel.path("columnLineage")) {
            for (JsonNode input : column.path("inputs")) {
                lineage.add(column.path("field").asText() + " <- "
                        + input.path("name").asText() + "."
                        + input.path("field").asText());
            }
        }
        assertThat(lineage).contains("country <- sales.customers.country", "revenue <- sales.orders.amount");
        List<String> owners = new ArrayList<>();
        List<String> engines = new ArrayList<>();
        for (JsonNode writer : panel.path("writers")) {
            owners.add(writer.path("lastRun").path("owner").asText());
            engines.add(writer.path("engine").asText());
        }
        // One Spark Thrift Server serves every user: its OpenLineage agent names the engine's owner, the service
        // account.
        assertThat(owners).isNotEmpty().containsOnly("lakegate");
        assertThat(engines).containsOnly("spark");

        // Marquez's lineage graph: the two sales tables flow through a Spark job into the CTAS's table.
        JsonNode graph =
                get("/api/v1/lineage?depth=2&nodeId=" + encode(CTAS_TABLE)).path("graph");
        List<String> nodes = new ArrayList<>();
        graph.forEach(node -> nodes.add(node.path("id").asText()));
        String metastore = "hive://127.0.0.1:" + (9_083 + PORT_OFFSET);
        assertThat(nodes)
                .contains(
                        CTAS_TABLE,
                        "dataset:" + metastore + ":sales.orders",
                        "dataset:" + metastore + ":sales.customers")
                .anyMatch(id -> id.startsWith("job:lakegate-sandbox:"));
        // ... and the edges say so: a Spark job reads both sales tables and writes the CTAS's table.
        List<String> flows = new ArrayList<>();
        for (JsonNode node : graph) {
            if (node.path("type").asText().equals("JOB")) {
                List<String> from = new ArrayList<>();
                node.path("inEdges")
                        .forEach(edge -> from.add(edge.path("origin").asText()));
                node.path("outEdges")
                        .forEach(edge -> flows.add(
                                String.join("+", from.stream().sorted().toList()) + " -> "
                                        + edge.path("destination").asText()));
            }
        }
        assertThat(flows)
                .contains("dataset:" + metastore + ":sales.customers+dataset:" + metastore + ":sales.orders -> "
                        + CTAS_TABLE);
    }

    @Test
    @Order(5)
    void stopsCleanlyAndARestartFindsEverythingWhereItWas() throws Exception {
        try (Connection bob = connect("bob", "bob-pw")) {
            execute(bob, "INSERT INTO sales.orders VALUES (111, 2, 'EU', 1.00, DATE '2026-10-08')");
        }
        Path policies = data.resolve("policies/sandbox_hive.json");
        String original = Files.readString(policies);
        replace(policies, original.replace("region = 'EU'", "region = 'NA'"));
        List<ProcessHandle> processes = sandbox.processes();
        assertThat(processes).hasSizeGreaterThanOrEqualTo(5);
        List<String> out = sandbox.stop();
        assertThat(String.join("\n", out)).contains("stopped; data kept in " + data);
        for (ProcessHandle process : processes) {
            assertThat(process.isAlive())
                    .as(
                            "process %s (%s)",
                            process.pid(), process.info().commandLine().orElse("?"))
                    .isFalse();
        }

        sandbox = Launched.start(
                data, work.resolve("second-start.out"), "--port-offset", Integer.toString(PORT_OFFSET), "--no-tour");
        String second = String.join("\n", sandbox.awaitReady());
        assertThat(second).doesNotContain("Guided tour").contains("flink is up (" + FLINK + ")");
        // The broker's port is new and its topic fresh: the Flink table was defined again over them.
        Flink flink = new Flink(URI.create(FLINK));
        String session = flink.open("bob", "bob-pw");
        flink.execute("bob", "bob-pw", session, "SET 'execution.runtime-mode' = 'batch'");
        assertThat(Long.parseLong(flink.execute(
                                "bob",
                                "bob-pw",
                                session,
                                "SELECT count(*) FROM streams.ClickStream /*+ OPTIONS('scan.startup.mode' ="
                                        + " 'earliest-offset', 'scan.bounded.mode' = 'latest-offset') */")
                        .get(0)
                        .get(0)))
                .isPositive();
        try (Connection bob = connect("bob", "bob-pw")) {
            // The demonstration data is not loaded again (it would overwrite bob's order), the tour's table is there.
            assertThat(rows(bob, "SELECT count(*) FROM sales.orders")).containsExactly(List.of("11"));
            assertThat(rows(bob, "SELECT count(*) FROM analytics.eu_revenue_by_country"))
                    .containsExactly(List.of("3"));
        }
        try (Connection alice = connect("alice", "alice-pw")) {
            // The policies file as the operator left it.
            assertThat(rows(alice, "SELECT DISTINCT region FROM sales.orders")).containsExactly(List.of("NA"));
        } finally {
            replace(policies, original);
        }
        assertThat(get("/api/v1/lakegate/dataset?nodeId=" + encode(CTAS_TABLE)).path("columnLineage"))
                .isNotEmpty();
        List<ProcessHandle> again = sandbox.processes();

        // A launcher killed with SIGKILL cannot stop its services: the next start on the directory says so.
        ProcessHandle launcher = sandbox.process().toHandle();
        List<ProcessHandle> orphans =
                again.stream().filter(process -> !process.equals(launcher)).toList();
        launcher.destroyForcibly();
        assertThat(launcher.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        sandbox = null;
        try {
            Process refused = new ProcessBuilder(
                            "sh",
                            LAKEGATE.toString(),
                            "sandbox",
                            "--data-dir",
                            data.toString(),
                            "--port-offset",
                            Integer.toString(PORT_OFFSET + 1))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(refused.getInputStream().readAllBytes(), UTF_8);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("services of an earlier sandbox on " + data + " are still running")
                    .contains(Long.toString(orphans.get(0).pid()));
        } finally {
            orphans.forEach(ProcessHandle::destroy);
            for (ProcessHandle orphan : orphans) {
                orphan.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(again).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(6)
    void refusesToWipeADirectoryThatIsNotASandboxs() throws Exception {
        Path precious = Files.createDirectories(work.resolve("precious"));
        Files.writeString(precious.resolve("thesis.tex"), "years of work");
        Process process = new ProcessBuilder(
                        "sh", LAKEGATE.toString(), "sandbox", "--data-dir", precious.toString(), "--reset")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains(precious + " is not empty and not a sandbox's data directory");
        assertThat(precious.resolve("thesis.tex")).hasContent("years of work");
    }

    /** The local addresses of the sockets listening on {@code port}, from Linux's /proc/net/tcp and tcp6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                String[] local = fields[1].split(":");
                // State 0A is LISTEN.
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        assertThat(addresses).as("sockets listening on port %s", port).isNotEmpty();
        return addresses;
    }

    /**
     * The listening sockets of {@code processes}, each with its local addresses: the sockets' inodes from each
     * process's /proc/PID/fd, their addresses from Linux's /proc/net/tcp and tcp6.
     */
    private static Map<String, List<String>> listeningSockets(List<ProcessHandle> processes) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (ProcessHandle process : processes) {
            try (DirectoryStream<Path> descriptors =
                    Files.newDirectoryStream(Path.of("/proc/" + process.pid() + "/fd"))) {
                for (Path descriptor : descriptors) {
                    try {
                        String target = Files.readSymbolicLink(descriptor).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // A descriptor closed while it was listed: not a listening socket.
                    }
                }
            }
        }
        Map<String, List<String>> sockets = new TreeMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    sockets.computeIfAbsent("port " + Integer.parseInt(local[1], 16), port -> new ArrayList<>())
                            .add(address(local[0]));
                }
            }
        }
        return sockets;
    }

    private static void assertOnLoopback(Map<String, List<String>> sockets) {
        assertThat(sockets)
                .allSatisfy((socket, addresses) ->
                        assertThat(addresses).as("listening socket %s", socket).containsOnly("127.0.0.1"));
    }

    private static String statement(String sql) {
        return JSON.createObjectNode().put("statement", sql).toString();
    }

    // /proc's addresses are hexadecimal in host byte order (little-endian here); IPv4-mapped IPv6 ends in the IPv4.
    private static String address(String hex) {
        String ipv4 = hex.length() == 8 ? hex : hex.startsWith("0000000000000000FFFF0000") ? hex.substring(24) : null;
        if (ipv4 == null) {
            return hex.equals("00000000000000000000000000000000") ? "::" : hex;
        }
        long value = Long.parseLong(ipv4, 16);
        return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "."
                + ((value >> 24) & 0xff);
    }

    private static String section(List<String> out, String from, String to) {
        int start = indexOf(out, from);
        int end = indexOf(out, to);
        assertThat(start).as("tour line starting %s", from).isNotNegative();
        assertThat(end).as("tour line starting %s", to).isGreaterThan(start);
        return String.join("\n", out.subList(start, end));
    }

    private static int indexOf(List<String> out, String prefix) {
        for (int index = 0; index < out.size(); index++) {
            if (out.get(index).startsWith(prefix)) {
                return index;
            }
        }
        return -1;
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(JDBC, user, password);
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The rows of {@code sql} once {@code done} holds for them, asked again while the engine's poll is due. */
    private static List<List<String>> awaitRows(Connection connection, String sql, Predicate<List<List<String>>> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<List<String>> seen = rows(connection, sql);
        while (!done.test(seen) && System.nanoTime() < deadline) {
            // Each query takes a while on its own; no pause beyond it is needed.
            seen = rows(connection, sql);
        }
        return seen;
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".edit-", ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(HUB + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the tests through Maven");
        }
        return value;
    }

    /** The sandbox's Flink endpoint: Flink's SQL gateway REST API behind HTTP basic logins. */
    private record Flink(URI endpoint) {
        HttpResponse<String> send(String user, String password, String method, String path, String body)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (user != null) {
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8)));
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        int status(String user, String password, String method, String path, String body) throws Exception {
            return send(user, password, method, path, body).statusCode();
        }

        String open(String user, String password) throws Exception {
            HttpResponse<String> opened = send(user, password, "POST", "/v2/sessions", "{}");
            assertThat(opened.statusCode())
                    .as("%s's session: %s", user, opened.body())
                    .isEqualTo(200);
            return JSON.readTree(opened.body()).path("sessionHandle").asText();
        }

        /** Submits {@code sql}; returns the path of its first page of results. */
        String submit(String user, String password, String session, String sql) throws Exception {
            HttpResponse<String> submitted =
                    send(user, password, "POST", "/v2/sessions/" + session + "/statements", statement(sql));
            assertThat(submitted.statusCode())
                    .as("%s: %s", sql, submitted.body())
                    .isEqualTo(200);
            String operation =
                    JSON.readTree(submitted.body()).path("operationHandle").asText();
            String next = "/v2/sessions/" + session + "/operations/" + operation + "/result/0?rowFormat=JSON";
            return next;
        }

        /** Submits {@code sql} and returns once its first row has come, the job still running. */
        void awaitFirstRow(String user, String password, String session, String sql) throws Exception {
            String next = submit(user, password, session, sql);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                HttpResponse<String> fetched = send(user, password, "GET", next, null);
                assertThat(fetched.statusCode())
                        .as("%s: %s", sql, fetched.body())
                        .isEqualTo(200);
                JsonNode page = JSON.readTree(fetched.body());
                assertThat(page.path("resultType").asText()).as("%s ended", sql).isNotEqualTo("EOS");
                if (!page.path("results").path("data").isEmpty()) {
                    return;
                }
                assertThat(System.nanoTime()).as("a first row of %s", sql).isLessThan(deadline);
                // A polling interval, as Flink's SQL client has: the loop ends on a row, not on time.
                Thread.sleep(100);
                next = page.path("nextResultUri").asText();
            }
        }

        /** Every row of {@code sql}'s result, each value as text; fails on an error. */
        List<List<String>> execute(String user, String password, String session, String sql) throws Exception {
            String next = submit(user, password, session, sql);
            List<List<String>> rows = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                HttpResponse<String> fetched = send(user, password, "GET", next, null);
                assertThat(fetched.statusCode())
                        .as("%s: %s", sql, fetched.body())
                        .isEqualTo(200);
                JsonNode page = JSON.readTree(fetched.body());
                page.path("results").path("data").forEach(row -> {
                    List<String> values = new ArrayList<>();
                    row.path("fields").forEach(value -> values.add(value.asText()));
                    rows.add(values);
                });
                if (page.path("resultType").asText().equals("EOS")) {
                    return rows;
                }
                assertThat(System.nanoTime()).as("the end of %s's results", sql).isLessThan(deadline);
                if (page.path("results").path("data").isEmpty()) {
                    // The gateway answers at once while the job runs (NOT_READY, or an empty page): a polling
                    // interval, as Flink's SQL client has; the loop ends on the gateway's EOS, not on time.
                    Thread.sleep(100);
                }
                next = page.path("nextResultUri").asText();
            }
        }
    }

    /** The sandbox's Trino over HTTPS, trusting the data directory's own certificate only. */
    private record Trino(HttpClient http, URI server) {
        static Trino of(Path data, int port) throws Exception {
            Path keystore = data.resolve("conf/trino/trino-https.p12");
            char[] password = Files.readString(data.resolve("conf/trino/trino-https.password"))
                    .strip()
                    .toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return new Trino(HttpClient.newBuilder().sslContext(tls).build(), URI.create("https://127.0.0.1:" + port));
        }

        int status(String login, String password, String user, String sql) throws Exception {
            return http.send(
                            request(login, password, user, server.resolve("/v1/statement"), sql),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }

        /** The rows, or one row holding Trino's error message. */
        List<List<String>> query(String login, String password, String user, String sql) throws Exception {
            JsonNode page = JSON.readTree(http.send(
                            request(login, password, user, server.resolve("/v1/statement"), sql),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            List<List<String>> rows = new ArrayList<>();
            while (true) {
                if (page.has("error")) {
                    return List.of(List.of(page.path("error").path("message").asText()));
                }
                page.path("data").forEach(row -> {
                    List<String> values = new ArrayList<>();
                    row.forEach(value -> values.add(value.asText()));
                    rows.add(values);
                });
                if (!page.hasNonNull("nextUri")) {
                    return rows;
                }
                page = JSON.readTree(http.send(
                                request(
                                        login,
                                        password,
                                        user,
                                        URI.create(page.path("nextUri").asText()),
                                        null),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
            }
        }

        private static HttpRequest request(String login, String password, String user, URI uri, String sql) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("X-Trino-User", user);
            if (password != null) {
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(UTF_8)));
            }
            return (sql == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(sql))).build();
        }
    }

    /** The launcher as a user starts it, its output read line by line. */
    private record Launched(
            Process process, BlockingQueue<Optional<String>> lines, List<String> seen, Path transcript) {
        static Launched start(Path data, Path transcript, String... options) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    "sh",
                    LAKEGATE.toString(),
                    "sandbox",
                    "--data-dir",
                    data.toString(),
                    "--trino-java",
                    property("lakegate.trino.java")));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // The sandbox runs Spark's distribution from the distribution's runtime/spark, not a developer's Spark.
            builder.environment().remove("SPARK_HOME");
            Process process = builder.start();
            BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        Files.writeString(
                                transcript, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        lines.add(Optional.of(line));
                    }
                } catch (IOException e) {
                    lines.add(Optional.of("(output unreadable: " + e + ")"));
                }
                lines.add(Optional.empty());
            });
            reader.setDaemon(true);
            reader.start();
            return new Launched(process, lines, new ArrayList<>(), transcript);
        }

        List<String> awaitReady() throws Exception {
            return awaitLine(line -> line.startsWith("Ready for your own client"), 600);
        }

        List<String> awaitLine(Predicate<String> wanted, long seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                Optional<String> next = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("no such line within " + seconds + " s (alive: " + process.isAlive()
                            + "); output so far in " + transcript + ":\n" + String.join("\n", seen));
                }
                // Once the launcher has exited, no line will come: say so now rather than at the deadline.
                if (next.isEmpty()) {
                    lines.add(next);
                    throw new AssertionError("the launcher ended its output without such a line; output in "
                            + transcript + ":\n" + String.join("\n", seen));
                }
                String line = next.get();
                seen.add(line);
                if (wanted.test(line)) {
                    return List.copyOf(seen);
                }
            }
        }

        List<ProcessHandle> processes() {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            return all;
        }

        /** SIGTERM, as Ctrl-C's SIGINT, runs the launcher's shutdown; its output until it exits. */
        List<String> stop() throws Exception {
            // Process.destroy() would also close the output still to be read: signal the process only.
            process.toHandle().destroy();
            List<String> out = awaitLine(line -> line.startsWith("stopped; data kept"), 120);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return out;
        }
    }
}
