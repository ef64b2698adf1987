package io.lakegate.spark.authz;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerAuthorizerConfig;
import io.lakegate.spark.authz.identity.HadoopGroupLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Ranger plugin of this JVM. Ranger's plugins are per process (its audit pipeline is), and a Spark
 * application's sessions share one, as Kyuubi's engines share one across the users they serve.
 */
final class SparkRangerPlugin {
    static final String PLUGIN_TYPE = "spark";
    private static final String APP_ID = "sparkSql";

    private static RangerAuthorizer authorizer;

    private SparkRangerPlugin() {}

    static synchronized RangerAuthorizer authorizer() {
        if (authorizer == null) {
            authorizer = RangerAuthorizer.start(
                    new RangerAuthorizerConfig(PLUGIN_TYPE, APP_ID, sparkConfFiles(), new HadoopGroupLookup()));
        }
        return authorizer;
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
