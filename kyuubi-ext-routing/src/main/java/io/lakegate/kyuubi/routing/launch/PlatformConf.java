package io.lakegate.kyuubi.routing.launch;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.rules.EngineType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The settings an engine gets when a client sends nothing: Kyuubi's server conf ({@code kyuubi-defaults.conf}, with
 * its per-user {@code ___user___.key} defaults) and, for Spark, the engine's {@code spark-defaults.conf}, which
 * {@code spark-submit} reads under every {@code --conf}. An advisor sees neither (it gets the client's keys only),
 * so appending to a list setting without clobbering the operator's needs both.
 */
public final class PlatformConf {
    private static final String USER_QUOTE = "___";

    private final Map<String, String> kyuubi;
    private final Map<String, String> sparkDefaults;
    private final Map<String, String> serverBySparkKey = new HashMap<>();
    private final Map<String, Map<String, String>> userBySparkKey = new HashMap<>();
    private final Map<String, List<String>> spellings = new HashMap<>();
    private final Map<String, Map<String, List<String>>> userSpellings = new HashMap<>();

    public PlatformConf(Map<String, String> kyuubi, Map<String, String> sparkDefaults) {
        this.kyuubi = Map.copyOf(requireNonNull(kyuubi, "kyuubi is null"));
        this.sparkDefaults = Map.copyOf(requireNonNull(sparkDefaults, "sparkDefaults is null"));
        // Kyuubi passes its conf sorted (KyuubiConf.getAll) and spark-submit keeps the last --conf of a key.
        new TreeMap<>(this.kyuubi).forEach((key, value) -> {
            if (key.startsWith(USER_QUOTE)) {
                int end = key.indexOf(USER_QUOTE + ".", USER_QUOTE.length());
                if (end > 0) {
                    String user = key.substring(USER_QUOTE.length(), end);
                    String userKey = key.substring(end + USER_QUOTE.length() + 1);
                    String sparkKey = EngineType.SPARK_SQL.engineKey(userKey);
                    userBySparkKey.computeIfAbsent(user, u -> new HashMap<>()).put(sparkKey, value);
                    if (!userKey.startsWith("kyuubi.")) {
                        userSpellings
                                .computeIfAbsent(user, u -> new HashMap<>())
                                .computeIfAbsent(sparkKey, k -> new ArrayList<>())
                                .add(userKey);
                    }
                }
            } else {
                String sparkKey = EngineType.SPARK_SQL.engineKey(key);
                serverBySparkKey.put(sparkKey, value);
                if (!key.startsWith("kyuubi.")) {
                    spellings.computeIfAbsent(sparkKey, k -> new ArrayList<>()).add(key);
                }
            }
        });
    }

    /**
     * As Kyuubi's {@code SparkProcessBuilder} finds {@code spark-defaults.conf} (v1.10.3): {@code SPARK_CONF_DIR},
     * else {@code SPARK_HOME/conf}, from the engine's environment, which is Kyuubi's own with
     * {@code kyuubi.engineEnv.*} over it. A file that cannot be read counts as empty, as it does for Kyuubi.
     */
    public static PlatformConf load(Map<String, String> kyuubi, Function<String, String> environment) {
        Function<String, String> engineEnv = name ->
                Optional.ofNullable(kyuubi.get("kyuubi.engineEnv." + name)).orElseGet(() -> environment.apply(name));
        Optional<Path> confDir = Optional.ofNullable(engineEnv.apply("SPARK_CONF_DIR"))
                .map(Path::of)
                .or(() -> Optional.ofNullable(engineEnv.apply("SPARK_HOME")).map(home -> Path.of(home, "conf")));
        Map<String, String> sparkDefaults = Map.of();
        Optional<Path> file =
                confDir.map(dir -> dir.resolve("spark-defaults.conf")).filter(Files::isRegularFile);
        if (file.isPresent()) {
            try {
                sparkDefaults = properties(file.get());
            } catch (IOException e) {
                sparkDefaults = Map.of();
            }
        }
        return new PlatformConf(kyuubi, sparkDefaults);
    }

    /** A file of {@code key value} (or {@code key=value}) lines, as Kyuubi and Spark read their defaults files. */
    public static Map<String, String> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new HashMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    /**
     * The keys of Kyuubi's conf, other than {@code key} itself, that reach the engine as the same setting (an
     * operator's {@code sql.extensions} is Spark's {@code spark.sql.extensions}): Kyuubi passes each, and the one
     * that sorts last wins, so a value meant for the setting must be written under all of them.
     */
    public List<String> otherSpellings(EngineType type, String user, String key) {
        if (type != EngineType.SPARK_SQL || key.startsWith("kyuubi.")) {
            return List.of();
        }
        String sparkKey = type.engineKey(key);
        List<String> server = spellings.getOrDefault(sparkKey, List.of());
        List<String> own = userSpellings.getOrDefault(user, Map.of()).getOrDefault(sparkKey, List.of());
        if (server.isEmpty() && own.isEmpty()) {
            return List.of();
        }
        List<String> others = new ArrayList<>();
        for (String spelling : server) {
            if (!spelling.equals(key)) {
                others.add(spelling);
            }
        }
        for (String spelling : own) {
            if (!spelling.equals(key) && !others.contains(spelling)) {
                others.add(spelling);
            }
        }
        return others;
    }

    /** Kyuubi's value of {@code key} for {@code user}: their {@code ___user___.key} default, else the server's. */
    public Optional<String> kyuubi(String user, String key) {
        return Optional.ofNullable(kyuubi.get(USER_QUOTE + user + USER_QUOTE + "." + key))
                .or(() -> Optional.ofNullable(kyuubi.get(key)));
    }

    /**
     * What the engine of {@code type} would get for the session key {@code key} if no client sent it: Kyuubi's
     * value, and for Spark, {@code spark-defaults.conf}'s under the Spark key it becomes.
     */
    public Optional<String> engineValue(EngineType type, String user, String key) {
        if (type != EngineType.SPARK_SQL || key.startsWith("kyuubi.")) {
            return kyuubi(user, key);
        }
        String sparkKey = type.engineKey(key);
        return Optional.ofNullable(userBySparkKey.getOrDefault(user, Map.of()).get(sparkKey))
                .or(() -> Optional.ofNullable(serverBySparkKey.get(sparkKey)))
                .or(() -> Optional.ofNullable(sparkDefaults.get(sparkKey)));
    }
}
