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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
        assertThat(second).doesNotContain("Guided tour");
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
