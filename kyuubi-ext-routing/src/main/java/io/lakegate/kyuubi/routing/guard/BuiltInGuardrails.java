package io.lakegate.kyuubi.routing.guard;

import io.lakegate.kyuubi.routing.rules.NamePattern;
import io.lakegate.kyuubi.routing.rules.PatternSet;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What no client may set, whatever the rules file says: each entry is a way around Lakegate's enforcement or
 * lineage, or a way to run code of the client's choosing in the engine's JVM before Lakegate's.
 */
public final class BuiltInGuardrails {
    public static final List<Guardrail> ALL = List.of(
            guard(
                    "Lakegate's authorization and its Ranger settings are the platform's",
                    "spark.sql.extensions",
                    "spark.lakegate.ranger.*",
                    "spark.sql.optimizer.excludedRules",
                    "spark.sql.catalog.*",
                    "spark.sql.catalogImplementation",
                    "flink.table.catalog-store.*",
                    "flink.table.catalog-modification.listeners",
                    "flink.table.builtin-catalog-name",
                    "flink.lakegate.*"),
            guard(
                    "lineage transport, namespace and owner are the platform's",
                    "spark.extraListeners",
                    "spark.openlineage.*",
                    "flink.openlineage.*",
                    "flink.execution.job-listeners",
                    "flink.execution.job-status-changed-listeners"),
            guard(
                    "code on the engine's class path or JVM options would load before Lakegate's",
                    "spark.driver.extraClassPath",
                    "spark.executor.extraClassPath",
                    "spark.driver.extraJavaOptions",
                    "spark.executor.extraJavaOptions",
                    "spark.driver.defaultJavaOptions",
                    "spark.executor.defaultJavaOptions",
                    "spark.driver.extraLibraryPath",
                    "spark.executor.extraLibraryPath",
                    "spark.plugins",
                    "spark.plugins.defaultList",
                    "flink.env.java.opts*",
                    "flink.pipeline.classpaths",
                    "kyuubi.engineEnv.*",
                    "kyuubi.session.engine.*.main.resource",
                    "kyuubi.engine.*.extra.classpath",
                    "kyuubi.engine.*.java.options",
                    "kyuubi.*initialize.sql"),
            new Guardrail(
                    0,
                    "a user class path first would let the client's classes replace Lakegate's",
                    patterns("spark.driver.userClassPathFirst", "spark.executor.userClassPathFirst"),
                    List.of(),
                    Optional.of("false")),
            guard(
                    "the session user and its signature are Kyuubi's",
                    "kyuubi.session.user",
                    "kyuubi.session.user.sign*",
                    "kyuubi.session.sign.*",
                    "kyuubi.engine.trino.connection.*",
                    "kyuubi.session.engine.trino.connection.*"),
            new Guardrail(
                    0,
                    "Kyuubi's Spark engine runs Scala or Python when a session asks for it",
                    patterns("kyuubi.operation.language"),
                    List.of(),
                    Optional.of("SQL")));

    private BuiltInGuardrails() {}

    private static Guardrail guard(String reason, String... keys) {
        return new Guardrail(0, reason, patterns(keys), List.of(), Optional.empty());
    }

    private static PatternSet patterns(String... keys) {
        return new PatternSet(Arrays.stream(keys).map(NamePattern::parse).toList());
    }
}
