package io.lakegate.sandbox.spark;

import io.lakegate.kyuubi.routing.decision.RoutingDecision;
import io.lakegate.kyuubi.routing.decision.SessionRouter;
import io.lakegate.kyuubi.routing.launch.PlatformConf;
import io.lakegate.kyuubi.routing.rules.RoutingRules;
import io.lakegate.kyuubi.routing.rules.RulesParser;
import io.lakegate.kyuubi.routing.rules.SessionRequest;
import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.demo.DemoFiles;
import io.lakegate.sandbox.directory.DirectoryService;
import io.lakegate.sandbox.jdbc.HiveJdbc;
import io.lakegate.sandbox.lineage.LineageHubService;
import io.lakegate.sandbox.policy.PolicyServerService;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.process.JavaCommand;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import io.lakegate.sandbox.tour.SparkTour;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The SQL endpoint: Spark Thrift Server (HiveServer2's protocol) on Spark's own jars, with kyuubi-ext-authn's LDAP
 * provider for logins, and Lakegate's authorization extension and OpenLineage's agent as kyuubi-ext-routing's launch
 * injection configures an engine: the sandbox routes a session of its service account through the routing rules it
 * writes, and launches the engine with the overlay the rules give, as Kyuubi would launch a SERVER-shared engine.
 */
public final class SparkThriftService implements SandboxService {
    public static final String NAME = "spark-thrift-server";

    // What Spark's launcher adds for Java 17 (org.apache.spark.launcher.JavaModuleOptions, Spark 3.5.4).
    private static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");
    private static final String LDAP_PROVIDER = "io.lakegate.kyuubi.authn.hive.LdapHiveAuthenticationProvider";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        // Not the metastore: Spark's JVM and context take longer to start than the metastore does, and its Hive client
        // waits for the metastore (hive.metastore.connect.retries), so both start side by side.
        return Set.of(PolicyServerService.NAME, DirectoryService.NAME, LineageHubService.NAME);
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        return Set.of(context.thriftPort(), context.sparkUiPort());
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        Path conf = context.dataDir("conf/spark");
        writeHiveSite(context, conf);
        writeRangerFiles(context, conf);
        Map<String, String> overlay = overlay(context, conf);

        List<String> command = new ArrayList<>();
        command.add(JavaCommand.java());
        command.add("-Xmx1536m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(MODULE_OPTIONS);
        command.add("-cp");
        command.add(conf + ":" + context.options().sparkJars() + "/*:" + single(context, "kyuubi", "lakegate-kyuubi-"));
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.add("--class");
        command.add("org.apache.spark.sql.hive.thriftserver.HiveThriftServer2");
        command.add("--name");
        command.add("Lakegate sandbox");
        Map<String, String> sparkConf = new LinkedHashMap<>();
        sparkConf.put("spark.master", "local[2]");
        sparkConf.put("spark.driver.host", context.host());
        sparkConf.put("spark.driver.bindAddress", context.host());
        sparkConf.put("spark.ui.port", Integer.toString(context.sparkUiPort()));
        // The UI shows every user's statements; nobody may kill another's from it.
        sparkConf.put("spark.ui.killEnabled", "false");
        sparkConf.put("spark.sql.catalogImplementation", "hive");
        sparkConf.put("spark.sql.warehouse.dir", context.warehouse().toUri().toString());
        sparkConf.put("spark.sql.shuffle.partitions", "4");
        overlay.forEach((key, value) -> {
            // The overlay's kyuubi.* keys are Kyuubi's own; without Kyuubi, only the engine's settings apply.
            if (key.startsWith("spark.")) {
                sparkConf.put(key, value);
            }
        });
        sparkConf.forEach((key, value) -> {
            command.add("--conf");
            command.add(key + "=" + value);
        });
        command.add("spark-internal");

        ChildProcess process = context.startProcess(
                NAME,
                command,
                Map.of(
                        "SPARK_HOME", context.options().sparkHome().toString(),
                        "SPARK_CONF_DIR", conf.toString(),
                        // The address Spark's UI and block manager bind, else every interface.
                        "SPARK_LOCAL_IP", context.host()));
        HiveJdbc jdbc = new HiveJdbc(context.options().sparkJars(), jdbcUrl(context));
        try {
            process.awaitPort(context.host(), context.thriftPort(), Duration.ofSeconds(180));
            loadDemoDataOnce(context, jdbc);
        } catch (Exception e) {
            process.close();
            jdbc.close();
            throw e;
        }
        return new StartedService() {
            @Override
            public List<Endpoint> endpoints() {
                return List.of(
                        new Endpoint("SQL endpoint, HiveServer2 protocol (Spark Thrift Server)", jdbcUrl(context)),
                        new Endpoint(
                                "  with the Kyuubi JDBC driver",
                                jdbcUrl(context).replace("jdbc:hive2:", "jdbc:kyuubi:")),
                        new Endpoint("Spark UI", "http://" + context.host() + ":" + sparkConf.get("spark.ui.port")));
            }

            @Override
            public List<String> notes() {
                return List.of(
                        "beeline: beeline -u '" + jdbcUrl(context) + "' -n alice -p alice-pw",
                        "engine settings from the routing rules: "
                                + conf.getParent().resolve("lakegate-routing.yaml"),
                        "Ranger audit of every decision: " + context.dataDir("audit"));
            }

            @Override
            public void tour(PrintStream out) throws Exception {
                new SparkTour(context, jdbc).run(out);
            }

            @Override
            public void close() {
                process.close();
                jdbc.close();
            }
        };
    }

    static String jdbcUrl(SandboxContext context) {
        return "jdbc:hive2://" + context.host() + ":" + context.thriftPort() + "/default";
    }

    private static void writeHiveSite(SandboxContext context, Path conf) throws IOException {
        Map<String, String> site = new LinkedHashMap<>();
        site.put("hive.metastore.uris", context.metastoreUri());
        // Up to a minute for the metastore, which starts at the same time (Derby's schema, on a first start).
        site.put("hive.metastore.connect.retries", "60");
        site.put("hive.metastore.client.connect.retry.delay", "1s");
        site.put("hive.metastore.warehouse.dir", context.warehouse().toUri().toString());
        site.put("hive.server2.thrift.bind.host", context.host());
        site.put("hive.server2.thrift.port", Integer.toString(context.thriftPort()));
        site.put("hive.server2.transport.mode", "binary");
        // Statements run as the server's user; the session's user is the one Lakegate's extension checks.
        site.put("hive.server2.enable.doAs", "false");
        site.put("hive.server2.authentication", "CUSTOM");
        site.put("hive.server2.custom.authentication.class", LDAP_PROVIDER);
        site.put("kyuubi.authentication.lakegate.ldap.url", context.ldapUrl());
        site.put("kyuubi.authentication.lakegate.ldap.userDnPatterns", "uid=%s," + DemoDirectory.PEOPLE);
        site.put("hive.async.log.enabled", "false");
        ConfFiles.hadoopXml(
                conf.resolve("hive-site.xml"), "The sandbox's Spark Thrift Server; rewritten at each start", site);
    }

    private static void writeRangerFiles(SandboxContext context, Path conf) throws IOException {
        Map<String, String> security = new LinkedHashMap<>();
        security.put("ranger.plugin.spark.service.name", context.rangerService());
        security.put("ranger.plugin.spark.policy.rest.url", context.policyServerUrl());
        security.put("ranger.plugin.spark.policy.pollIntervalMs", "2000");
        security.put(
                "ranger.plugin.spark.policy.cache.dir",
                context.dataDir("policy-cache").toString());
        // Groups come from Ranger's user store, which the policy server serves from the directory.
        security.put("ranger.plugin.spark.use.rangerGroups", "true");
        security.put("ranger.plugin.spark.use.only.rangerGroups", "true");
        security.put("ranger.plugin.spark.lakegate.session.user.required", "true");
        // Besides the defaults: lineage's settings, which a session could only pretend to change (the agent reads them
        // at
        // start). Not hive.server2.: JDBC drivers send some of them (the fetch size) when they open a session.
        security.put("ranger.plugin.spark.lakegate.restricted.keys", "fs.,hive.metastore.,spark.openlineage.");
        ConfFiles.hadoopXml(
                conf.resolve("ranger-spark-security.xml"),
                "Ranger's Spark plugin keys for the sandbox; rewritten at each start",
                security);
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("xasecure.audit.is.enabled", "true");
        audit.put("xasecure.audit.destination.file", "true");
        audit.put(
                "xasecure.audit.destination.file.dir", context.dataDir("audit").toString());
        audit.put("xasecure.audit.destination.file.filename.format", "ranger-spark-audit.log");
        ConfFiles.hadoopXml(
                conf.resolve("ranger-spark-audit.xml"),
                "Ranger's audit for the sandbox; rewritten at each start",
                audit);
    }

    /** The overlay the routing rules give the sandbox's engine, as kyuubi-ext-routing computes it for Kyuubi. */
    private static Map<String, String> overlay(SandboxContext context, Path conf) throws IOException {
        String rules = String.join(
                "\n",
                "# Written by lakegate sandbox at each start: the rules its engine's settings come from.",
                "launch:",
                "  spark:",
                "    jars:",
                "      - '" + single(context, "spark", "lakegate-spark-runtime-") + "'",
                "      - '" + single(context, "openlineage", "openlineage-spark_") + "'",
                "    rangerConfDir: '" + conf + "'",
                "    policyCacheDir: '" + context.dataDir("policy-cache") + "/{user}'",
                "  lineage:",
                "    url: " + context.lineageHubUrl(),
                "    namespace: " + context.lineageNamespace(),
                "rules:",
                "  # Without Kyuubi, one Spark Thrift Server serves every user: a SERVER-shared engine.",
                "  - name: sandbox-engine",
                "    match:",
                "      users: [" + DemoDirectory.SERVICE_ACCOUNT + "]",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: SERVER",
                "  # With Kyuubi, analysts get an engine each.",
                "  - name: analysts",
                "    match:",
                "      groups: [analysts]",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: USER",
                "  - name: everyone",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: USER",
                "");
        Path file = ConfFiles.write(conf.getParent().resolve("lakegate-routing.yaml"), rules);
        RoutingRules parsed = RulesParser.parse(rules, file.toString());
        DemoAccount engineUser = context.directory().account(DemoDirectory.SERVICE_ACCOUNT);
        RoutingDecision decision = new SessionRouter(parsed, new PlatformConf(Map.of(), Map.of()))
                .route(SessionRequest.of(engineUser.user(), new HashSet<>(engineUser.groups()), Map.of()));
        return decision.overlay();
    }

    private static String single(SandboxContext context, String directory, String prefix) throws IOException {
        Path dir = context.distFile(directory);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(file -> {
                        String name = file.getFileName().toString();
                        // A version follows the prefix: lakegate-kyuubi-0.1.0.jar, not lakegate-kyuubi-authn-0.1.0.jar.
                        return name.startsWith(prefix)
                                && name.length() > prefix.length()
                                && Character.isDigit(name.charAt(prefix.length()))
                                && name.endsWith(".jar");
                    })
                    .toList();
            if (matches.size() != 1) {
                throw new IllegalStateException("the distribution's " + dir + " should hold one " + prefix
                        + "*.jar, not " + matches.size() + ": rebuild it (mvn -B package -DskipTests)");
            }
            return matches.get(0).toString();
        }
    }

    private static void loadDemoDataOnce(SandboxContext context, HiveJdbc jdbc) throws Exception {
        Path marker = context.options().dataDir().resolve("demo-data.loaded");
        if (Files.exists(marker)) {
            return;
        }
        DemoAccount admin = context.directory().account(DemoDirectory.SERVICE_ACCOUNT);
        try (Connection connection = jdbc.connect(admin.user(), admin.password())) {
            // Every statement is idempotent (IF NOT EXISTS, INSERT OVERWRITE): a start cut short loads again.
            for (String statement : DemoFiles.statements("data.sql")) {
                HiveJdbc.execute(connection, statement);
            }
        }
        ConfFiles.write(marker, "loaded " + Instant.now() + "\n");
    }
}
