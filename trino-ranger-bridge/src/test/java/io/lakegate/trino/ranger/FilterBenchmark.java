package io.lakegate.trino.ranger;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static io.trino.testing.TestingSession.testSessionBuilder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.trino.Session;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.spi.QueryId;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;
import io.trino.testing.StandaloneQueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the access control costs Trino: {@code filterTables} over 10,000 tables and the batch {@code filterColumns}
 * over 1,000 columns, with 1,000 Hive-service policies, answered from Lakegate's decision cache against a per-object
 * loop of Ranger evaluations (the same control with {@code lakegate.decision.cache.size=0}, as Trino's own Ranger
 * plugin asks Ranger once per object per call); and the time the control adds to analysing and planning a query
 * with a row filter and masks ({@code EXPLAIN}, against Trino's default allow-all control). Run with
 * {@code mvn -B -pl trino-ranger-bridge -am -Pbench -DskipTests verify}; figures go to stdout and
 * {@code trino-ranger-bridge/target/bench/results.md}.
 */
public final class FilterBenchmark {
    private static final String SERVICE = "trino_bench_hive";
    private static final int POLICIES = 1_000;
    private static final int SCHEMAS = 100;
    private static final int TABLES_PER_SCHEMA = 100;
    private static final int COLUMNS = 1_000;

    private FilterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path work = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(work);
        Path policies = Files.createDirectories(Files.createTempDirectory(work, "policies"));
        writeAtomically(policies.resolve(SERVICE + ".json"), export(SERVICE, policies()));
        StringBuilder results = new StringBuilder("| measurement | median | p90 |\n|---|---|---|\n");
        try (PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policies))) {
            SystemAccessControl cached = control(work, server, "cached", Map.of());
            SystemAccessControl uncached =
                    control(work, server, "uncached", Map.of("ranger.plugin.hive.lakegate.decision.cache.size", "0"));
            SystemSecurityContext analyst = new SystemSecurityContext(
                    Identity.forUser("analyst").withGroups(Set.of("analysts")).build(),
                    QueryId.valueOf("bench"),
                    Instant.now());
            Set<SchemaTableName> tables = tables();
            Map<SchemaTableName, Set<String>> columns = Map.of(new SchemaTableName("s7", "t7"), columns());

            measure(
                    results,
                    "filterTables, 10,000 tables, the same set again (one answer)",
                    rounds,
                    () -> cached.filterTables(analyst, "lake", tables).size());
            // A catalog whose tables change between calls: one table more each time, so no whole answer applies and
            // each table is answered from its own listing decision.
            AtomicInteger created = new AtomicInteger();
            measure(results, "filterTables, 10,000 tables, one more each call, per-object decisions", rounds, () -> {
                Set<SchemaTableName> grown = new LinkedHashSet<>(tables);
                grown.add(new SchemaTableName("s1", "new_" + created.incrementAndGet()));
                return cached.filterTables(analyst, "lake", grown).size();
            });
            measure(results, "filterTables, 10,000 tables, per-object Ranger loop", rounds, () -> uncached.filterTables(
                            analyst, "lake", tables)
                    .size());
            measure(
                    results,
                    "filterColumns, 1,000 columns, the same set again (one answer)",
                    rounds,
                    () -> cached.filterColumns(analyst, "lake", columns).size());
            measure(
                    results,
                    "filterColumns, 1,000 columns, per-object Ranger loop",
                    rounds,
                    () -> uncached.filterColumns(analyst, "lake", columns).size());

            String query = "EXPLAIN SELECT c.email, c.phone, sum(o.amount) FROM lake.s1.customers c"
                    + " JOIN lake.s1.orders o ON c.id = o.customer_id WHERE o.region <> 'X' GROUP BY 1, 2";
            try (StandaloneQueryRunner governed = trino(cached);
                    StandaloneQueryRunner open = trino(null)) {
                Session analystSession = session("analyst", Set.of("analysts"));
                // Both engines' planners compiled by the JIT before either is measured: the first measured would
                // otherwise pay for it.
                for (int i = 0; i < rounds; i++) {
                    open.execute(analystSession, query);
                    governed.execute(analystSession, query);
                }
                measure(results, "EXPLAIN with a row filter and 2 masks, allow-all control", rounds, () -> open.execute(
                                analystSession, query)
                        .getRowCount());
                measure(
                        results,
                        "EXPLAIN with a row filter and 2 masks, lakegate-ranger",
                        rounds,
                        () -> governed.execute(analystSession, query).getRowCount());
            }
            cached.shutdown();
            uncached.shutdown();
        }
        String report = "Trino 483, " + POLICIES + " Hive-service policies, " + rounds + " rounds after warm-up"
                + " (JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores)\n\n"
                + results;
        System.out.println(report);
        Files.writeString(work.resolve("results.md"), report);
    }

    private static ObjectNode[] policies() {
        List<ObjectNode> policies = new ArrayList<>();
        // Most policies name other schemas' tables; the analyst's groups match some of them.
        for (int i = 0; i < POLICIES - 3; i++) {
            String schema = "s" + (i % SCHEMAS);
            String group = i % 3 == 0 ? "analysts" : "team" + i;
            policies.add(access(
                    i + 1, schema, "t" + (i % TABLES_PER_SCHEMA) + "*", "*", "select", List.of(), List.of(group)));
        }
        policies.add(access(POLICIES - 2, "s1", "*", "*", "select", List.of(), List.of("analysts")));
        policies.add(rowFilter(POLICIES - 1, "s1", "orders", List.of("analyst"), "region = 'EU'"));
        policies.add(mask(POLICIES, "s1", "customers", "email", List.of("analyst"), "MASK_HASH"));
        policies.add(mask(POLICIES + 1, "s1", "customers", "phone", List.of("analyst"), "MASK_SHOW_LAST_4"));
        policies.add(access(POLICIES + 2, "*", "*", "*", "all", List.of("admin"), List.of()));
        return policies.toArray(ObjectNode[]::new);
    }

    private static SystemAccessControl control(
            Path work, PolicyServer server, String name, Map<String, String> extraKeys) throws Exception {
        Path etc = Files.createDirectories(work.resolve(name));
        Map<String, String> keys = new HashMap<>(
                RangerPluginFiles.standardKeys("hive", SERVICE, server.baseUrl(), 60_000, etc.resolve("cache")));
        keys.put("xasecure.audit.is.enabled", "false");
        keys.putAll(extraKeys);
        Path security = RangerPluginFiles.securityXml(etc, "hive", keys);
        return TrinoWithRanger.load(
                Map.of("ranger.hive.catalogs", "lake", "ranger.hive.config-files", security.toString()));
    }

    private static StandaloneQueryRunner trino(SystemAccessControl control) {
        StandaloneQueryRunner trino = control == null
                ? new StandaloneQueryRunner(session("admin", Set.of()))
                : new StandaloneQueryRunner(
                        session("admin", Set.of()), builder -> builder.setSystemAccessControl(control));
        trino.installPlugin(new MemoryPlugin());
        trino.createCatalog("lake", "memory", Map.of());
        Session admin = session("admin", Set.of());
        trino.execute(admin, "CREATE SCHEMA lake.s1");
        trino.execute(
                admin, "CREATE TABLE lake.s1.orders (id bigint, customer_id bigint, region varchar, amount double)");
        trino.execute(admin, "CREATE TABLE lake.s1.customers (id bigint, email varchar, phone varchar)");
        return trino;
    }

    private static Session session(String user, Set<String> groups) {
        Identity identity = Identity.forUser(user).withGroups(groups).build();
        return testSessionBuilder()
                .setOriginalIdentity(identity)
                .setIdentity(identity)
                .build();
    }

    private static Set<SchemaTableName> tables() {
        Set<SchemaTableName> tables = new LinkedHashSet<>();
        for (int s = 0; s < SCHEMAS; s++) {
            for (int t = 0; t < TABLES_PER_SCHEMA; t++) {
                tables.add(new SchemaTableName("s" + s, "t" + t));
            }
        }
        return tables;
    }

    private static Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        for (int c = 0; c < COLUMNS; c++) {
            columns.add("c" + c);
        }
        return columns;
    }

    private static void measure(StringBuilder results, String name, int rounds, Supplier<Object> call) {
        for (int i = 0; i < Math.max(5, rounds / 2); i++) {
            call.get();
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        String line =
                "| " + name + " | " + millis(nanos[rounds / 2]) + " | " + millis(nanos[(int) (rounds * 0.9)]) + " |";
        System.out.println(line);
        results.append(line).append('\n');
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
