package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.lakegate.spark.authz.identity.SessionUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.sql.SparkSession;

/**
 * Time Lakegate adds to planning a query: the same TPC-DS-like queries planned (parsed, analysed, optimized,
 * physically planned, as {@code queryExecution().executedPlan()} does) by a session with the extension and by one
 * without it, on one SparkContext, with 100, 1,000 and 10,000 Ranger policies served over HTTP. Run with
 * {@code mvn -B -pl spark-authz-plugin -am -Pbench -DskipTests verify}; figures go to stdout and
 * {@code spark-authz-plugin/target/bench/results.md}.
 */
public final class AuthorizationBenchmark {
    private static final String SERVICE = "hive_bench";
    private static final String USER = "analyst";
    private static final String ADMIN = "admin";
    private static final String DATABASE = "tpcds";
    private static final int[] POLICY_COUNTS = {100, 1_000, 10_000};
    private static final int WARMUP_ROUNDS = 10;
    // Before the first policy set is measured: the JIT is still compiling Spark's planner for tens of rounds.
    private static final int JIT_WARMUP_ROUNDS = 40;

    private AuthorizationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        Path work = Path.of("target", "bench").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        Path policies = Files.createDirectories(work.resolve("policies"));
        writeAtomically(policies.resolve(SERVICE + ".json"), export(SERVICE, policies(POLICY_COUNTS[0])));

