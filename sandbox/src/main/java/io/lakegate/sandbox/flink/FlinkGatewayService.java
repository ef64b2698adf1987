package io.lakegate.sandbox.flink;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.directory.DirectoryService;
import io.lakegate.sandbox.kafka.KafkaService;
import io.lakegate.sandbox.metastore.MetastoreService;
import io.lakegate.sandbox.policy.EngineRangerFiles;
import io.lakegate.sandbox.policy.PolicyServerService;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.process.JavaCommand;
import io.lakegate.sandbox.routing.RoutedOverlay;
import io.lakegate.sandbox.service.AbsentService;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import io.lakegate.sandbox.spark.SparkThriftService;
import io.lakegate.sandbox.tour.FlinkTour;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Use case 2 of the seed: Flink SQL on the same metastore and policies, over the seed's Kafka ClickStream. Flink
 * 1.20's own SQL gateway ({@code runtime/flink}: a Flink distribution's {@code lib/}, the Hive and Kafka connectors,
 * and the distribution's drop-in jar {@code flink/lakegate-flink-1.20-<version>.jar}) configured by
 * kyuubi-ext-routing's launch injection for a {@code FLINK_SQL} engine (the guarded catalog {@value
 * RoutedOverlay#FLINK_CATALOG} as every session's built-in catalog, read-only catalog store, modification listener),
 * Ranger's Hive service and the sandbox's Kafka service, behind {@link FlinkFront}, which logs users in as Kyuubi
 * would. Flink's HiveServer2 endpoint is not started: it builds an unguarded HiveCatalog for every session.
 */
public final class FlinkGatewayService implements SandboxService {
    public static final String NAME = "flink";
    private static final String RUNTIME = "runtime/flink/lib";
    private static final String MAIN = "org.apache.flink.table.gateway.SqlGateway";
    private static final String LOOPBACK = "127.0.0.1";
    /** The Ranger Kafka service whose topic policies Flink enforces. */
    public static final String KAFKA_SERVICE = "sandbox_kafka";
    /** The database of the seed's streaming table. */
    public static final String STREAMS = "streams";
    /** The topic the tour's streaming job writes every click into, as table {@code streams.page_views}. */
    public static final String PAGE_VIEWS_TOPIC = "page_views";

