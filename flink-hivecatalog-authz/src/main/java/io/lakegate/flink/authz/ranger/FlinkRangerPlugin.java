package io.lakegate.flink.authz.ranger;

import io.lakegate.ranger.HadoopGroupLookup;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerAuthorizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ranger plugin of this JVM, shared by every guarded catalog in it: Ranger's plugins are per process (its audit
 * pipeline is), as a Flink SQL gateway's or Kyuubi Flink engine's sessions are.
 *
 * <p>Its files are the process's, never a catalog's options: a user who could create a catalog would otherwise pick
 * the policies it enforces.
 */
public final class FlinkRangerPlugin {
    public static final String PLUGIN_TYPE = "flink";
    private static final String APP_ID = "flinkSql";
    private static final List<String> FILE_KINDS = List.of("audit", "security", "policymgr-ssl");

    private static final String KAFKA_PLUGIN_TYPE = "kafka";
    private static final String KAFKA_APP_ID = "flinkKafka";

    private static RangerAuthorizer authorizer;
    private static Optional<RangerAuthorizer> kafkaAuthorizer;

    private FlinkRangerPlugin() {}

    /**
     * Starts the plugin once, on Ranger's {@code ranger-flink-*.xml} from the classpath and then {@code
     * $FLINK_CONF_DIR}, which win; a configuration that cannot work fails here, naming the key.
     */
    public static synchronized RangerAuthorizer authorizer() {
        if (authorizer == null) {
            authorizer = RangerAuthorizer.start(config(flinkConfDir()));
        }
        return authorizer;
    }

    /**
     * The plugin of Ranger's Kafka service, once, where {@code ranger-kafka-security.xml} is on the classpath or in
     * {@code $FLINK_CONF_DIR} (else {@code $FLINK_HOME/conf}), with Ranger's Kafka plugin's keys ({@code
     * ranger.plugin.kafka.*}); empty where neither has it.
     */
    public static synchronized Optional<RangerAuthorizer> kafkaAuthorizer() {
        if (kafkaAuthorizer == null) {
            Optional<Path> confDir = flinkConfDir();
            List<Path> files =
                    confDir.map(dir -> rangerFiles(dir, KAFKA_PLUGIN_TYPE)).orElse(List.of());
            boolean onClasspath = FlinkRangerPlugin.class
                            .getClassLoader()
                            .getResource("ranger-" + KAFKA_PLUGIN_TYPE + "-security.xml")
                    != null;
            boolean configured = onClasspath
                    || files.stream()
                            .anyMatch(file -> file.getFileName().toString().endsWith("-security.xml"));
            kafkaAuthorizer = configured
                    ? Optional.of(RangerAuthorizer.start(new RangerAuthorizerConfig(
                            KAFKA_PLUGIN_TYPE, KAFKA_APP_ID, files, Map.of(), new HadoopGroupLookup())))
                    : Optional.empty();
        }
        return kafkaAuthorizer;
    }

    static RangerAuthorizerConfig config(Optional<Path> confDir) {
        List<Path> files = confDir.map(dir -> rangerFiles(dir, PLUGIN_TYPE)).orElse(List.of());
        return new RangerAuthorizerConfig(PLUGIN_TYPE, APP_ID, files, Map.of(), new HadoopGroupLookup());
    }

    private static Optional<Path> flinkConfDir() {
        return Optional.ofNullable(System.getenv("FLINK_CONF_DIR"))
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .or(() -> Optional.ofNullable(System.getenv("FLINK_HOME")).map(home -> Path.of(home, "conf")));
    }

    private static List<Path> rangerFiles(Path dir, String pluginType) {
        return FILE_KINDS.stream()
                .map(kind -> dir.resolve("ranger-" + pluginType + "-" + kind + ".xml"))
                .filter(Files::isRegularFile)
                .toList();
    }
}
