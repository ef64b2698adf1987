package io.lakegate.kyuubi.routing;

import io.lakegate.kyuubi.routing.kyuubi.LakegateSessionConfAdvisor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost Kyuubi pays per session opened: {@link LakegateSessionConfAdvisor#getConfOverlay} over a rules file of
 * 1,000 rules (users, groups, session properties, client address ranges, {@code regex:} users; limits, guardrails,
 * launch injection), created as Kyuubi creates it (no argument, the file named by a {@code kyuubi.*} system
 * property). Target: p99 under 50 µs. Run with {@code mvn -B -pl kyuubi-ext-routing -am -Pbench -DskipTests verify}.
 *
 * <p>Each scenario rotates over {@value #SESSIONS} sessions of one shape, each shaped as Kyuubi's frontend hands it
 * to an advisor (the client's keys and the five Kyuubi adds): {@code early} matches one of the first rules,
 * {@code late} one of the last (every unindexed rule before it is tried), {@code catchAll} none but the last,
 * {@code clampedGuarded} a mid-file rule with resources over its group's limits and keys the guardrails replace.
 * The setup checks that each session routes where its scenario says, so that a change to the rules' semantics
 * cannot silently turn the benchmark into another one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
public class RoutingBenchmark {
    static final String RULES_KEY = "kyuubi.session.lakegate.routing.rules";
    static final int RULES = 1_000;
    static final int SESSIONS = 4;
    static final String SPARK_EXTENSION = "io.lakegate.spark.authz.LakegateSparkExtension";

    @Param({"early", "late", "catchAll", "clampedGuarded"})
    public String scenario;

    private Path directory;
    private LakegateSessionConfAdvisor advisor;
    private String[] users;
    private List<Map<String, String>> confs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("lakegate-routing-bench");
        RulesFile rules = RulesFile.generate();
        Path file = directory.resolve("lakegate-routing.yaml");
        Files.writeString(file, rules.yaml, StandardCharsets.UTF_8);
        System.setProperty(RULES_KEY, file.toString());
        advisor = new LakegateSessionConfAdvisor();

        List<Session> sessions = sessions(rules);
        users = sessions.stream().map(Session::user).toArray(String[]::new);
        confs = sessions.stream().map(Session::conf).toList();
        for (Session session : sessions) {
            session.check(advisor.getConfOverlay(session.user(), session.conf()));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.clearProperty(RULES_KEY);
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Benchmark
    public Map<String, String> getConfOverlay() {
        int i = next++ & (SESSIONS - 1);
        return advisor.getConfOverlay(users[i], confs.get(i));
    }

    private List<Session> sessions(RulesFile rules) {
        List<Session> sessions = new ArrayList<>();
        for (int k = 0; k < SESSIONS; k++) {
            Session session =
                    switch (scenario) {
                        case "early" -> {
                            int rule = rules.userRules.get(k);
                            Map<String, String> conf = kyuubiConf(userOf(rule), "10.250.1." + (10 + k));
                            conf.put("lakegate.workload", "interactive");
                            conf.put("spark.executor.memory", "4g");
                            yield new Session(userOf(rule), conf, RulesFile.ruleName(rule), Map.of());
                        }
                        case "late" -> {
                            List<Integer> late = rules.userRules;
                            int rule = late.get(late.size() - 1 - k);
                            Map<String, String> conf = kyuubiConf(userOf(rule), "10.200.3." + (10 + k));
                            conf.put("lakegate.workload", "adhoc-late");
                            conf.put("lakegate.team", "none");
                            conf.put("spark.executor.memory", "6g");
                            conf.put("spark.sql.shuffle.partitions", "200");
                            yield new Session(userOf(rule), conf, RulesFile.ruleName(rule), Map.of());
                        }
                        case "catchAll" -> {
                            String user = "guest" + k;
                            Map<String, String> conf = kyuubiConf(user, "192.168.7." + (10 + k));
                            conf.put("lakegate.workload", "adhoc");
                            conf.put("spark.executor.memory", "2g");
                            conf.put("hadoop.fs.defaultFS", "hdfs://nameservice1");
                            yield new Session(user, conf, RulesFile.CATCH_ALL, Map.of());
                        }
                        case "clampedGuarded" -> {
                            String user = "alice" + k;
                            Map<String, String> conf = kyuubiConf(user, "10.250.9." + (10 + k));
                            conf.put("spark.executor.memory", "64g");
                            conf.put("spark.executor.cores", "32");
                            conf.put("spark.driver.memory", "48g");
                            conf.put("spark.sql.extensions", "com.example.EvilExtension");
                            conf.put("spark.driver.extraJavaOptions", "-javaagent:/tmp/evil.jar");
                            conf.put("spark.sql.shuffle.partitions", "5000");
                            conf.put("spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE");
                            yield new Session(
                                    user,
                                    conf,
                                    RulesFile.ruleName(rules.clampRules.get(k)),
                                    Map.of(
                                            "spark.executor.memory", "8g",
                                            "spark.executor.cores", "4",
                                            "spark.driver.memory", "8g",
                                            "spark.sql.extensions", SPARK_EXTENSION,
                                            "spark.sql.shuffle.partitions", "200"));
                        }
                        default -> throw new IllegalArgumentException("unknown scenario [" + scenario + "]");
                    };
            sessions.add(session);
        }
        return sessions;
    }

    static String userOf(int rule) {
        return String.format(Locale.ROOT, "u%04d", rule);
    }

    /** As Kyuubi's frontend hands a JDBC session's conf to an advisor: the client's keys and Kyuubi's own. */
    static Map<String, String> kyuubiConf(String user, String clientAddress) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("use:database", "default");
        conf.put("spark.app.name", "jdbc-" + user);
        conf.put("kyuubi.client.ipAddress", clientAddress);
        conf.put("kyuubi.server.ipAddress", "10.0.0.5");
        conf.put("kyuubi.session.connection.url", "kyuubi-0.kyuubi.lakegate.svc:10009");
        conf.put("kyuubi.session.real.user", user);
        conf.put("kyuubi.client.version", "1.10.3");
        return conf;
    }

    record Session(String user, Map<String, String> conf, String rule, Map<String, String> expected) {
        Session {
            conf = Map.copyOf(conf);
        }

        void check(Map<String, String> overlay) {
            String subdomain = "lakegate-" + rule.toLowerCase(Locale.ROOT) + "-";
            String routed = overlay.get("kyuubi.engine.share.level.subdomain");
            if (routed == null || !routed.startsWith(subdomain)) {
                throw new IllegalStateException("user [" + user + "] should route by rule [" + rule + "]: " + overlay);
            }
            expected.forEach((key, value) -> {
                if (!value.equals(overlay.get(key))) {
                    throw new IllegalStateException(
                            "user [" + user + "] should get " + key + "=" + value + ": " + overlay);
                }
            });
            if (overlay.values().stream().anyMatch(value -> value.contains("evil") || value.contains("Evil"))) {
                throw new IllegalStateException("user [" + user + "] got a value the guardrails replace: " + overlay);
            }
        }
    }

    /**
     * A rules file of {@value #RULES} rules, interleaved by position in 20: 5 exact users; 5 groups (1 a glob);
     * 5 session properties ({@code lakegate.workload}, {@code lakegate.team}, some globs); 4 client address ranges
     * (IPv4, some IPv6); and 1 either a {@code regex:} user or two criteria at once. The last is the catch-all.
     * Then static groups, limits, guardrails, client keys allowed beyond the defaults and the launch settings.
     */
    static final class RulesFile {
        static final String CATCH_ALL = "default";

        final String yaml;
        /** Positions of Spark rules matching one exact user, routed by derived subdomain, first to last. */
        final List<Integer> userRules = new ArrayList<>();
        /** Positions of mid-file Spark rules matching one exact group, the clamp scenario's. */
        final List<Integer> clampRules = new ArrayList<>();

        private RulesFile(StringBuilder yaml) {
            this.yaml = yaml.toString();
        }

        static String ruleName(int i) {
            return String.format(Locale.ROOT, "r%04d", i);
        }

        static RulesFile generate() {
            StringBuilder y = new StringBuilder();
            List<Integer> userRules = new ArrayList<>();
            List<Integer> clampRules = new ArrayList<>();
            y.append("rules:\n");
            for (int i = 0; i < RULES - 1; i++) {
                int slot = i % 20;
                String type = i % 7 == 3 ? "FLINK_SQL" : i % 7 == 5 ? "TRINO" : "SPARK_SQL";
                boolean pooled = i % 11 == 0 && i > 0;
                boolean subdomain = !pooled && i % 13 == 0 && i > 0;
                y.append("  - name: ").append(ruleName(i)).append('\n');
                y.append("    match:\n");
                if (slot < 5) {
                    y.append("      users: [").append(userOf(i)).append("]\n");
                    if (type.equals("SPARK_SQL") && !pooled && !subdomain) {
                        userRules.add(i);
                    }
                } else if (slot < 10) {
                    if (slot == 9) {
                        y.append("      groups: [\"team").append(i).append("-*\"]\n");
                    } else {
                        y.append("      groups: [g")
                                .append(i)
                                .append(", gx")
                                .append(i)
                                .append("]\n");
                        if (type.equals("SPARK_SQL") && !pooled && !subdomain && i >= RULES / 2) {
                            clampRules.add(i);
                        }
                    }
                } else if (slot < 15) {
                    y.append("      properties:\n");
                    if (slot == 14 && (i / 20) % 2 == 0) {
                        y.append("        lakegate.workload: \"batch").append(i).append("-*\"\n");
                    } else if (slot == 13) {
                        y.append("        lakegate.team: t").append(i).append('\n');
                    } else {
                        y.append("        lakegate.workload: w").append(i).append('\n');
                    }
                } else if (slot < 19) {
                    y.append("      clientAddress:\n");
                    y.append(String.format(Locale.ROOT, "        - 10.%d.%d.0/24\n", i / 256, i % 256));
                    if (slot == 18) {
                        y.append(String.format(Locale.ROOT, "        - fd00:%x::/32\n", i));
                    }
                } else if ((i / 20) % 5 == 0) {
                    y.append("      users: [\"regex:svc_etl_").append(i).append("_[a-z]+\"]\n");
                } else if ((i / 20) % 2 == 0) {
                    y.append("      users: [c").append(i).append("]\n");
                    y.append("      properties:\n");
                    y.append("        lakegate.workload: w").append(i).append('\n');
                } else {
                    y.append("      groups: [cg").append(i).append("]\n");
                    y.append(String.format(Locale.ROOT, "      clientAddress: [172.16.%d.0/24]\n", i % 256));
                }
                engine(y, i, type, pooled, subdomain);
            }
            y.append("  - name: ").append(CATCH_ALL).append('\n');
            y.append("    engine: {type: SPARK_SQL, shareLevel: USER}\n");
            y.append("    defaults: {spark.executor.memory: 2g, spark.executor.cores: \"1\"}\n");

            Map<String, String> groups = new LinkedHashMap<>();
            for (int k = 0; k < 200; k++) {
                groups.put(userOf(k * 5), "[staff, g" + (k * 20 + 5) + "]");
            }
            for (int k = 0; k < SESSIONS; k++) {
                groups.put("alice" + k, "[analytics, g" + clampRules.get(k) + "]");
                groups.put(userOf(userRules.get(userRules.size() - 1 - k)), "[analysts, team-late, etl-nightly]");
            }
            y.append("groups:\n");
            groups.forEach((user, list) ->
                    y.append("  ").append(user).append(": ").append(list).append('\n'));
            y.append("limits:\n");
            y.append("  - groups: [analytics]\n");
            y.append("    max: {spark.executor.memory: 8g, spark.executor.cores: \"4\", spark.driver.memory: 8g,"
                    + " spark.dynamicAllocation.maxExecutors: \"50\"}\n");
            y.append("  - groups: [\"etl-*\"]\n");
            y.append("    max: {spark.executor.memory: 16g, spark.executor.cores: \"8\", spark.driver.memory: 8g,"
                    + " flink.parallelism.default: \"64\"}\n");
            y.append("  - groups: [data-science, ml]\n");
            y.append("    max: {spark.executor.memory: 32g, spark.executor.cores: \"8\","
                    + " flink.taskmanager.memory.process.size: 16g}\n");
            y.append("  - max: {spark.executor.memory: 8g, spark.executor.cores: \"4\", spark.driver.memory: 4g,"
                    + " flink.parallelism.default: \"16\", trino.query_max_memory: 20GB}\n");
            y.append("guardrails:\n");
            y.append("  - keys: [spark.sql.shuffle.partitions]\n");
            y.append("    value: \"200\"\n");
            y.append("  - keys: [\"spark.sql.adaptive.*\"]\n");
            y.append("    groups: [interns, \"contractor-*\"]\n");
            y.append("  - keys: [\"regex:spark\\\\.hadoop\\\\.fs\\\\.s3a\\\\..*\", \"spark.hadoop.fs.s3a.*\"]\n");
            y.append("clientKeys:\n");
            y.append("  allow: [hadoop.fs.defaultFS, \"spark.sql.parquet.*\"]\n");
            y.append("launch:\n");
            y.append("  spark:\n");
            y.append("    jars: [/opt/lakegate/jars/lakegate-spark-runtime.jar,"
                    + " /opt/openlineage/jars/openlineage-spark.jar]\n");
            y.append("    rangerConfDir: /etc/lakegate/ranger\n");
            y.append("    policyCacheDir: /var/cache/lakegate/{user}\n");
            y.append("  lineage:\n");
            y.append("    url: http://lineage.lakegate.svc:5000\n");

            RulesFile file = new RulesFile(y);
            file.userRules.addAll(userRules);
            file.clampRules.addAll(clampRules);
            return file;
        }

        private static void engine(StringBuilder y, int i, String type, boolean pooled, boolean subdomain) {
            String[] levels = {"USER", "GROUP", "CONNECTION", "SERVER"};
            y.append("    engine:\n");
            y.append("      type: ").append(type).append('\n');
            y.append("      shareLevel: ").append(levels[i % levels.length]).append('\n');
            if (pooled) {
                y.append("      pool: pool-").append(i).append('\n');
                y.append("      poolSize: ").append(2 + i % 3).append('\n');
            } else if (subdomain) {
                y.append("      subdomain: sub-").append(i).append('\n');
            }
            if (i % 3 == 0) {
                y.append("      idleTimeout: PT30M\n");
            }
            if (!type.equals("TRINO") && i % 4 == 1) {
                y.append("      queue: root.q").append(i % 10).append('\n');
            }
            switch (type) {
                case "SPARK_SQL" -> {
                    y.append("    conf:\n");
                    y.append("      spark.dynamicAllocation.enabled: \"true\"\n");
                    y.append("      spark.dynamicAllocation.maxExecutors: \"")
                            .append(10 + i % 40)
                            .append("\"\n");
                    y.append("    defaults:\n");
                    y.append("      spark.executor.memory: 4g\n");
                    y.append("      spark.executor.cores: \"2\"\n");
                    if (i % 10 == 7) {
                        y.append("    launch: {lineage: false}\n");
                    }
                }
                case "FLINK_SQL" -> {
                    y.append("    conf:\n");
                    y.append("      flink.parallelism.default: \"4\"\n");
                    y.append("    defaults:\n");
                    y.append("      flink.taskmanager.memory.process.size: 4g\n");
                }
                default -> {
                    y.append("    conf:\n");
                    y.append("      trino.query_max_execution_time: 1h\n");
                }
            }
        }
    }

    /** Writes the generated rules file to stdout, to read or check it with {@code lakegate-routing check}. */
    public static void main(String[] args) {
        System.out.print(RulesFile.generate().yaml);
    }
}
