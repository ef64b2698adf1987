package io.lakegate.kyuubi.routing.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * The engines Lakegate governs, by Kyuubi's {@code kyuubi.engine.type} names. Each knows how Kyuubi hands a session
 * key to it, so that a client cannot reach a guarded engine setting under another spelling.
 */
public enum EngineType {
    /**
     * Kyuubi's {@code SparkProcessBuilder.convertConfigKey} (kyuubi-server, v1.10.3,
     * {@code engine/spark/SparkProcessBuilder.scala}): {@code spark.*} as is, {@code hadoop.*} as
     * {@code spark.hadoop.*}, every other key as {@code spark.<key>}, each passed as {@code --conf}.
     */
    SPARK_SQL("spark.") {
        @Override
        public String engineKey(String key) {
            if (key.startsWith("spark.")) {
                return key;
            }
            return key.startsWith("hadoop.") ? "spark.hadoop." + key : "spark." + key;
        }
    },
    /**
     * Kyuubi's Flink engine strips {@code flink.} from every session key ({@code FlinkSQLSessionManager.createSession},
     * v1.10.3) and its launcher passes {@code flink.*} as {@code -D}: {@code flink.x} and {@code x} are one setting,
     * written here as {@code flink.x}.
     */
    FLINK_SQL("flink.") {
        @Override
        public String engineKey(String key) {
            return key.startsWith("flink.") || key.startsWith("kyuubi.") ? key : "flink." + key;
        }
    },
    /** Kyuubi's Trino engine reads {@code trino.*} as Trino session properties and its own {@code kyuubi.*} keys. */
    TRINO("trino.") {
        @Override
        public String engineKey(String key) {
            return key;
        }
    };

    private final String prefix;

    EngineType(String prefix) {
        this.prefix = prefix;
    }

    /** The engine's own settings' prefix ({@code spark.}, {@code flink.}, {@code trino.}). */
    public String prefix() {
        return prefix;
    }

    /** The one spelling of the engine setting {@code key} reaches, whatever spelling the client used. */
    public abstract String engineKey(String key);

    /** Kyuubi upper-cases {@code kyuubi.engine.type}; so does this. Empty for a type Lakegate does not govern. */
    public static Optional<EngineType> of(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
