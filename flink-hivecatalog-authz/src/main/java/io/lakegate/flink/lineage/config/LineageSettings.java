package io.lakegate.flink.lineage.config;

import static java.util.Objects.requireNonNull;

import io.lakegate.lineage.emit.EmitterSettings;
import io.lakegate.lineage.transport.Transports;
import io.openlineage.client.transports.Transport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A session's OpenLineage settings, read from the {@code openlineage.*} keys of Flink's configuration as the session
 * started (never from a later {@code SET}: the receiver and its API key are the operator's). Two sessions with the same
 * transport share one emitter, so {@link #transportKey()} names the transport without the job-level settings.
 */
public final class LineageSettings {
    public static final String PREFIX = "openlineage.";
    public static final String TRANSPORT_TYPE = "openlineage.transport.type";
    public static final String TRANSPORT_URL = "openlineage.transport.url";
    public static final String TRANSPORT_ENDPOINT = "openlineage.transport.endpoint";
    public static final String TRANSPORT_API_KEY = "openlineage.transport.api-key";
    public static final String TRANSPORT_TIMEOUT = "openlineage.transport.timeout";
    public static final String TRANSPORT_FILE = "openlineage.transport.file";
    public static final String NAMESPACE = "openlineage.namespace";
    public static final String TRACKING_INTERVAL = "openlineage.tracking-interval";
    public static final String QUEUE_CAPACITY = "openlineage.queue.capacity";
    public static final String PARENT_JOB_NAMESPACE = "openlineage.parent.job-namespace";
    public static final String PARENT_JOB_NAME = "openlineage.parent.job-name";
    public static final String PARENT_RUN_ID = "openlineage.parent.run-id";
    /** Read elsewhere (the owner is the session's user): accepted so that Kyuubi's launch settings stay valid. */
    private static final String JOB_OWNERS_USER = "openlineage.job.owners.user";

    private static final int MAX_CAPACITY = 1_000_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/@-]{1,256}");
    private static final Map<String, String> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry(TRANSPORT_TYPE, "http, file or console"),
            Map.entry(TRANSPORT_URL, "the receiver's http(s)://host[:port] (type http)"),
            Map.entry(TRANSPORT_ENDPOINT, "its path, /api/v1/lineage by default"),
            Map.entry(TRANSPORT_API_KEY, "sent as Authorization: Bearer <key>"),
            Map.entry(TRANSPORT_TIMEOUT, "a duration, 5 s by default, 1 ms to 10 min"),
            Map.entry(TRANSPORT_FILE, "a path (type file)"),
            Map.entry(NAMESPACE, "the jobs' namespace, flink by default"),
            Map.entry(TRACKING_INTERVAL, "a duration between RUNNING events of a streaming job, 60 s by default"),
            Map.entry(QUEUE_CAPACITY, "events waiting to be sent at most, 10000 by default, 1000000 at most"),
            Map.entry(PARENT_JOB_NAMESPACE, "the parent run's job namespace"),
            Map.entry(PARENT_JOB_NAME, "the parent run's job name"),
            Map.entry(PARENT_RUN_ID, "the parent run's id, a UUID"),
            Map.entry(JOB_OWNERS_USER, "ignored: the owner is the session's user")));

    private final Map<String, String> values;
    private final String namespace;
    private final Duration trackingInterval;
    private final EmitterSettings emitter;
    private final Optional<ParentRun> parent;

    private LineageSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
        String type = type(values);
        switch (type) {
            case "http" -> {
                URI url = url(required(values, TRANSPORT_URL, type));
                if (!url.getPath().isEmpty() && !url.getPath().equals("/")) {
                    throw invalid(TRANSPORT_URL, url.toString(), "give the path in " + TRANSPORT_ENDPOINT);
                }
                String endpoint = values.getOrDefault(TRANSPORT_ENDPOINT, "/api/v1/lineage");
                if (!endpoint.startsWith("/")) {
                    throw invalid(TRANSPORT_ENDPOINT, endpoint, "it must start with /");
                }
            }
            case "file" -> required(values, TRANSPORT_FILE, type);
            case "console" -> {}
            default -> throw invalid(
                    TRANSPORT_TYPE,
                    type,
                    "use http, file or console (the Kafka transport is not in the Flink jar: its client would clash"
                            + " with the connector's)");
        }
        Duration timeout = duration(values, TRANSPORT_TIMEOUT, Duration.ofSeconds(5));
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw invalid(TRANSPORT_TIMEOUT, values.get(TRANSPORT_TIMEOUT), "give 1 ms to 10 min");
        }
        this.namespace = values.getOrDefault(NAMESPACE, "flink").strip();
        if (!NAME.matcher(namespace).matches()) {
            throw invalid(NAMESPACE, namespace, "use 1 to 256 of A-Z a-z 0-9 _ . : / @ -");
        }
        this.trackingInterval = duration(values, TRACKING_INTERVAL, Duration.ofSeconds(60));
        int capacity;
        try {
            capacity = Integer.parseInt(
                    values.getOrDefault(QUEUE_CAPACITY, "10000").strip());
        } catch (NumberFormatException e) {
            throw invalid(QUEUE_CAPACITY, values.get(QUEUE_CAPACITY), "give a number of events");
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            // The queue is allocated whole when the first job is reported.
            throw invalid(QUEUE_CAPACITY, String.valueOf(capacity), "give 1 to " + MAX_CAPACITY);
        }
        EmitterSettings defaults = EmitterSettings.defaults();
        this.emitter = new EmitterSettings(
                capacity,
                defaults.batchSize(),
                defaults.maxAttempts(),
                defaults.initialBackoff(),
                defaults.maxBackoff(),
                defaults.dropPolicy(),
                defaults.shutdownTimeout());
        this.parent = parent(values);
    }

    /**
     * The settings of {@code configuration}'s {@code openlineage.*} keys, or empty when it has no {@value
     * #TRANSPORT_TYPE} (lineage off).
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a value that is not valid
     */
    public static Optional<LineageSettings> from(Map<String, String> configuration) {
        requireNonNull(configuration, "configuration is null");
        Map<String, String> values = new TreeMap<>();
        configuration.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                values.put(key, value);
            }
        });
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (!values.containsKey(TRANSPORT_TYPE)) {
            throw new IllegalArgumentException("OpenLineage settings " + values.keySet() + " are given without "
                    + TRANSPORT_TYPE + ": set it (http, file or console) to switch lineage on, or remove them");
        }
        for (String key : values.keySet()) {
            if (!KEYS.containsKey(key)) {
                throw new IllegalArgumentException("Unknown OpenLineage setting " + key + ": Lakegate's Flink lineage"
                        + " reads " + KEYS.keySet() + " (a typo would silently change nothing)");
            }
        }
        return Optional.of(new LineageSettings(values));
    }

    /** What tells this transport from another: sessions with equal keys share one emitter. */
    public String transportKey() {
        Map<String, String> transport = new TreeMap<>(values);
        transport.keySet().removeIf(key -> !key.startsWith("openlineage.transport.") && !key.equals(QUEUE_CAPACITY));
        return transport.toString();
    }

    /** The transport these settings name (its connections are made on first use). */
    public Transport transport() {
        Duration timeout = duration(values, TRANSPORT_TIMEOUT, Duration.ofSeconds(5));
        return switch (type(values)) {
            case "http" -> Transports.http(
                    url(values.get(TRANSPORT_URL)),
                    values.getOrDefault(TRANSPORT_ENDPOINT, "/api/v1/lineage"),
                    Optional.ofNullable(values.get(TRANSPORT_API_KEY)).map(String::strip),
                    timeout,
                    false);
            case "file" -> Transports.file(Path.of(values.get(TRANSPORT_FILE).strip()));
            default -> Transports.console();
        };
    }

    /** Whether {@code name} may name a job (a session's {@code pipeline.name} is used only if it may). */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    public String namespace() {
        return namespace;
    }

    public Duration trackingInterval() {
        return trackingInterval;
    }

    public EmitterSettings emitter() {
        return emitter;
    }

    public Optional<ParentRun> parent() {
        return parent;
    }

    /** The run that started this session (a scheduler's), for OpenLineage's parent facet. */
    public record ParentRun(String jobNamespace, String jobName, UUID runId) {
        public ParentRun {
            requireNonNull(jobNamespace, "jobNamespace is null");
            requireNonNull(jobName, "jobName is null");
            requireNonNull(runId, "runId is null");
        }
    }

    private static Optional<ParentRun> parent(Map<String, String> values) {
        String namespace = values.get(PARENT_JOB_NAMESPACE);
        String name = values.get(PARENT_JOB_NAME);
        String runId = values.get(PARENT_RUN_ID);
        if (namespace == null && name == null && runId == null) {
            return Optional.empty();
        }
        for (String key : new String[] {PARENT_JOB_NAMESPACE, PARENT_JOB_NAME, PARENT_RUN_ID}) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("OpenLineage setting " + key + " is missing: give "
                        + PARENT_JOB_NAMESPACE + ", " + PARENT_JOB_NAME + " and " + PARENT_RUN_ID + " together, or"
                        + " none");
            }
        }
        for (String key : new String[] {PARENT_JOB_NAMESPACE, PARENT_JOB_NAME}) {
            if (!NAME.matcher(values.get(key).strip()).matches()) {
                throw invalid(key, values.get(key), "use 1 to 256 of A-Z a-z 0-9 _ . : / @ -");
            }
        }
        try {
            return Optional.of(new ParentRun(namespace.strip(), name.strip(), UUID.fromString(runId.strip())));
        } catch (IllegalArgumentException e) {
            throw invalid(PARENT_RUN_ID, runId, "give a UUID, as OpenLineage run ids are");
        }
    }

    private static String type(Map<String, String> values) {
        return values.get(TRANSPORT_TYPE).strip().toLowerCase(Locale.ROOT);
    }

    private static String required(Map<String, String> values, String key, String type) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "OpenLineage setting " + key + " is required for " + TRANSPORT_TYPE + "=" + type);
        }
        return value.strip();
    }

    private static URI url(String value) {
        URI url;
        try {
            url = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(TRANSPORT_URL, value, "give http(s)://host[:port]");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw invalid(TRANSPORT_URL, value, "give http(s)://host[:port]");
        }
        return url;
    }

    private static Duration duration(Map<String, String> values, String key, Duration fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Duration duration;
        try {
            duration = org.apache.flink.util.TimeUtils.parseDuration(value.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(key, value, "give a duration such as 5 s or 500 ms");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(key, value, "give a positive duration");
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String key, String value, String fix) {
        return new IllegalArgumentException("OpenLineage setting " + key + " is [" + value + "]: " + fix);
    }
}
