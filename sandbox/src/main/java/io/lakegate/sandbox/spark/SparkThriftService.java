package io.lakegate.sandbox.spark;

import io.lakegate.sandbox.demo.DemoData;
import io.lakegate.sandbox.directory.DirectoryService;
import io.lakegate.sandbox.jdbc.HiveJdbc;
import io.lakegate.sandbox.lineage.LineageHubService;
import io.lakegate.sandbox.policy.PolicyServerService;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.process.JavaCommand;
import io.lakegate.sandbox.routing.RoutedOverlay;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import io.lakegate.sandbox.tour.SparkTour;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        EngineConfFiles.hiveSite(context, conf);
        EngineConfFiles.rangerFiles(context, conf);
        Map<String, String> overlay = RoutedOverlay.spark(context);

        List<String> command = new ArrayList<>();
        command.add(JavaCommand.java());
        command.add("-Xmx1536m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(MODULE_OPTIONS);
        command.add("-cp");
        command.add(conf + ":" + context.options().sparkJars() + "/*:" + context.distJar("kyuubi", "lakegate-kyuubi-"));
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
            DemoData.loadOnce(context, jdbc);
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

    public static String jdbcUrl(SandboxContext context) {
        return "jdbc:hive2://" + context.host() + ":" + context.thriftPort() + "/default";
    }
}