    // What Flink 1.20's distribution runs its JVMs with on Java 17 (env.java.opts.all of its conf/config.yaml).
    private static final List<String> MODULE_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        // The Thrift server creates the demonstration databases; the broker's address goes into the table.
        return Set.of(
                MetastoreService.NAME,
                PolicyServerService.NAME,
                DirectoryService.NAME,
                KafkaService.NAME,
                SparkThriftService.NAME);
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        return runs(context) ? Set.of(context.flinkPort()) : Set.of();
    }

    // Its runtime (the archive leaves runtime/ out), the broker, and the loopback address: the front takes passwords
    // over plain HTTP, which must not cross a network.
    private static boolean runs(SandboxContext context) {
        return Files.isDirectory(context.options().distDir().resolve(RUNTIME))
                && KafkaService.runs(context)
                && context.host().equals(LOOPBACK);
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        if (!context.host().equals(LOOPBACK)) {
            return new AbsentService("no Flink: its endpoint takes passwords over plain HTTP, so it runs on --host "
                    + LOOPBACK + " only");
        }
        if (!runs(context)) {
            return new AbsentService("no Flink: the distribution has no " + RUNTIME + " or no Kafka broker (the archive"
                    + " leaves runtime/ out; a built distribution has it)");
        }
        Path conf = context.dataDir("conf/flink");
        int gatewayPort = freeLoopbackPort();
        writeConf(context, conf, gatewayPort);
        ChildProcess process = context.startProcess(
                NAME,
                command(context, conf),
                Map.of(
                        "FLINK_CONF_DIR",
                        conf.toString(),
                        "FLINK_LOG_DIR",
                        context.dataDir("logs").toString()));
        URI gateway = URI.create("http://" + LOOPBACK + ":" + gatewayPort);
        FlinkFront front;
        try {
            process.awaitPort(LOOPBACK, gatewayPort, Duration.ofSeconds(120));
            front = FlinkFront.start(
                    context.host(),
                    context.flinkPort(),
                    gateway,
                    context.host(),
                    context.ldapPort(),
                    DemoDirectory.PEOPLE);
        } catch (Exception e) {
            process.close();
            throw e;
        }
        FlinkSqlClient client = new FlinkSqlClient(URI.create(context.flinkUrl()));
        try {
            defineClickStream(context, client);
        } catch (Exception e) {
            front.close();
            process.close();
            throw e;
        }
        return new StartedService() {
            @Override
            public List<Endpoint> endpoints() {
                return List.of(new Endpoint(
                        "SQL endpoint, Flink SQL gateway REST (catalog " + RoutedOverlay.FLINK_CATALOG + ")",
                        context.flinkUrl()));
            }

            @Override
            public List<String> notes() {
                return List.of(
                        "Flink: curl -u alice:alice-pw -X POST -H 'Content-Type: application/json' -d '{}' "
                                + context.flinkUrl() + "/v2/sessions (then statements, as Flink's REST API says)",
                        "Flink's settings: " + conf.resolve("config.yaml"));
            }

            @Override
            public void tour(PrintStream out) throws Exception {
                new FlinkTour(context, client).run(out);
            }

            @Override
            public void close() {
                front.close();
                process.close();
            }
        };
    }

    private static List<String> command(SandboxContext context, Path conf) {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.java());
        command.add("-Xmx1g");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(MODULE_OPTIONS);
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j2.properties"));
        // The REST endpoints' upload directories and the jobs' scratch files: in the data directory.
        command.add("-Djava.io.tmpdir=" + context.dataDir("flink-tmp"));
        command.add("-cp");
        // The drop-in jar from where the distribution ships it, beside Flink's lib/ as $FLINK_HOME/lib holds both.
        command.add(context.distFile(RUNTIME) + "/*:" + context.distFile("flink") + "/*");
        command.add(MAIN);
        return command;
    }

    // The seed's DDL, in the guarded catalog, over the broker of this start (its address changes at each).
    private static void defineClickStream(SandboxContext context, FlinkSqlClient client) throws Exception {
        DemoAccount service = context.directory().account(DemoDirectory.SERVICE_ACCOUNT);
        try (FlinkSqlClient.Session session = client.open(service.user(), service.password())) {
            session.execute("CREATE DATABASE IF NOT EXISTS " + STREAMS);
            session.execute("DROP TABLE IF EXISTS " + STREAMS + ".ClickStream");
            session.execute(
                    """
                    CREATE TABLE %s.ClickStream (
                        `user_id` BIGINT,
                        `url` STRING,
                        `event_timestamp` TIMESTAMP(3) METADATA FROM 'timestamp',
                        WATERMARK FOR `event_timestamp` AS `event_timestamp` - INTERVAL '5' SECOND
                    ) WITH (
                        'connector' = 'kafka',
                        'topic' = '%s',
                        'properties.bootstrap.servers' = '%s',
                        'scan.startup.mode' = 'latest-offset',
                        'format' = 'json'
                    )"""
                            .formatted(STREAMS, KafkaService.TOPIC, KafkaService.bootstrapServers(context)));
            // The sink of the tour's streaming job (F5).
            session.execute("DROP TABLE IF EXISTS " + STREAMS + ".page_views");
            session.execute(
                    """
                    CREATE TABLE %s.page_views (
                        `user_id` BIGINT,
                        `url` STRING,
                        `viewed_at` TIMESTAMP(3)
                    ) WITH (
                        'connector' = 'kafka',
                        'topic' = '%s',
                        'properties.bootstrap.servers' = '%s',
                        'format' = 'json'
                    )"""
                            .formatted(STREAMS, PAGE_VIEWS_TOPIC, KafkaService.bootstrapServers(context)));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void writeConf(SandboxContext context, Path conf, int gatewayPort) throws IOException {
        Map<String, String> flink = new LinkedHashMap<>();
        // Kyuubi hands its Flink engine the session's flink.* settings without the prefix.
        new TreeMap<>(RoutedOverlay.flink(context)).forEach((key, value) -> {
            if (key.startsWith("flink.")) {
                flink.put(key.substring("flink.".length()), value);
            }
        });
        flink.put("sql-gateway.endpoint.type", "rest");
        flink.put("sql-gateway.endpoint.rest.address", "127.0.0.1");
        flink.put("sql-gateway.endpoint.rest.bind-address", "127.0.0.1");
        flink.put("sql-gateway.endpoint.rest.port", Integer.toString(gatewayPort));
        // Else the gateway takes the local cluster's rest.bind-port below, a port the system picks.
        flink.put("sql-gateway.endpoint.rest.bind-port", Integer.toString(gatewayPort));
        // Jobs run in the gateway's JVM, on a local cluster each, every port of it on loopback.
        flink.put("execution.target", "local");
        flink.put("execution.attached", "true");
        flink.put("parallelism.default", "1");
        flink.put("jobmanager.bind-host", "127.0.0.1");
        flink.put("jobmanager.rpc.address", "127.0.0.1");
        flink.put("taskmanager.bind-host", "127.0.0.1");
        flink.put("taskmanager.host", "127.0.0.1");
        flink.put("rest.bind-address", "127.0.0.1");
        flink.put("rest.address", "127.0.0.1");
        flink.put("rest.bind-port", "0");
        flink.put("io.tmp.dirs", context.dataDir("flink-tmp").toString());
        StringBuilder yaml = new StringBuilder(
                "# The sandbox's Flink SQL gateway; rewritten at each start (the catalog's settings: kyuubi-ext-routing's"
                        + " launch injection)\n");
        flink.forEach((key, value) ->
                yaml.append(key).append(": ").append(quoted(value)).append('\n'));
        ConfFiles.write(conf.resolve("config.yaml"), yaml.toString());

        Map<String, String> hive = new LinkedHashMap<>();
        hive.put("hive.metastore.uris", context.metastoreUri());
        hive.put("hive.metastore.warehouse.dir", context.warehouse().toUri().toString());
        ConfFiles.hadoopXml(
                context.dataDir("conf/flink/hive").resolve("hive-site.xml"),
                "The sandbox's metastore, for Flink's guarded catalog; rewritten at each start",
                hive);

        EngineRangerFiles.security(
                context,
                context.rangerService(),
                conf.resolve("ranger-flink-security.xml"),
                "Ranger's keys for the sandbox's Flink (the Hive service every engine enforces); rewritten at each start",
                "flink",
                context.dataDir("policy-cache-flink"),
                Map.of());
        EngineRangerFiles.audit(
                context,
                conf.resolve("ranger-flink-audit.xml"),
                "Ranger's audit for the sandbox's Flink",
                "ranger-flink-audit.log");
        EngineRangerFiles.security(
                context,
                KAFKA_SERVICE,
                conf.resolve("ranger-kafka-security.xml"),
                "Ranger's Kafka service, whose topic policies the sandbox's Flink enforces; rewritten at each start",
                "kafka",
                context.dataDir("policy-cache-flink-kafka"),
                Map.of());
        EngineRangerFiles.audit(
                context,
                conf.resolve("ranger-kafka-audit.xml"),
                "Ranger's audit of the sandbox's Flink's topic decisions",
                "ranger-flink-kafka-audit.log");

        ConfFiles.write(
                conf.resolve("log4j2.properties"),
                String.join(
                        "\n",
                        "# The gateway's log: its service log (standard output). Rewritten at each start.",
                        "rootLogger.level = WARN",
                        "rootLogger.appenderRef.console.ref = console",
                        "logger.gateway.name = org.apache.flink.table.gateway",
                        "logger.gateway.level = INFO",
                        "appender.console.name = console",
                        "appender.console.type = Console",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %logger{1} - %msg%n",
                        ""));
    }

    // YAML's single quotes: the values are paths, lists with ';' and plain words.
    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