        try (PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policies))) {
            Map<String, String> keys = RangerPluginFiles.standardKeys(
                    SparkRangerPlugin.PLUGIN_TYPE,
                    SERVICE,
                    server.baseUrl(),
                    500,
                    Files.createDirectories(work.resolve("policy-cache")));
            // Ranger's default asynchronous audit queue, as deployed, rather than the tests' synchronous one.
            keys.remove("xasecure.audit.destination.file.queue");
            keys.put(
                    "xasecure.audit.destination.file.dir", work.resolve("audit").toString());
            RangerPluginFiles.securityXml(
                    Files.createDirectories(Path.of(System.getenv("SPARK_CONF_DIR"))),
                    SparkRangerPlugin.PLUGIN_TYPE,
                    keys);

            // Groups as a directory-backed mapping answers them from its cache (the benchmark's users are not OS
            // users).
            Configuration hadoop = new Configuration();
            hadoop.set("hadoop.user.group.static.mapping.overrides", USER + "=analysts;" + ADMIN + "=admins");
            UserGroupInformation.setConfiguration(hadoop);

            // Two sessions of one SparkContext, each with its own in-memory catalog and warehouse.
            SparkSession plain = session(work.resolve("warehouse-plain"), null);
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            SparkSession governed = session(work.resolve("warehouse-governed"), new LakegateSparkExtension());
            plain.sparkContext().setLogLevel("WARN");
            plain.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, ADMIN);
            createTables(plain);
            createTables(governed);
            plain.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, USER);

            BlockingQueue<Long> policyChanges = new LinkedBlockingQueue<>();
            SparkRangerPlugin.authorizer()
                    .addPolicyChangeListener(() ->
                            policyChanges.add(SparkRangerPlugin.authorizer().policyVersion()));

            StringBuilder report = new StringBuilder();
            StringBuilder perQuery = new StringBuilder();
            report.append(String.format(
                    Locale.ROOT,
                    "%d queries, %d measured rounds each (after %d warm-up rounds, and %d more before the first policy set),"
                            + " Spark %s, Java %s, %d cores%n%n",
                    TpcdsQueries.QUERIES.size(),
                    rounds,
                    WARMUP_ROUNDS,
                    JIT_WARMUP_ROUNDS,
                    plain.version(),
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors()));
            report.append("| policies | planning without (median) | added: median | added: p90 | added: max |"
                    + " first planning after the policy change: median added |\n");
            report.append("|---:|---:|---:|---:|---:|---:|\n");
            for (int round = 0; round < JIT_WARMUP_ROUNDS; round++) {
                for (String query : TpcdsQueries.QUERIES) {
                    planMillis(plain, query);
                    planMillis(governed, query);
                }
            }
            for (int count : POLICY_COUNTS) {
                if (count != POLICY_COUNTS[0]) {
                    long before = SparkRangerPlugin.authorizer().policyVersion();
                    writeAtomically(policies.resolve(SERVICE + ".json"), export(SERVICE, policies(count)));
                    awaitNewVersion(policyChanges, before);
                }
                report.append(measure(count, plain, governed, rounds, perQuery)).append('\n');
                System.out.println(report);
            }
            // The per-query figures of the largest policy set: which queries the extension costs most.
            report.append(perQuery);
            System.out.println(perQuery);
            Files.writeString(work.resolve("results.md"), report);
        }
        System.exit(0);
    }

    private static String measure(
            int policies, SparkSession plain, SparkSession governed, int rounds, StringBuilder perQuery) {
        List<String> queries = TpcdsQueries.QUERIES;
        // The first planning under a new policy version misses the decision cache: Ranger evaluates.
        double[] firstAdded = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            firstAdded[q] = planMillis(governed, queries.get(q)) - planMillis(plain, queries.get(q));
        }
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (String query : queries) {
                planMillis(plain, query);
                planMillis(governed, query);
            }
        }
        double[][] without = new double[queries.size()][rounds];
        double[][] with = new double[queries.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int q = 0; q < queries.size(); q++) {
                // Alternate which session goes first, so neither always plans on a warmer JIT or cache.
                if (round % 2 == 0) {
                    without[q][round] = planMillis(plain, queries.get(q));
                    with[q][round] = planMillis(governed, queries.get(q));
                } else {
                    with[q][round] = planMillis(governed, queries.get(q));
                    without[q][round] = planMillis(plain, queries.get(q));
                }
            }
        }
        double[] baseline = new double[queries.size()];
        double[] added = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            baseline[q] = median(without[q]);
            added[q] = median(with[q]) - baseline[q];
        }
        perQuery.setLength(0);
        perQuery.append("\nPer query at ")
                .append(String.format(Locale.ROOT, "%,d", policies))
                .append(" policies:\n\n");
        perQuery.append("| query | planning without (median) | added (median) |\n|---|---:|---:|\n");
        for (int q = 0; q < queries.size(); q++) {
            perQuery.append(String.format(Locale.ROOT, "| q%d | %.2f ms | %.2f ms |%n", q + 1, baseline[q], added[q]));
        }
        return String.format(
                Locale.ROOT,
                "| %,d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |",
                policies,
                median(baseline),
                median(added),
                percentile(added, 0.9),
                Arrays.stream(added).max().orElseThrow(),
                median(firstAdded));
    }

    private static double planMillis(SparkSession session, String query) {
        long start = System.nanoTime();
        session.sql(query).queryExecution().executedPlan();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void awaitNewVersion(BlockingQueue<Long> changes, long before) throws InterruptedException {
        while (true) {
            Long version = changes.poll(2, TimeUnit.MINUTES);
            if (version == null) {
                throw new IllegalStateException("The plugin did not load the new policies within 2 minutes");
            }
            if (version != before) {
                return;
            }
        }
    }

    private static SparkSession session(Path warehouse, LakegateSparkExtension extension) {
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("lakegate-spark-authz-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.sql.warehouse.dir", warehouse.toString());
        if (extension != null) {
            builder.withExtensions(extension);
        }
        return builder.getOrCreate();
    }

    private static void createTables(SparkSession session) {
        session.sql("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        session.sql("USE " + DATABASE);
        TpcdsQueries.TABLES.forEach((table, columns) ->
                session.sql("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ") USING parquet"));
    }

    /**
     * The analyst's grants on the TPC-DS tables (one masked customer column per kind of mask, two row filters),
     * then, up to {@code count}, other users' policies: a fifth on the same tables (access, masks, row filters,
     * so that Ranger has candidates to reject on every lookup), the rest on other databases.
     */
    private static ObjectNode[] policies(int count) {
        List<ObjectNode> policies = new ArrayList<>(List.of(
                access(1, DATABASE, "*", "*", "select", List.of(USER), List.of()),
                mask(2, DATABASE, "customer", "c_email_address", List.of(USER), "MASK_HASH"),
                mask(3, DATABASE, "customer", "c_last_name", List.of(USER), "MASK_SHOW_FIRST_4"),
                mask(4, DATABASE, "customer", "c_birth_year", List.of(USER), "MASK"),
                rowFilter(5, DATABASE, "store", List.of(USER), "s_state IN ('TN', 'AL', 'SD', 'GA')"),
                rowFilter(6, DATABASE, "customer_address", List.of(USER), "ca_country = 'United States'"),
                access(7, DATABASE, "*", "*", "all", List.of(ADMIN), List.of())));
        List<String> tables = List.copyOf(TpcdsQueries.TABLES.keySet());
        for (int id = policies.size() + 1; id <= count; id++) {
            String user = "user" + (id % 500);
            String group = "group" + (id % 40);
            String table = tables.get(id % tables.size());
            String column = TpcdsQueries.firstColumn(table);
            ObjectNode policy =
                    switch (id % 20) {
                        case 0 -> mask(id, DATABASE, table, column, List.of(user), "MASK");
                        case 1 -> rowFilter(id, DATABASE, table, List.of(user), column + " IS NOT NULL");
                        case 2, 3 -> access(id, DATABASE, table, column, "select", List.of(user), List.of(group));
                        default -> access(
                                id,
                                "department" + (id % 50),
                                "table" + id,
                                "*",
                                id % 3 == 0 ? "update" : "select",
                                List.of(user),
                                List.of(group));
                    };
            policies.add(policy);
        }
        return policies.toArray(ObjectNode[]::new);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = fraction * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
