package io.lakegate.sandbox.trino;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.directory.DirectoryService;
import io.lakegate.sandbox.jdbc.HiveJdbc;
import io.lakegate.sandbox.lineage.LineageHubService;
import io.lakegate.sandbox.metastore.MetastoreService;
import io.lakegate.sandbox.policy.EngineRangerFiles;
import io.lakegate.sandbox.policy.PolicyServerService;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.service.AbsentService;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import io.lakegate.sandbox.spark.SparkThriftService;
import io.lakegate.sandbox.tour.TrinoTour;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Trino 483 coordinator on the same metastore and policies as the Spark Thrift Server: the Hive connector's
 * catalog {@code hive} over the sandbox's metastore and warehouse, Lakegate's access control on the Ranger Hive
 * service every engine enforces (the same table, the same rows and masks), logins against the sandbox's directory.
 * The access control and the OpenLineage listener (to the sandbox's lineage hub) are the distribution's plugin
 * directories {@code trino/lakegate-ranger} and {@code trino/lakegate-openlineage}, loaded by Trino's own plugin class
 * loader as a server loads them. Runs on a Java 25 ({@code --trino-java}); without one, the sandbox starts
 * without Trino and says so.
 */
public final class TrinoCoordinatorService implements SandboxService {
    public static final String NAME = "trino";
    private static final String MAIN = "io.lakegate.sandbox.trino.SandboxCoordinator";
    // Trino's own server binds the loopback address.
    private static final String LOOPBACK = "127.0.0.1";
    private static final String RUNTIME = "runtime/trino/lib";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        // The Thrift server loads the demonstration data the tour reads through Trino.
        return Set.of(
                MetastoreService.NAME,
                PolicyServerService.NAME,
                DirectoryService.NAME,
                SparkThriftService.NAME,
                LineageHubService.NAME);
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        return runs(context) ? Set.of(context.trinoPort()) : Set.of();
    }

    // A Java 25, Trino's runtime (the archive leaves runtime/ out) and the loopback address (Trino's server binds it).
    private static boolean runs(SandboxContext context) {
        return context.options().trinoJava().isPresent()
                && Files.isDirectory(context.options().distDir().resolve(RUNTIME))
                && context.host().equals(LOOPBACK);
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        if (context.options().trinoJava().isEmpty()) {
            return new AbsentService(
                    "no Trino: it needs a Java 25 or later (pass --trino-java, or set LAKEGATE_TRINO_JAVA)");
        }
        if (!context.host().equals(LOOPBACK)) {
            return new AbsentService(
                    "no Trino: its server here listens on " + LOOPBACK + " only, not --host " + context.host());
        }
        if (!runs(context)) {
            return new AbsentService("no Trino: the distribution has no " + RUNTIME
                    + " (the archive leaves runtime/ out;" + " a built distribution has it)");
        }
        Path etc = context.dataDir("conf/trino/etc");
        TrinoKeystore keystore = TrinoKeystore.ofDataDir(context.dataDir("conf/trino"), context.host());
        writeEtc(context, etc, keystore);
        ChildProcess process = context.startProcess(
                NAME,
                List.of(
                        context.options().trinoJava().get().toString(),
                        "-Xmx1g",
                        "-XX:+ExitOnOutOfMemoryError",
                        // As Trino's own jvm.config: its block encodings use the vector API.
                        "--add-modules=jdk.incubator.vector",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        context.distFile(RUNTIME) + "/*",
                        MAIN,
                        etc.toString(),
                        // The distribution's Trino plugin directories, as $TRINO_HOME/plugin: lakegate-ranger.
                        context.distFile("trino").toString()),
                Map.of());
        TrinoClient trino = new TrinoClient(URI.create(context.trinoUrl()), keystore.trusting());
        HiveJdbc spark = new HiveJdbc(context.options().sparkJars(), SparkThriftService.jdbcUrl(context));
        try {
            process.awaitPort(context.host(), context.trinoPort(), Duration.ofSeconds(180));
            // Trino answers on its port before its startup (catalogs, logins) completes, and refuses queries until
            // then.
            process.await(trino::started, "done starting", Duration.ofSeconds(120));
        } catch (Exception e) {
            process.close();
            spark.close();
            throw e;
        }
        return new StartedService() {
            @Override
            public List<Endpoint> endpoints() {
                return List.of(
                        new Endpoint("SQL endpoint, Trino (catalog hive)", context.trinoUrl()),
                        new Endpoint(
                                "  with the Trino JDBC driver",
                                "jdbc:trino://" + context.host() + ":" + context.trinoPort()
                                        + "/hive?SSL=true&SSLVerification=NONE"));
            }

            @Override
            public List<String> notes() {
                return List.of(
                        "trino CLI: trino --server " + context.trinoUrl() + " --user alice --password --insecure"
                                + " --catalog hive (password alice-pw; --insecure: the sandbox's self-signed"
                                + " certificate, " + keystore.file() + ")",
                        "Trino's settings: " + etc);
            }

            @Override
            public void tour(PrintStream out) throws Exception {
                new TrinoTour(context, trino, spark).run(out);
            }

            @Override
            public void close() {
                process.close();
                spark.close();
            }
        };
    }

    private static void writeEtc(SandboxContext context, Path etc, TrinoKeystore keystore) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        // Logins against the directory, on HTTPS: Trino takes passwords over TLS only. Its plain HTTP port (one the
        // system picks) serves the coordinator's own internal calls, and authenticates no one else.
        config.put("http-server.https.enabled", "true");
        config.put("http-server.https.port", Integer.toString(context.trinoPort()));
        config.put("http-server.https.keystore.path", keystore.file().toString());
        config.put("http-server.https.keystore.key", keystore.password());
        config.put("http-server.authentication.type", "PASSWORD");
        config.put("http-server.authentication.allow-insecure-over-http", "false");
        config.put(
                "password-authenticator.config-files",
                etc.resolve("password-authenticator.properties").toString());
        config.put("query.max-memory", "512MB");
        properties(etc.resolve("config.properties"), "Trino's server; rewritten at each start", config);
        // It holds the TLS key's password.
        Files.setPosixFilePermissions(etc.resolve("config.properties"), PosixFilePermissions.fromString("rw-------"));

        Path ranger = context.dataDir("conf/trino/ranger");
        // The same Hive service as Spark's, under Ranger's Hive plugin keys.
        Path securityFile = EngineRangerFiles.security(
                context,
                ranger.resolve("ranger-hive-security.xml"),
                "Ranger's Hive plugin keys for the sandbox's Trino; rewritten at each start",
                "hive",
                context.dataDir("policy-cache-trino"),
                Map.of());
        Path auditFile = EngineRangerFiles.audit(
                context,
                ranger.resolve("ranger-hive-audit.xml"),
                "Ranger's audit for the sandbox's Trino",
                "ranger-trino-audit.log");

        Map<String, String> accessControl = new LinkedHashMap<>();
        accessControl.put("access-control.name", "lakegate-ranger");
        accessControl.put("ranger.hive.catalogs", "hive");
        accessControl.put("ranger.hive.config-files", securityFile + "," + auditFile);
        properties(
                etc.resolve("access-control.properties"),
                "Lakegate's access control on the sandbox's policies; rewritten at each start",
                accessControl);

        Map<String, String> hive = new LinkedHashMap<>();
        hive.put("connector.name", "hive");
        hive.put("hive.metastore.uri", context.metastoreUri());
        // The warehouse's file: locations, as Spark writes them, through Hadoop's file system: Trino 483's own local
        // one lists a file: directory as local: files, which the connector then finds in no table (an empty read).
        hive.put("fs.hadoop.enabled", "true");
        // As Lakegate's access control requires (a table created LIKE an external one would read its files).
        hive.put("hive.non-managed-table-creates-enabled", "false");
        properties(
                context.dataDir("conf/trino/etc/catalog").resolve("hive.properties"),
                "The sandbox's metastore; rewritten at each start",
                hive);

        // Lineage to the hub, the Trino tables named as Spark names them: one node per table in the graph.
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("event-listener.name", "lakegate-openlineage");
        lineage.put("openlineage.transport.type", "http");
        lineage.put("openlineage.transport.url", context.lineageHubUrl());
        lineage.put("openlineage.trino.uri", context.trinoUrl());
        lineage.put("openlineage.namespace", context.lineageNamespace());
        lineage.put("openlineage.dataset.catalog-namespaces", "hive=" + context.metastoreUri());
        properties(
                etc.resolve("event-listener.properties"),
                "Lakegate's OpenLineage listener, to the sandbox's lineage hub; rewritten at each start",
                lineage);

        Map<String, String> ldap = new LinkedHashMap<>();
        ldap.put("ldap.url", context.ldapUrl());
        ldap.put("ldap.user-bind-pattern", "uid=%s," + DemoDirectory.PEOPLE);
        properties(
                etc.resolve("password-authenticator.properties"),
                "Logins against the sandbox's directory; rewritten at each start",
                ldap);
    }

    private static void properties(Path file, String comment, Map<String, String> properties) throws IOException {
        ConfFiles.write(
                file,
                "# " + comment + "\n"
                        + properties.entrySet().stream()
                                .map(entry -> entry.getKey() + "=" + entry.getValue())
                                .collect(Collectors.joining("\n"))
                        + "\n");
    }
}
