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
            new Flink(Optional.empty(), Map.of(), Map.of(), Flink.DEFAULT_VERSION),
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
     * {@code hive-conf-dir}), the operator's further Flink settings for lineage ({@code lineageConf}), and the
     * engines' Flink version ({@code major.minor}), which decides the lineage listener: Lakegate's on 1.x, where no
     * listener sees a SQL job's plan, OpenLineage's own on 2.x.
     */
    public record Flink(
            Optional<String> catalog,
            Map<String, String> catalogOptions,
            Map<String, String> lineageConf,
            String version) {
        public static final String DEFAULT_VERSION = "1.20";
        /** Lakegate's lineage for Flink 1.x SQL jobs (the Flink drop-in jar). */
        public static final String LAKEGATE_JOB_LISTENER = "io.lakegate.flink.lineage.job.LineageJobListener";
        /** OpenLineage's own listener for Flink 2.x (the operator adds OpenLineage's Flink 2 jar). */
        public static final String OPENLINEAGE_LISTENER_FACTORY =
                "io.openlineage.flink.listener.OpenLineageJobStatusChangedListenerFactory";

        public Flink {
            requireNonNull(catalog, "catalog is null");
            catalogOptions = Map.copyOf(requireNonNull(catalogOptions, "catalogOptions is null"));
            lineageConf = Map.copyOf(requireNonNull(lineageConf, "lineageConf is null"));
            requireNonNull(version, "version is null");
            if (!version.matches("[1-9][0-9]*\\.[0-9]+")) {
                throw new IllegalArgumentException("Flink version [" + version + "] must be major.minor, such as 1.20");
            }
        }

        /** Whether the engines run Flink 2 or later, whose own job status listener carries a SQL job's lineage. */
        public boolean reportsLineageItself() {
            return Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 2;
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
