package io.lakegate.spark.authz;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerAuthorizerConfig;
import io.lakegate.spark.authz.identity.HadoopGroupLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Ranger plugin of this JVM. Ranger's plugins are per process (its audit pipeline is), and a Spark
 * application's sessions share one, as Kyuubi's engines share one across the users they serve.
 */
final class SparkRangerPlugin {
    static final String PLUGIN_TYPE = "spark";
    private static final String APP_ID = "sparkSql";

    private static RangerAuthorizer authorizer;
    private static SparkAuthzConfig config;
    private static SparkAuthz authz;

    private SparkRangerPlugin() {}

    /** Starts the plugin and validates its settings, once: a configuration that cannot work fails here. */
    static synchronized RangerAuthorizer authorizer() {
        if (authorizer == null) {
            RangerAuthorizer started = RangerAuthorizer.start(
                    new RangerAuthorizerConfig(PLUGIN_TYPE, APP_ID, sparkConfFiles(), new HadoopGroupLookup()));
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

    /** Ranger's files in Spark's conf dir, read after (and so overriding) those on the classpath. */
    private static List<Path> sparkConfFiles() {
        Optional<Path> confDir = Optional.ofNullable(System.getenv("SPARK_CONF_DIR"))
                .map(Path::of)
                .or(() -> Optional.ofNullable(System.getenv("SPARK_HOME")).map(home -> Path.of(home, "conf")));
        return confDir.stream()
                .flatMap(dir -> Stream.of("audit", "security", "policymgr-ssl")
                        .map(kind -> dir.resolve("ranger-" + PLUGIN_TYPE + "-" + kind + ".xml")))
                .filter(Files::isRegularFile)
                .toList();
    }
}
