package io.lakegate.kyuubi.authn.conf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings of Lakegate's providers, read from Kyuubi's conf (or a Hive conf) and validated where they are read:
 * a missing or wrong value throws {@link ConfigException} naming the key and the fix. Durations follow Kyuubi's
 * time settings: ISO-8601 ({@code PT30S}) or milliseconds. Equal settings are equal, so one process-wide service
 * serves every provider instance configured alike.
 */
public final class AuthnSettings {
    public static final String KYUUBI_DEFAULTS = "kyuubi-defaults.conf";
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");

    private final Map<String, String> values;
    private final Function<String, String> environment;

    private AuthnSettings(Map<String, String> values, Function<String, String> environment) {
        this.values = Map.copyOf(values);
        this.environment = requireNonNull(environment, "environment is null");
    }

    public static AuthnSettings of(Map<String, String> values) {
        return new AuthnSettings(values, System::getenv);
    }

    /** For tests of secrets from the environment. */
    static AuthnSettings of(Map<String, String> values, Function<String, String> environment) {
        return new AuthnSettings(values, environment);
    }

    /**
     * Kyuubi's settings as its server loads them, for providers Kyuubi creates without its conf (group providers):
     * the system properties starting with {@code kyuubi.}, then {@code kyuubi-defaults.conf} over them, from
     * {@code $KYUUBI_CONF_DIR}, else {@code $KYUUBI_HOME/conf}, else the classpath. Settings given to Kyuubi with
     * {@code --conf} on its command line cannot be seen from here: put them in the file.
     */
    public static AuthnSettings fromKyuubiDefaults() {
        Map<String, String> values = new HashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("kyuubi."))
                .forEach(key -> values.put(key, System.getProperty(key)));
        Properties file = new Properties();
        try (InputStream in = openKyuubiDefaults()) {
            if (in != null) {
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    file.load(reader);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + KYUUBI_DEFAULTS + ": " + e.getMessage(), e);
        }
        file.stringPropertyNames()
                .forEach(key -> values.put(key, file.getProperty(key).trim()));
        return of(values);
    }

    private static InputStream openKyuubiDefaults() throws IOException {
        String confDir = System.getenv("KYUUBI_CONF_DIR");
        if (confDir == null && System.getenv("KYUUBI_HOME") != null) {
            confDir = Path.of(System.getenv("KYUUBI_HOME"), "conf").toString();
        }
        if (confDir != null) {
            Path file = Path.of(confDir, KYUUBI_DEFAULTS);
            if (Files.isRegularFile(file)) {
                return Files.newInputStream(file);
            }
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader == null ? AuthnSettings.class.getClassLoader() : loader).getResourceAsStream(KYUUBI_DEFAULTS);
    }

    /** The settings whose keys start with {@code prefix}: what one service depends on, and is shared by. */
    public AuthnSettings withPrefix(String prefix) {
        Map<String, String> selected = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                selected.put(key, value);
            }
        });
        return new AuthnSettings(selected, environment);
    }

    public AuthnSettings merge(AuthnSettings other) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(other.values);
        return new AuthnSettings(merged, environment);
    }

    /** Every setting, as read: for a caller that reproduces how Kyuubi resolves a key. */
    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String required(String key, String fix) {
        return get(key).orElseThrow(() -> new ConfigException(key, "is not set", fix));
    }

    public List<String> list(String key) {
        return get(key).map(value -> Arrays.stream(LIST_SEPARATOR.split(value))
                        .filter(item -> !item.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "is [" + value.get() + "]", "set true or false");
        };
    }

    public int positiveInt(String key, int defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the key
        }
        throw new ConfigException(key, "is [" + value.get() + "]", "set a whole number above 0");
    }

    /** A duration of zero or more: ISO-8601 ({@code PT5M}) or milliseconds, as Kyuubi's time settings. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration parsed;
        try {
            parsed = value.get().chars().allMatch(Character::isDigit)
                    ? Duration.ofMillis(Long.parseLong(value.get()))
                    : Duration.parse(value.get());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(
                    key, "is [" + value.get() + "]", "set an ISO-8601 duration such as PT30S, or milliseconds");
        }
        if (parsed.isNegative()) {
            throw new ConfigException(key, "is negative", "set an ISO-8601 duration such as PT30S, or milliseconds");
        }
        return parsed;
    }

    public Optional<Path> path(String key) {
        return get(key).map(Path::of);
    }

    /**
     * A secret: the value of {@code key}, or the content of the file {@code key.file} names (trailing line breaks
     * dropped), or of the environment variable {@code key.env} names; at most one of the three.
     */
    public Optional<String> secret(String key) {
        Optional<String> inline = Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
        Optional<String> file = get(key + ".file");
        Optional<String> variable = get(key + ".env");
        long given =
                Stream.of(inline, file, variable).filter(Optional::isPresent).count();
        if (given > 1) {
            throw new ConfigException(
                    key,
                    "is given more than once (" + key + ", " + key + ".file, " + key + ".env)",
                    "keep one of them");
        }
        if (file.isPresent()) {
            try {
                return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8)
                        .replaceAll("[\\r\\n]+$", ""));
            } catch (IOException e) {
                throw new ConfigException(
                        key + ".file",
                        "names [" + file.get() + "], which cannot be read (" + e.getMessage() + ")",
                        "name a readable file holding the secret");
            }
        }
        if (variable.isPresent()) {
            String secret = environment.apply(variable.get());
            if (secret == null || secret.isEmpty()) {
                throw new ConfigException(
                        key + ".env",
                        "names the environment variable [" + variable.get() + "], which is not set",
                        "export it in Kyuubi's environment (kyuubi-env.sh)");
            }
            return Optional.of(secret);
        }
        return inline;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthnSettings settings && values.equals(settings.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        // Keys only: values may be secrets.
        return "AuthnSettings" + values.keySet();
    }
}
