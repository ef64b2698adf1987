package io.lakegate.trino.ranger;

import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static io.trino.testing.TestingSession.testSessionBuilder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trino.Session;
import io.trino.plugin.hive.HivePlugin;
import io.trino.plugin.iceberg.IcebergPlugin;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import io.trino.testing.MaterializedResult;
import io.trino.testing.StandaloneQueryRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One real Trino 483 coordinator per test JVM, with Lakegate's access control loaded through its {@code Plugin} by
 * name, as {@code etc/access-control.properties} loads it, on Ranger Hive-service policies the project's policy
 * server serves over HTTP. Catalogs {@code lake} (memory connector), {@code hive} (Hive connector) and
 * {@code iceberg} (Iceberg connector) are governed by the Hive service, the last two on Trino's file metastore over
 * local files; {@code tpch} by none. A schema of any of them is the Hive database of that name.
 */
final class TrinoWithRanger {
    static final String SERVICE = "trino_test_hive";
    static final String CATALOG = "lake";
    static final String HIVE = "hive";
    static final String ICEBERG = "iceberg";
    private static final long POLL_MS = 200;

    private static TrinoWithRanger shared;

    private final StandaloneQueryRunner trino;
    private final SystemAccessControl control;
    private final Path securityFile;
    private final Path policies;
    private final PolicyServer server;

    private TrinoWithRanger(
            StandaloneQueryRunner trino,
            SystemAccessControl control,
            Path securityFile,
            Path policies,
            PolicyServer server) {
        this.trino = trino;
        this.control = control;
        this.securityFile = securityFile;
        this.policies = policies;
        this.server = server;
    }

    static synchronized TrinoWithRanger get() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private static TrinoWithRanger start() {
        try {
            Path dir = Files.createTempDirectory("lakegate-trino-ranger");
            Path policies = Files.createDirectories(dir.resolve("policies"));
            writeAtomically(policies.resolve(SERVICE + ".json"), export(SERVICE, Fixture.policies()));
            PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
            Path conf = Files.createDirectories(dir.resolve("etc"));
            Path security = RangerPluginFiles.securityXml(
                    conf,
                    "hive",
                    RangerPluginFiles.standardKeys("hive", SERVICE, server.baseUrl(), POLL_MS, dir.resolve("cache")));
            SystemAccessControl control = load(Map.of(
                    "ranger.hive.catalogs",
                    String.join(",", CATALOG, HIVE, ICEBERG),
                    "ranger.hive.config-files",
                    security.toString(),
                    "ranger.impersonating-users",
                    "gateway"));
            StandaloneQueryRunner trino = new StandaloneQueryRunner(
                    session("admin"), coordinator -> coordinator.setSystemAccessControl(control));
            trino.getGroupProvider().setConfiguredGroupProvider(user -> Fixture.GROUPS.getOrDefault(user, Set.of()));
            trino.installPlugin(new MemoryPlugin());
            trino.installPlugin(new TpchPlugin());
            trino.installPlugin(new HivePlugin());
            trino.installPlugin(new IcebergPlugin());
            trino.createCatalog(CATALOG, "memory", Map.of());
            trino.createCatalog("tpch", "tpch", Map.of());
            Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
            // As the README requires of a governed Hive catalog (CREATE TABLE LIKE would inherit a location).
            trino.createCatalog(
                    HIVE,
                    "hive",
                    Map.of(
                            "hive.metastore", "file",
                            "hive.metastore.catalog.dir", "local:///hive",
                            "fs.local.enabled", "true",
                            "local.location", warehouse.toString(),
                            "hive.non-managed-table-creates-enabled", "false"));
            trino.createCatalog(
                    ICEBERG,
                    "iceberg",
                    Map.of(
                            "iceberg.catalog.type", "TESTING_FILE_METASTORE",
                            "hive.metastore.catalog.dir", "local:///iceberg",
                            "fs.local.enabled", "true",
                            "local.location", warehouse.toString()));
            TrinoWithRanger started = new TrinoWithRanger(trino, control, security, policies, server);
            Fixture.load(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The control as Trino makes it from {@code etc/access-control.properties}: the factory the plugin names, called
     * with the properties. (In-process, Trino takes the instance; loading by name needs the plugin directory.)
     */
    static SystemAccessControl load(Map<String, String> properties) {
        SystemAccessControlFactory factory = null;
        for (SystemAccessControlFactory candidate : new LakegateRangerPlugin().getSystemAccessControlFactories()) {
            if (candidate.getName().equals("lakegate-ranger")) {
                factory = candidate;
            }
        }
        if (factory == null) {
            throw new AssertionError("the plugin has no access control named lakegate-ranger");
        }
        return factory.create(properties, new SystemAccessControlFactory.SystemAccessControlContext() {
            @Override
            public String getVersion() {
                return "483";
            }

            @Override
            public OpenTelemetry getOpenTelemetry() {
                return OpenTelemetry.noop();
            }

            @Override
            public Tracer getTracer() {
                return OpenTelemetry.noop().getTracer("test");
            }
        });
    }

    static Session session(String user) {
        Identity identity = Identity.forUser(user)
                .withGroups(Fixture.GROUPS.getOrDefault(user, Set.of()))
                .build();
        return testSessionBuilder()
                .setOriginalIdentity(identity)
                .setIdentity(identity)
                .setCatalog(CATALOG)
                .setSchema("sales")
                .build();
    }

    MaterializedResult run(Session session, String sql) {
        return trino.execute(session, sql);
    }

    /** The control Trino runs, for checks whose statement the memory connector cannot run (no Hive, no Iceberg). */
    SystemAccessControl control() {
        return control;
    }

    /** The ranger-hive-security.xml of the running control, for another control on the same policies. */
    Path securityFile() {
        return securityFile;
    }

    /** Replaces the service's policies; the plugin has them within a few polls. */
    void publish(ObjectNode... newPolicies) {
        writeAtomically(policies.resolve(SERVICE + ".json"), export(SERVICE, newPolicies));
    }

    void restorePolicies() {
        publish(Fixture.policies());
    }

    private void close() {
        trino.close();
        server.close();
    }
}
