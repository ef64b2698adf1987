package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.conf.Templates;
import io.lakegate.install.plan.InstallPlanner;
import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.RefusedException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark 3.5 (Scala 2.12): Lakegate's runtime jar and OpenLineage's Spark agent in {@code jars/}, the extension (and
 * with a lineage URL, OpenLineage's listener) appended in {@code conf/spark-defaults.conf}, Ranger's files in
 * {@code conf/} where there are none.
 */
final class SparkHost implements Host {
    static final String EXTENSION = "io.lakegate.spark.authz.LakegateSparkExtension";
    static final String LINEAGE_LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";
    private static final Pattern SPARK_CORE = Pattern.compile("spark-core_(2\\.\\d+)-(\\d[^/]*)\\.jar");
    private static final Pattern OTHER_RUNTIME = Pattern.compile("lakegate-spark-runtime-.*\\.jar");
    private static final String DEFAULTS = "conf/spark-defaults.conf";
    private static final String SECURITY = "conf/ranger-spark-security.xml";
    private static final String AUDIT = "conf/ranger-spark-audit.xml";
    private static final String RUNTIME = "lakegate-spark-runtime-3.5_2.12-";
    private static final String AGENT = "openlineage-spark_2.12-";
    private static final Pattern WRITES = Pattern.compile("jars/" + Pattern.quote(RUNTIME) + "[^/]+\\.jar|jars/"
            + Pattern.quote(AGENT) + "[^/]+\\.jar|" + Pattern.quote(DEFAULTS) + "|" + Pattern.quote(SECURITY) + "|"
            + Pattern.quote(AUDIT));

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Plan install(Path home, Distribution distribution, InstallSettings settings) throws RefusedException {
        requireNonNull(home, "home is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(settings, "settings is null");
        Matcher core = HostVersion.find(home, "jars", SPARK_CORE)
                .orElseThrow(() -> new RefusedException(home + " is not a Spark home: it has no "
                        + "jars/spark-core_<scala>-<version>.jar; pass --spark-home the directory of a Spark 3.5 "
                        + "binary distribution (the one holding bin/ and jars/)"));
        String scala = core.group(1);
        String version = core.group(2);
        if (!scala.equals("2.12") || !version.startsWith("3.5.")) {
            throw new RefusedException("Spark " + version + " (Scala " + scala + ") at " + home
                    + " is not supported: Lakegate " + distribution.version() + " supports Spark 3.5 (Scala 2.12)");
        }
        String runtimeName = RUNTIME + distribution.version() + ".jar";
        Path runtime = distribution.file("spark/" + runtimeName);
        Path agent = distribution.onlyFile("openlineage", AGENT, ".jar");
        Optional<Matcher> other = HostVersion.find(home, "jars", OTHER_RUNTIME)
                .filter(found -> !found.group().equals(runtimeName));
        if (other.isPresent()) {
            throw new RefusedException(home.resolve("jars/" + other.get().group()) + " is another Lakegate build; "
                    + "uninstall it first (with the `lakegate uninstall` of its version, or by removing the jar)");
        }

        InstallPlanner planner = InstallPlanner.of(name(), home, distribution.version(), this::writes);
        planner.copy(runtime, "jars/" + runtimeName);
        planner.copy(agent, "jars/" + agent.getFileName());
        planner.mergeDefaults(DEFAULTS, (file, edits) -> {
            file = file.appendEntry("spark.sql.extensions", EXTENSION, edits);
            if (settings.lineageUrl().isPresent()) {
                file = file.appendEntry("spark.extraListeners", LINEAGE_LISTENER, edits);
                Map<String, String> transport = new LinkedHashMap<>();
                transport.put("spark.openlineage.transport.type", "http");
                transport.put(
                        "spark.openlineage.transport.url", settings.lineageUrl().get());
                transport.put("spark.openlineage.transport.endpoint", "/api/v1/lineage");
                for (Map.Entry<String, String> setting : transport.entrySet()) {
                    Optional<String> existing = file.value(setting.getKey());
                    if (existing.isPresent() && !existing.get().equals(setting.getValue())) {
                        planner.note("kept " + setting.getKey() + " = " + existing.get() + " in " + DEFAULTS
                                + " (Lakegate would set " + setting.getValue() + ")");
                    }
                    file = file.setIfUnset(setting.getKey(), setting.getValue(), edits);
                }
            }
            return file;
        });
        planner.createIfAbsent(
                SECURITY,
                Templates.xml(
                        "spark/ranger-spark-security.xml",
                        Map.of("ranger.url", settings.rangerUrl(), "ranger.service", settings.rangerService())));
        planner.createIfAbsent(
                AUDIT,
                Templates.xml(
                        "spark/ranger-spark-audit.xml",
                        Map.of("audit.dir", home.resolve("logs/ranger-audit").toString())));
        String confDir = System.getenv("SPARK_CONF_DIR");
        if (confDir != null && !Path.of(confDir).toAbsolutePath().normalize().equals(home.resolve("conf"))) {
            planner.note("SPARK_CONF_DIR is " + confDir + " here: Spark reads its defaults and Ranger's files from "
                    + "there, not from " + home.resolve("conf") + "; copy them over or unset it");
        }
        return planner.plan();
    }

    @Override
    public boolean writes(String path) {
        return WRITES.matcher(requireNonNull(path, "path is null")).matches();
    }
}
