package io.lakegate.sandbox.metastore;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.process.JavaCommand;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.ProcessService;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Hive metastore for every engine: Hive 2.3.9's Thrift server from Spark's own jars (every engine's client talks
 * to a 2.3 server), on embedded Derby in the data directory, listening on the sandbox's address only ({@link
 * BoundMetastore}).
 */
public final class MetastoreService implements SandboxService {
    public static final String NAME = "metastore";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    // This class's jar, which carries BoundMetastore.
    private static String sandboxJar() throws URISyntaxException {
        return Path.of(MetastoreService.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        return Set.of(context.metastorePort());
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        Path conf = context.dataDir("conf/metastore");
        Map<String, String> site = new LinkedHashMap<>();
        site.put(
                "javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + context.dataDir("metastore").resolve("derby") + ";create=true");
        site.put("datanucleus.schema.autoCreateAll", "true");
        site.put("hive.metastore.schema.verification", "false");
        site.put("hive.metastore.warehouse.dir", context.warehouse().toUri().toString());
        // Hive's default logging is asynchronous, through a library Spark's jars do not carry.
        site.put("hive.async.log.enabled", "false");
        ConfFiles.hadoopXml(
                conf.resolve("hive-site.xml"), "The sandbox's Hive metastore; rewritten at each start", site);
        ChildProcess process = context.startProcess(
                NAME,
                List.of(
                        JavaCommand.java(),
                        "-Xmx512m",
                        "-XX:+ExitOnOutOfMemoryError",
                        // A small service on a small machine: fewer GC and compiler threads start faster.
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Dderby.system.home=" + context.dataDir("metastore"),
                        "-Dhive.log.dir=" + context.dataDir("logs"),
                        "-Dhive.log.file=metastore-hive.log",
                        "-cp",
                        conf + ":" + context.options().sparkJars() + "/*:" + sandboxJar(),
                        BoundMetastore.class.getName(),
                        context.host(),
                        Integer.toString(context.metastorePort())),
                Map.of());
        process.awaitPort(context.host(), context.metastorePort(), Duration.ofSeconds(120));
        return new ProcessService(
                List.of(new Endpoint("Hive metastore (Thrift)", context.metastoreUri())),
                List.of("warehouse: " + context.warehouse()),
                process);
    }
}
