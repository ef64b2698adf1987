package io.lakegate.trino.lineage;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.hiveService;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static io.trino.testing.TestingSession.testSessionBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.lineage.testing.LineageReceiver;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.lakegate.trino.ranger.LakegateRangerPlugin;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trino.Session;
import io.trino.plugin.hive.HivePlugin;
import io.trino.plugin.tpch.TpchPlugin;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import io.trino.testing.MaterializedResult;
import io.trino.testing.StandaloneQueryRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One real Trino 483 coordinator per test JVM with two of these listeners, each made by the plugin's factory from
 * properties as {@code etc/event-listener.properties} gives them, sending to real HTTP receivers: {@link #receiver()}
 * (healthy, with mask and filter expressions included) and {@link #outageReceiver()} (the defaults, which tests
 * make fail). Lakegate's Ranger bridge governs catalog {@code
 * hive} (Trino's Hive connector over local files) with Hive-service policies the project's policy server serves:
 * admin may do anything; alice reads sales with EU orders only and customers' email hashed.
 */
final class TrinoWithLineage {
    static final String SERVICE = "trino_lineage_hive";
    static final String TRINO_URI = "http://trino.example:8080";
    static final String METASTORE = "hive://metastore.example:9083";
    static final String TRINO_NAMESPACE = "trino://trino.example:8080";
    static final String API_KEY = "lineage-key";
    static final int OUTAGE_CAPACITY = 5;
    static final Duration WAIT = Duration.ofSeconds(60);

    private static TrinoWithLineage shared;

    private final StandaloneQueryRunner trino;
    private final LineageReceiver receiver;
    private final LineageReceiver outageReceiver;
    private final PolicyServer policyServer;

    private TrinoWithLineage(
            StandaloneQueryRunner trino,
            LineageReceiver receiver,
            LineageReceiver outageReceiver,
            PolicyServer policyServer) {
        this.trino = trino;
        this.receiver = receiver;
        this.outageReceiver = outageReceiver;
        this.policyServer = policyServer;
    }

    static synchronized TrinoWithLineage get() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    private static TrinoWithLineage start() {
        try {
            Path dir = Files.createTempDirectory("lakegate-trino-lineage");
            Path policies = Files.createDirectories(dir.resolve("policies"));
            writeAtomically(
                    policies.resolve(SERVICE + ".json"),
                    export(
                            SERVICE,
                            access(1, "*", "*", "*", "all", List.of("admin"), List.of()),
                            hiveService(2, "serviceadmin", List.of("admin")),
                            access(3, "sales", "*", "*", "select", List.of("alice"), List.of()),
                            rowFilter(4, "sales", "orders", List.of("alice"), "region = 'EU'"),
                            mask(5, "sales", "customers", "email", List.of("alice"), "MASK_HASH")));
            PolicyServer policyServer = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
            Path security = RangerPluginFiles.securityXml(
                    Files.createDirectories(dir.resolve("etc")),
                    "hive",
                    RangerPluginFiles.standardKeys("hive", SERVICE, policyServer.baseUrl(), 200, dir.resolve("cache")));
            SystemAccessControl control = accessControl(
                    Map.of("ranger.hive.catalogs", "hive,tpch", "ranger.hive.config-files", security.toString()));

            LineageReceiver receiver = LineageReceiver.start();
            LineageReceiver outageReceiver = LineageReceiver.start();
            Map<String, String> healthy = properties(receiver);
            healthy.put("openlineage.governance.include-expressions", "true");
            EventListener listener = listener(healthy);
            Map<String, String> outage = properties(outageReceiver);
            outage.put("openlineage.queue.capacity", String.valueOf(OUTAGE_CAPACITY));
            outage.put("openlineage.queue.batch-size", "1");
            outage.put("openlineage.retry.max-attempts", "2");
            outage.put("openlineage.transport.timeout", "1s");
            EventListener outageListener = listener(outage);

            StandaloneQueryRunner trino =
                    new StandaloneQueryRunner(session("admin"), builder -> builder.setSystemAccessControl(control)
                            .setEventListeners(List.of(listener, outageListener)));
            trino.installPlugin(new HivePlugin());
            trino.installPlugin(new TpchPlugin());
            trino.createCatalog("tpch", "tpch", Map.of());
            trino.createCatalog(
                    "hive",
                    "hive",
                    Map.of(
                            "hive.metastore", "file",
                            "hive.metastore.catalog.dir", "local:///metastore",
                            "fs.local.enabled", "true",
                            "local.location",
                                    Files.createDirectories(dir.resolve("warehouse"))
                                            .toString()));
            TrinoWithLineage started = new TrinoWithLineage(trino, receiver, outageReceiver, policyServer);
            started.load();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties of a listener sending to {@code receiver}, as an operator writes them. */
    static Map<String, String> properties(LineageReceiver receiver) {
        Map<String, String> properties = new HashMap<>();
        properties.put("openlineage.transport.type", "http");
        properties.put("openlineage.transport.url", receiver.url().toString());
        properties.put("openlineage.transport.api-key", API_KEY);
        properties.put("openlineage.trino.uri", TRINO_URI);
        properties.put("openlineage.namespace", "lakegate-test");
        properties.put("openlineage.dataset.catalog-namespaces", "hive=thrift://metastore.example:9083");
        properties.put("openlineage.dataset.exclude", "hive\\.scratch\\..*");
        properties.put("openlineage.retry.initial-backoff", "10ms");
        properties.put("openlineage.retry.max-backoff", "100ms");
        return properties;
    }

    /** The listener as Trino makes it from {@code etc/event-listener.properties}: the factory the plugin names. */
    static EventListener listener(Map<String, String> properties) {
        EventListenerFactory factory = null;
        for (EventListenerFactory candidate : new LakegateLineagePlugin().getEventListenerFactories()) {
            if (candidate.getName().equals("lakegate-openlineage")) {
                factory = candidate;
            }
        }
        if (factory == null) {
            throw new AssertionError("the plugin has no event listener named lakegate-openlineage");
        }
        return factory.create(properties, new PluginContext());
    }

    private static SystemAccessControl accessControl(Map<String, String> properties) {
        for (SystemAccessControlFactory factory : new LakegateRangerPlugin().getSystemAccessControlFactories()) {
            return factory.create(properties, new PluginContext());
        }
        throw new AssertionError("the bridge has no access control");
    }

    /** What Trino hands a plugin's factories. */
    private static final class PluginContext
            implements SystemAccessControlFactory.SystemAccessControlContext,
                    EventListenerFactory.EventListenerContext {
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
    }

    private void load() {
        Session admin = session("admin");
        for (String schema : List.of("sales", "analytics", "scratch")) {
            trino.execute(admin, "CREATE SCHEMA hive." + schema);
        }
        trino.execute(
                admin,
                "CREATE TABLE hive.sales.orders (order_id bigint, customer_id bigint, region varchar,"
                        + " amount decimal(10, 2))");
        trino.execute(
                admin,
                "INSERT INTO hive.sales.orders VALUES (1, 1, 'EU', 120.00), (2, 2, 'EU', 40.00), (3, 3, 'EU', 75.50),"
                        + " (4, 4, 'EU', 210.25), (5, 5, 'NA', 300.00), (6, 6, 'NA', 99.99), (7, 7, 'APAC', 15.00),"
                        + " (8, 8, 'APAC', 65.00), (9, 9, 'LATAM', 42.00), (10, 10, 'NA', 18.00)");
        trino.execute(
                admin,
                "CREATE TABLE hive.sales.customers (customer_id bigint, name varchar, email varchar, country varchar)");
        trino.execute(
                admin,
                "INSERT INTO hive.sales.customers VALUES (1, 'Anna', 'anna@example.de', 'DE'),"
                        + " (2, 'Luc', 'luc@example.fr', 'FR'), (3, 'Ana', 'ana@example.es', 'ES'),"
                        + " (4, 'Jo', 'jo@example.com', 'US'), (5, 'Sam', 'sam@example.com', 'US')");
    }

    static Session session(String user) {
        return session(user, Set.of());
    }

    static Session session(String user, Set<String> clientTags) {
        return testSessionBuilder()
                .setIdentity(Identity.ofUser(user))
                .setOriginalIdentity(Identity.ofUser(user))
                .setCatalog("hive")
                .setSchema("sales")
                .setSource("lineage-test")
                .setClientTags(clientTags)
                .build();
    }

    MaterializedResult run(Session session, String sql) {
        return trino.execute(session, sql);
    }

    LineageReceiver receiver() {
        return receiver;
    }

    LineageReceiver outageReceiver() {
        return outageReceiver;
    }

    /** The outage receiver's event of {@code type} for {@code sql}: the listener with the default properties. */
    JsonNode defaultsEvent(String type, String sql) {
        return outageReceiver.await(
                event -> event.path("eventType").asText().equals(type)
                        && event.path("job")
                                .path("facets")
                                .path("sql")
                                .path("query")
                                .asText()
                                .equals(sql),
                WAIT);
    }

    /** The healthy receiver's event of {@code type} ({@code START}, {@code COMPLETE}, {@code FAIL}) for {@code sql}. */
    JsonNode event(String type, String sql) {
        return receiver.await(
                event -> event.path("eventType").asText().equals(type)
                        && event.path("job")
                                .path("facets")
                                .path("sql")
                                .path("query")
                                .asText()
                                .equals(sql),
                WAIT);
    }

    private void close() {
        trino.close();
        receiver.close();
        outageReceiver.close();
        policyServer.close();
    }
}
