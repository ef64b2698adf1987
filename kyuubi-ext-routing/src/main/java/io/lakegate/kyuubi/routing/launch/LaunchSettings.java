package io.lakegate.kyuubi.routing.launch;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator configures once, in the rules file's {@code launch:} section, for every engine Kyuubi starts:
 * where Lakegate's and OpenLineage's jars are, Ranger's conf and cache directories, the lineage receiver, the
 * Flink catalog guard. Rules switch authorization and lineage off per rule.
 */
public record LaunchSettings(Spark spark, Flink flink, Optional<Lineage> lineage) {
    public static final String SPARK_EXTENSION = "io.lakegate.spark.authz.LakegateSparkExtension";
    public static final String SPARK_LINEAGE_LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";
    public static final String FLINK_CATALOG_TYPE = "lakegate-hive";

    public static final LaunchSettings NONE = new LaunchSettings(
            new Spark(List.of(), Optional.empty(), Optional.empty()),
            new Flink(Optional.empty(), Map.of(), Map.of()),
            Optional.empty());

    public LaunchSettings {
        requireNonNull(spark, "spark is null");
        requireNonNull(flink, "flink is null");
        requireNonNull(lineage, "lineage is null");
    }

    /**
     * {@code jars}: added to {@code spark.jars} (Lakegate's runtime jar, OpenLineage's Spark agent), unless they are
     * in {@code $SPARK_HOME/jars} already. {@code policyCacheDir} may hold {@code {user}}.
     */
    public record Spark(List<String> jars, Optional<String> rangerConfDir, Optional<String> policyCacheDir) {
        public Spark {
            jars = List.copyOf(requireNonNull(jars, "jars is null"));
            requireNonNull(rangerConfDir, "rangerConfDir is null");
            requireNonNull(policyCacheDir, "policyCacheDir is null");
        }
    }

    /**
     * The catalog guard every Flink session starts in ({@code catalog}: its name; its options, such as
     * {@code hive-conf-dir}), and the Flink settings that switch lineage on ({@code lineageConf}).
     */
    public record Flink(Optional<String> catalog, Map<String, String> catalogOptions, Map<String, String> lineageConf) {
        public Flink {
            requireNonNull(catalog, "catalog is null");
            catalogOptions = Map.copyOf(requireNonNull(catalogOptions, "catalogOptions is null"));
            lineageConf = Map.copyOf(requireNonNull(lineageConf, "lineageConf is null"));
        }
    }

    /** The OpenLineage HTTP receiver (Marquez or Lakegate's hub) and the namespace of the jobs engines report. */
    public record Lineage(String url, String endpoint, String namespace) {
        public Lineage {
            requireNonNull(url, "url is null");
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(namespace, "namespace is null");
        }
    }
}
