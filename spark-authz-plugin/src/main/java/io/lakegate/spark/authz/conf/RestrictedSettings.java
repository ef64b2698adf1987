package io.lakegate.spark.authz.conf;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.AccessControlException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.internal.SQLConf;
import scala.collection.JavaConverters;

/**
 * Settings users may not change with {@code SET} or {@code RESET}: Lakegate's own list, and the operator's (as
 * Kyuubi's authz has {@code spark.kyuubi.conf.restricted.list}). An entry ending in {@code .} covers every key it
 * starts. Lakegate's own: catalog definitions ({@code spark.sql.catalog.}), the extensions, Lakegate's startup keys
 * ({@code spark.lakegate.}, read once when the plugin starts, so a session's value would only seem to apply), and
 * what Kyuubi hands the engine about the session (its client address and the signature of its user).
 */
public final class RestrictedSettings {
    public static final List<String> ALWAYS = List.of(
            "spark.sql.catalog.",
            "spark.sql.extensions",
            "spark.lakegate.",
            "kyuubi.client.ipAddress",
            // Kyuubi's Spark engine runs a session's statements as Scala or Python when this says so.
            "kyuubi.operation.language",
            "kyuubi.session.user",
            "kyuubi.session.user.sign",
            "kyuubi.session.sign.publickey");

    private final List<String> entries;

    public RestrictedSettings(List<String> operatorEntries) {
        TreeSet<String> all = new TreeSet<>(ALWAYS);
        all.addAll(requireNonNull(operatorEntries, "operatorEntries is null"));
        this.entries = List.copyOf(all);
    }

    public boolean restricts(String key) {
        for (String entry : entries) {
            if (entry.endsWith(".") ? key.startsWith(entry) : key.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses {@code SET key=value} of a restricted key. */
    public void checkSet(String key) {
        if (restricts(key)) {
            throw new AccessControlException("Permission denied: [" + key + "] may not be changed in a session:"
                    + " Lakegate restricts " + entries + " (the operator adds to the list with"
                    + " ranger.plugin.spark.lakegate.restricted.keys)");
        }
    }

    /**
     * Refuses a statement while the session holds a value of a restricted key other than the engine's: one set
     * where no {@code SET} is checked (the conf API, or the settings a JDBC client passes when it opens a session,
     * which Spark Thrift Server and Kyuubi's engine apply directly). Catalog definitions are checked where a catalog
     * is used, and what Kyuubi hands the engine about the session is Kyuubi's to set.
     */
    public void checkSession(SQLConf session, SparkConf startup) {
        JavaConverters.mapAsJavaMap(session.getAllConfs()).forEach((key, value) -> {
            if (restricts(key)
                    && !key.startsWith("kyuubi.")
                    && !key.startsWith("spark.sql.catalog.")
                    && !value.equals(startup.get(key, null))) {
                throw new AccessControlException("Permission denied: the session sets [" + key + "], which may not be"
                        + " changed in a session (Lakegate restricts " + entries + "): reset it, or open the session"
                        + " without it");
            }
        });
    }

    /**
     * Refuses a {@code RESET} that would reset what Kyuubi set when the session opened (its client address, its
     * user's signature), which would lose what they say. Resetting anything else restores the engine's value, which
     * is harmless: it is how a session undoes a restricted setting it was opened with.
     */
    public void checkReset(Optional<String> key, SQLConf session, SparkConf startup) {
        if (key.isPresent()) {
            if (key.get().startsWith("kyuubi.")) {
                checkSet(key.get());
            }
            return;
        }
        Map<String, String> current = JavaConverters.mapAsJavaMap(session.getAllConfs());
        Stream.of(current.keySet().toArray(String[]::new))
                .filter(name -> name.startsWith("kyuubi.") && restricts(name))
                .filter(name -> !current.get(name).equals(startup.get(name, null)))
                .findFirst()
                .ifPresent(name -> {
                    throw new AccessControlException("Permission denied: RESET would reset [" + name + "], which"
                            + " may not be changed in a session; reset the keys you changed one by one");
                });
    }
}
