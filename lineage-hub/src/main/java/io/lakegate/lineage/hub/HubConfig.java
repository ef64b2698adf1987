package io.lakegate.lineage.hub;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the hub listens and stores. Port 0 picks a free port. Without {@code databaseUrl}, the store is an embedded
 * H2 database in {@code dataDir}; with it, any JDBC URL of a server database (PostgreSQL, as Marquez uses). With
 * {@code apiKey}, every write needs {@code Authorization: Bearer <key>}, which OpenLineage's HTTP transport sends
 * from its {@code api_key} auth; reads stay open, as Marquez's do.
 */
public record HubConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<String> apiKey,
        int maxEventBytes,
        int ingestQueueCapacity) {
    public static final int DEFAULT_PORT = 5000;
    public static final int DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_INGEST_QUEUE_CAPACITY = 10_000;

    public HubConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(databaseUrl, "databaseUrl is null");
        requireNonNull(databaseUser, "databaseUser is null");
        requireNonNull(databasePassword, "databasePassword is null");
        requireNonNull(apiKey, "apiKey is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (databaseUrl.isPresent() && !databaseUrl.get().startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "database URL must be a JDBC URL (jdbc:postgresql://host:5432/db), not " + databaseUrl.get());
        }
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new IllegalArgumentException("API key must not be blank: unset it to accept writes without one");
        }
        if (maxEventBytes < 1024) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1024, not " + maxEventBytes);
        }
        if (ingestQueueCapacity < 1) {
            throw new IllegalArgumentException("ingestQueueCapacity must be positive, not " + ingestQueueCapacity);
        }
    }

    /** An embedded store in {@code dataDir}, on loopback, on a free port: what tests and the sandbox start from. */
    public static HubConfig embedded(Path dataDir) {
        return new HubConfig(
                "127.0.0.1",
                0,
                dataDir,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_MAX_EVENT_BYTES,
                DEFAULT_INGEST_QUEUE_CAPACITY);
    }

    public HubConfig withPort(int newPort) {
        return new HubConfig(
                host,
                newPort,
                dataDir,
                databaseUrl,
                databaseUser,
                databasePassword,
                apiKey,
                maxEventBytes,
                ingestQueueCapacity);
    }

    public HubConfig withHost(String newHost) {
        return new HubConfig(
                newHost,
                port,
                dataDir,
                databaseUrl,
                databaseUser,
                databasePassword,
                apiKey,
                maxEventBytes,
                ingestQueueCapacity);
    }

    public HubConfig withApiKey(String key) {
        return new HubConfig(
                host,
                port,
                dataDir,
                databaseUrl,
                databaseUser,
                databasePassword,
                Optional.of(key),
                maxEventBytes,
                ingestQueueCapacity);
    }

    public HubConfig withDatabase(String url, Optional<String> user, Optional<String> password) {
        return new HubConfig(
                host, port, dataDir, Optional.of(url), user, password, apiKey, maxEventBytes, ingestQueueCapacity);
    }

    /** The JDBC URL the store opens: the configured one, else the embedded database under {@code dataDir}. */
    public String jdbcUrl() {
        return databaseUrl.orElseGet(
                () -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("lineage")
                        + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;AUTO_COMPACT_FILL_RATE=0"
                        // A commit is on disk before the hub answers 201 (H2 otherwise delays writes by up to 500 ms).
                        + ";WRITE_DELAY=0");
    }

    /** {@link #jdbcUrl()} with any {@code password=} parameter's value hidden: what logs and errors show. */
    public String redactedJdbcUrl() {
        return jdbcUrl().replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    @Override
    public String toString() {
        return "HubConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", database="
                + databaseUrl
                        .map(url -> url.replaceAll("(?i)(password=)[^;&]*", "$1***"))
                        .orElse("embedded")
                + ", apiKey=" + (apiKey.isPresent() ? "set" : "none") + "]";
    }
}
