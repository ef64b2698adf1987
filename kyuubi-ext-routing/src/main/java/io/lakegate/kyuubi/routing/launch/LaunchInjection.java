package io.lakegate.kyuubi.routing.launch;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.rules.EngineType;
import io.lakegate.kyuubi.routing.rules.LaunchSwitches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings that make an engine governed when Kyuubi launches it: Lakegate's authorization and OpenLineage for
 * Spark, the catalog guard and lineage for Flink, the authenticated user for every engine. List settings are
 * appended to, never replaced: {@code current} gives what the engine would get otherwise (the rule's value, else
 * Kyuubi's, else {@code spark-defaults.conf}'s).
 */
public final class LaunchInjection {
    /** Client properties naming the run that started this session (a scheduler's), for OpenLineage's parent facet. */
    public static final String PARENT_NAMESPACE = "lakegate.parent.job.namespace";

    public static final String PARENT_NAME = "lakegate.parent.job.name";
    public static final String PARENT_RUN_ID = "lakegate.parent.run.id";
    public static final String SESSION_USER = "kyuubi.session.user";
    private static final String FLINK_CATALOG_STORE = "flink.table.catalog-store.";
    private static final String FLINK_MODIFICATION_LISTENERS = "flink.table.catalog-modification.listeners";

    private static final Set<String> FLINK_LISTENER_LISTS =
            Set.of("flink.execution.job-listeners", "flink.execution.job-status-changed-listeners");
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_.:/@-]{1,256}");
    private static final Pattern SPLIT = Pattern.compile("\\s*,\\s*");

    private final LaunchSettings settings;

    public LaunchInjection(LaunchSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * The settings to add for a session of {@code user} routed to {@code type}, in an engine owned by
     * {@code engineOwner} (the user, or for a shared engine its subdomain); {@code client} is what the client sent.
     * Throws {@link IllegalArgumentException} for parent-run properties that are not all present and valid.
     */
    public Map<String, String> settingsFor(
            EngineType type,
            LaunchSwitches switches,
            String user,
            String engineOwner,
            Map<String, String> client,
            Function<String, Optional<String>> current) {
        requireNonNull(type, "type is null");
        requireNonNull(switches, "switches is null");
        requireNonNull(user, "user is null");
        requireNonNull(engineOwner, "engineOwner is null");
        requireNonNull(client, "client is null");
        requireNonNull(current, "current is null");
        Map<String, String> injected = new LinkedHashMap<>();
        // Trino's engine takes its principal from this key of the session conf, which a client could otherwise send.
        injected.put(SESSION_USER, user);
        switch (type) {
            case SPARK_SQL -> spark(switches, user, engineOwner, client, current, injected);
            case FLINK_SQL -> flink(switches, user, client, current, injected);
            case TRINO -> {}
        }
        return injected;
    }

    private void spark(
            LaunchSwitches switches,
            String user,
            String engineOwner,
            Map<String, String> client,
            Function<String, Optional<String>> current,
            Map<String, String> injected) {
        if (switches.authz()) {
            injected.put(
                    "spark.sql.extensions",
                    appended(current.apply("spark.sql.extensions"), List.of(LaunchSettings.SPARK_EXTENSION)));
            settings.spark().rangerConfDir().ifPresent(dir -> injected.put("spark.lakegate.ranger.conf.dir", dir));
            settings.spark()
                    .policyCacheDir()
                    .ifPresent(dir ->
                            injected.put("spark.lakegate.ranger.policy.cache.dir", dir.replace("{user}", engineOwner)));
        }
        Optional<LaunchSettings.Lineage> lineage = settings.lineage().filter(l -> switches.lineage());
        lineage.ifPresent(l -> {
            injected.put(
                    "spark.extraListeners",
                    appended(current.apply("spark.extraListeners"), List.of(LaunchSettings.SPARK_LINEAGE_LISTENER)));
            injected.put("spark.openlineage.transport.type", "http");
            injected.put("spark.openlineage.transport.url", l.url());
            injected.put("spark.openlineage.transport.endpoint", l.endpoint());
            injected.put("spark.openlineage.namespace", l.namespace());
            injected.put("spark.openlineage.job.owners.user", user);
            parent(client).ifPresent(parent -> {
                injected.put("spark.openlineage.parentJobNamespace", parent.get(PARENT_NAMESPACE));
                injected.put("spark.openlineage.parentJobName", parent.get(PARENT_NAME));
                injected.put("spark.openlineage.parentRunId", parent.get(PARENT_RUN_ID));
            });
        });
        if (!settings.spark().jars().isEmpty() && (switches.authz() || lineage.isPresent())) {
            // The operator's jars, then Lakegate's, then the client's: a client's jar cannot shadow Lakegate's classes.
            List<String> jars = new ArrayList<>(settings.spark().jars());
            Optional.ofNullable(client.get("spark.jars"))
                    .or(() -> Optional.ofNullable(client.get("jars")))
                    .ifPresent(sent -> jars.addAll(Arrays.asList(SPLIT.split(sent.trim()))));
            injected.put("spark.jars", appended(current.apply("spark.jars"), jars));
        }
    }

    private void flink(
            LaunchSwitches switches,
            String user,
            Map<String, String> client,
            Function<String, Optional<String>> current,
            Map<String, String> injected) {
        if (switches.authz()) {
            settings.flink().catalog().ifPresent(catalog -> {
                // The guarded catalog is defined in the catalog store by settings and is every session's built-in
                // catalog (Flink's gateway session code, which Kyuubi's Flink engine runs, builds it from the store):
                // no statement creates it, and statements cannot create other catalogs. The listener keeps tables
                // defined outside it from reading governed data.
                String prefix = FLINK_CATALOG_STORE + "lakegate.catalog." + catalog + ".";
                injected.put(FLINK_CATALOG_STORE + "kind", "lakegate");
                injected.put(prefix + "type", LaunchSettings.FLINK_CATALOG_TYPE);
                settings.flink().catalogOptions().forEach((key, value) -> injected.put(prefix + key, value));
                injected.put("flink.table.builtin-catalog-name", catalog);
                injected.put(
                        FLINK_MODIFICATION_LISTENERS,
                        current.apply(FLINK_MODIFICATION_LISTENERS)
                                .filter(existing -> !existing.isBlank())
                                .map(existing -> existing + ";lakegate")
                                .orElse("lakegate"));
            });
        }
        settings.lineage().filter(l -> switches.lineage()).ifPresent(l -> {
            settings.flink().lineageConf().forEach((key, value) -> {
                String flinkKey = key.startsWith("flink.") ? key : "flink." + key;
                // Flink's listener lists are ';'-separated: the operator's listeners stay.
                injected.put(
                        flinkKey,
                        FLINK_LISTENER_LISTS.contains(flinkKey)
                                ? current.apply(flinkKey)
                                        .filter(existing -> !existing.isBlank())
                                        .map(existing -> existing + ";" + value)
                                        .orElse(value)
                                : value);
            });
            boolean flink2 = settings.flink().reportsLineageItself();
            // Flink 1.x: Lakegate's listener, which takes the tables from the guarded catalog and the owner from the
            // session; Flink 2.x: OpenLineage's own, with its own keys.
            String listeners =
                    flink2 ? "flink.execution.job-status-changed-listeners" : "flink.execution.job-listeners";
            String listener = flink2
                    ? LaunchSettings.Flink.OPENLINEAGE_LISTENER_FACTORY
                    : LaunchSettings.Flink.LAKEGATE_JOB_LISTENER;
            String existing = injected.containsKey(listeners)
                    ? injected.get(listeners)
                    : current.apply(listeners).orElse("");
            injected.put(
                    listeners,
                    Arrays.asList(existing.split(";")).stream()
                                    .map(String::strip)
                                    .anyMatch(listener::equals)
                            ? existing
                            : existing.isBlank() ? listener : existing + ";" + listener);
            injected.put("flink.openlineage.transport.type", "http");
            injected.put("flink.openlineage.transport.url", l.url());
            injected.put("flink.openlineage.transport.endpoint", l.endpoint());
            injected.put(flink2 ? "flink.openlineage.job.namespace" : "flink.openlineage.namespace", l.namespace());
            injected.put("flink.openlineage.job.owners.user", user);
            parent(client).filter(parent -> !flink2).ifPresent(parent -> {
                injected.put("flink.openlineage.parent.job-namespace", parent.get(PARENT_NAMESPACE));
                injected.put("flink.openlineage.parent.job-name", parent.get(PARENT_NAME));
                injected.put("flink.openlineage.parent.run-id", parent.get(PARENT_RUN_ID));
            });
        });
    }

    /** The three parent-run properties, all or none; a run id must be a UUID, as OpenLineage's are. */
    static Optional<Map<String, String>> parent(Map<String, String> client) {
        List<String> keys = List.of(PARENT_NAMESPACE, PARENT_NAME, PARENT_RUN_ID);
        List<String> sent = keys.stream().filter(client::containsKey).toList();
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        if (sent.size() < keys.size()) {
            throw new IllegalArgumentException(
                    "the session sends " + sent + " but not all of " + keys + ": send the three, or none");
        }
        for (String key : List.of(PARENT_NAMESPACE, PARENT_NAME)) {
            if (!JOB_NAME.matcher(client.get(key)).matches()) {
                throw new IllegalArgumentException(
                        key + " [" + client.get(key) + "] must be 1 to 256 of A-Z a-z 0-9 _ . : / @ -");
            }
        }
        try {
            UUID.fromString(client.get(PARENT_RUN_ID));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PARENT_RUN_ID + " [" + client.get(PARENT_RUN_ID) + "] is no UUID");
        }
        return Optional.of(Map.of(
                PARENT_NAMESPACE, client.get(PARENT_NAMESPACE),
                PARENT_NAME, client.get(PARENT_NAME),
                PARENT_RUN_ID, client.get(PARENT_RUN_ID)));
    }

    /** {@code existing}'s comma-separated entries, then each of {@code added} not among them. */
    private static String appended(Optional<String> existing, List<String> added) {
        Set<String> entries = new LinkedHashSet<>();
        existing.filter(value -> !value.isBlank())
                .ifPresent(value -> entries.addAll(Arrays.asList(SPLIT.split(value.trim()))));
        added.stream().filter(entry -> !entry.isBlank()).forEach(entries::add);
        return String.join(",", entries);
    }
}
