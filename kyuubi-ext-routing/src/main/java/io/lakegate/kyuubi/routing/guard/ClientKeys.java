package io.lakegate.kyuubi.routing.guard;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.rules.NamePattern;
import io.lakegate.kyuubi.routing.rules.PatternSet;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The session keys a client may send: Kyuubi reads hundreds of keys from a session's conf (where its engines
 * register, how they authenticate each other, which jar they run, in which language statements are run), and so do
 * Spark and Flink, so the keys a client may set are listed, and a session sending any other is refused. The rules
 * file's {@code clientKeys: allow:} adds to {@link #DEFAULT}. Keys a guardrail covers are handled by it instead.
 */
public final class ClientKeys {
    /** What JDBC clients send by themselves, routing properties, resources and common tuning. */
    public static final List<NamePattern> DEFAULT = patterns(
            // Kyuubi's and Hive's JDBC drivers (KyuubiConnection.openSession, v1.10.3).
            "use:database",
            "use:catalog",
            "hive.server2.proxy.user",
            "hive.server2.thrift.resultset.default.fetch.size",
            // Routing properties and the parent run of lineage.
            "lakegate.*",
            // What Kyuubi lets a client choose for its session; the rules decide where it goes.
            "kyuubi.engine.type",
            // Overridden by the rule: a pool's, or the rule's subdomain with the client's own after a '.'.
            "kyuubi.engine.share.level.subdomain",
            "kyuubi.engine.pool.name",
            "kyuubi.engine.pool.size",
            "kyuubi.session.name",
            "kyuubi.session.engine.launch.async",
            "kyuubi.operation.result.max.rows",
            "kyuubi.operation.result.format",
            "kyuubi.operation.incremental.collect",
            "kyuubi.operation.query.timeout",
            // Spark: resources (see limits:) and SQL tuning.
            "spark.app.name",
            "spark.executor.memory",
            "spark.executor.cores",
            "spark.executor.instances",
            "spark.driver.memory",
            "spark.driver.cores",
            "spark.dynamicAllocation.enabled",
            "spark.dynamicAllocation.minExecutors",
            "spark.dynamicAllocation.maxExecutors",
            "spark.dynamicAllocation.initialExecutors",
            "spark.sql.shuffle.partitions",
            // Not spark.sql.adaptive.*: customCostEvaluatorClass names a class the driver loads.
            "spark.sql.adaptive.enabled",
            "spark.sql.adaptive.coalescePartitions.*",
            "spark.sql.adaptive.advisoryPartitionSizeInBytes",
            "spark.sql.adaptive.skewJoin.*",
            "spark.sql.adaptive.autoBroadcastJoinThreshold",
            "spark.sql.adaptive.localShuffleReader.enabled",
            "spark.sql.ansi.enabled",
            "spark.sql.session.timeZone",
            "spark.sql.autoBroadcastJoinThreshold",
            "spark.sql.files.maxPartitionBytes",
            "spark.sql.sources.partitionOverwriteMode",
            // Flink: parallelism (see limits:), mode, state and checkpoints.
            "flink.parallelism.default",
            "flink.execution.runtime-mode",
            "flink.execution.checkpointing.interval",
            "flink.table.exec.state.ttl",
            "flink.table.exec.mini-batch.*",
            "flink.pipeline.name",
            // Trino: session properties, which Trino's access control checks itself.
            "trino.*");

    private final PatternSet allowed;

    public ClientKeys(List<NamePattern> added) {
        this.allowed = new PatternSet(Stream.concat(DEFAULT.stream(), requireNonNull(added, "added is null").stream())
                .toList());
    }

    /** {@code key} as sent, or the engine setting it becomes. */
    public boolean allows(String key, String engineKey) {
        return allowed.matches(key) || allowed.matches(engineKey);
    }

    private static List<NamePattern> patterns(String... keys) {
        return Arrays.stream(keys).map(NamePattern::parse).toList();
    }
}
