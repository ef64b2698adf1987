package io.lakegate.spark.authz;

import io.lakegate.ranger.HadoopGroupLookup;
import io.lakegate.ranger.InvalidRangerConfigException;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerAuthorizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;

/**
 * The Ranger plugin of this JVM. Ranger's plugins are per process (its audit pipeline is), and a Spark
 * application's sessions share one, as Kyuubi's engines share one across the users they serve.
 */
final class SparkRangerPlugin {
    static final String PLUGIN_TYPE = "spark";
    private static final String APP_ID = "sparkSql";
    // Spark conf keys, not Ranger's: a launcher that can only pass spark-submit --conf (Kyuubi's engine-launch
    // injection) sets them per engine. Read once, when the plugin starts.
    static final String RANGER_CONF_DIR = "spark.lakegate.ranger.conf.dir";
    static final String POLICY_CACHE_DIR = "spark.lakegate.ranger.policy.cache.dir";
    private static final List<String> FILE_KINDS = List.of("audit", "security", "policymgr-ssl");
    private static final String SECURITY_FILE = "ranger-" + PLUGIN_TYPE + "-security.xml";

    private static RangerAuthorizer authorizer;
    private static SparkAuthzConfig config;
    private static SparkAuthz authz;

    private SparkRangerPlugin() {}

    /** Starts the plugin and validates its settings, once: a configuration that cannot work fails here. */
    static synchronized RangerAuthorizer authorizer() {
        if (authorizer == null) {
            // Spark creates the application's SparkEnv, with the conf spark-submit was given, before it applies
            // session extensions; without one (no SparkContext yet) only the files configure the plugin.
            Optional<SparkConf> sparkConf = Optional.ofNullable(SparkEnv.get()).map(SparkEnv::conf);
            RangerAuthorizer started = RangerAuthorizer.start(rangerConfig(sparkConfDir(), sparkConf));
            config = SparkAuthzConfig.from(started);
            authorizer = started;
        }
        return authorizer;
    }

    static synchronized SparkAuthz of(SparkSession session) {
        if (authz == null) {
            authz = new SparkAuthz(authorizer(), config, session.sparkContext().getConf());
        }
        return authz;
    }

    /**
     * Ranger's files in Spark's conf dir, read after (and so overriding) those on the classpath, then those of
     * {@value #RANGER_CONF_DIR}, which win over both; {@value #POLICY_CACHE_DIR} wins over every file's cache dir.
     *
     * @throws InvalidRangerConfigException when a key is set to a value the plugin cannot start with
     */
    static RangerAuthorizerConfig rangerConfig(Optional<Path> sparkConfDir, Optional<SparkConf> sparkConf) {
        List<Path> files =
                new ArrayList<>(sparkConfDir.map(SparkRangerPlugin::rangerFiles).orElse(List.of()));
        sparkConf.flatMap(conf -> value(conf, RANGER_CONF_DIR)).ifPresent(dir -> files.addAll(launcherFiles(dir)));
        Map<String, String> overrides = sparkConf
                .flatMap(conf -> value(conf, POLICY_CACHE_DIR))
                .map(dir -> Map.of("ranger.plugin." + PLUGIN_TYPE + ".policy.cache.dir", policyCacheDir(dir)))
                .orElse(Map.of());
        return new RangerAuthorizerConfig(PLUGIN_TYPE, APP_ID, files, overrides, new HadoopGroupLookup());
    }

    private static Optional<Path> sparkConfDir() {
        return Optional.ofNullable(System.getenv("SPARK_CONF_DIR"))
                .map(Path::of)
                .or(() -> Optional.ofNullable(System.getenv("SPARK_HOME")).map(home -> Path.of(home, "conf")));
    }

    private static List<Path> rangerFiles(Path dir) {
        return FILE_KINDS.stream()
                .map(kind -> dir.resolve("ranger-" + PLUGIN_TYPE + "-" + kind + ".xml"))
                .filter(Files::isRegularFile)
                .toList();
    }

    // The launcher chose this engine's files: starting on others instead (Spark's conf dir's, the classpath's),
    // which may name another service or another Ranger Admin, would enforce policies nobody meant for it.
    private static List<Path> launcherFiles(String value) {
        Path dir = Path.of(value);
        String fix = ": point it at the directory holding this engine's " + SECURITY_FILE + " (and, optionally, its"
                + " ranger-" + PLUGIN_TYPE + "-audit.xml and ranger-" + PLUGIN_TYPE + "-policymgr-ssl.xml), or unset"
                + " it to read Ranger's files from $SPARK_CONF_DIR (else $SPARK_HOME/conf) and the classpath only;"
                + " the plugin does not start on other Ranger files than those it was pointed at";
        if (!Files.isDirectory(dir)) {
            throw new InvalidRangerConfigException("Spark conf key " + RANGER_CONF_DIR + " is [" + value
                    + "], which is not an existing directory" + fix);
        }
        if (!Files.isRegularFile(dir.resolve(SECURITY_FILE))) {
            throw new InvalidRangerConfigException("Spark conf key " + RANGER_CONF_DIR + " is [" + value
                    + "], a directory that holds no " + SECURITY_FILE + fix);
        }
        return rangerFiles(dir);
    }

    private static String policyCacheDir(String value) {
        // Ranger creates a missing cache dir, but cannot write its cache file into a file.
        if (Files.exists(Path.of(value)) && !Files.isDirectory(Path.of(value))) {
            throw new InvalidRangerConfigException("Spark conf key " + POLICY_CACHE_DIR + " is [" + value
                    + "], which is not a directory: set it to a directory of this engine's own (Ranger creates it if"
                    + " missing), or unset it to use ranger.plugin." + PLUGIN_TYPE + ".policy.cache.dir of "
                    + SECURITY_FILE);
        }
        return value;
    }

    // Set but blank is refused: as a path it would name the working directory.
    private static Optional<String> value(SparkConf conf, String key) {
        String value = conf.get(key, null);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new InvalidRangerConfigException(
                    "Spark conf key " + key + " is set but empty: set it to a directory, or unset it");
        }
        return Optional.of(value.trim());
    }
}
