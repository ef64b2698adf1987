package io.lakegate.lineage.hub.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakegate.lineage.hub.HubConfig;
import io.lakegate.lineage.hub.event.LineageEvent;
import io.lakegate.lineage.hub.graph.Changes;
import io.lakegate.lineage.hub.graph.ColumnInput;
import io.lakegate.lineage.hub.graph.ColumnLineage;
import io.lakegate.lineage.hub.graph.Dataset;
import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.DatasetVersion;
import io.lakegate.lineage.hub.graph.Job;
import io.lakegate.lineage.hub.graph.JobId;
import io.lakegate.lineage.hub.graph.LineageGraph;
import io.lakegate.lineage.hub.graph.MaskedRead;
import io.lakegate.lineage.hub.graph.Namespace;
import io.lakegate.lineage.hub.graph.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The hub's database: the raw events and the graph derived from them, written a batch per transaction. The schema
 * is created and migrated by Flyway ({@code db/migration}) when the store opens.
 */
public final class LineageStore implements AutoCloseable {
    private final HikariDataSource dataSource;

    private LineageStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens (and creates or migrates) the database the config names; fails with what to fix if it cannot. */
    public static LineageStore open(HubConfig config) {
        requireNonNull(config, "config is null");
        if (config.databaseUrl().isEmpty()) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "Cannot create the data directory " + config.dataDir() + " (--data-dir): " + e.getMessage(), e);
            }
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.jdbcUrl());
        config.databaseUser().ifPresent(pool::setUsername);
        config.databasePassword().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(8);
        pool.setPoolName("lineage-hub");
        pool.setAutoCommit(true);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot open the database " + config.redactedJdbcUrl() + " (--db-url): " + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new IllegalArgumentException(
                    "Cannot migrate the database " + config.redactedJdbcUrl() + ": " + rootMessage(e), e);
        }
        return new LineageStore(dataSource);
    }

    /** The keys among these that are stored already: the events a transport sent again. */
    public Set<String> storedKeys(Collection<String> keys) {
        Set<String> stored = new HashSet<>();
        if (keys.isEmpty()) {
            return stored;
        }
        List<String> all = List.copyOf(keys);
        try (Connection connection = dataSource.getConnection()) {
            for (int start = 0; start < all.size(); start += 500) {
                List<String> chunk = all.subList(start, Math.min(all.size(), start + 500));
                String sql = "SELECT event_key FROM lineage_events WHERE event_key IN ("
                        + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            stored.add(rows.getString(1));
                        }
                    }
                }
            }
            return stored;
        } catch (SQLException e) {
            throw new StoreException("Cannot look up stored events", e);
        }
    }

    /** Writes a batch in one transaction: all of it, or (on any failure) none of it. */
    public void write(Changes changes, LineageGraph committed) {
        requireNonNull(changes, "changes is null");
        requireNonNull(committed, "committed is null");
        Instant received = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                writeEvents(connection, changes.events(), received);
                writeNamespaces(connection, changes);
                writeDatasets(connection, changes, committed);
                writeAliases(connection, changes.newAliases());
                writeJobs(connection, changes, committed);
                writeRuns(connection, changes);
                writeVersions(connection, changes);
                writeMaskedReads(connection, changes.maskedReads());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store " + changes.events().size() + " events: " + e.getMessage(), e);
        }
    }

    /** Runs a batch of updates, each of which must change exactly its row: otherwise the whole write fails. */
    private static void executeUpdates(PreparedStatement update, String what) throws SQLException {
        for (int count : update.executeBatch()) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new SQLException("An update of " + what + " changed " + count + " rows instead of 1");
            }
        }
    }

    private static void writeEvents(Connection connection, List<LineageEvent> events, Instant received)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lineage_events (event_key, kind,"
                + " event_type, event_time, run_id, job_namespace, job_name, received_at, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LineageEvent event : events) {
                insert.setString(1, event.key());
                insert.setString(2, event.kind().name());
                insert.setString(3, event.eventType().orElse(null));
                insert.setObject(4, time(event.eventTime()));
                insert.setString(5, event.runId().map(UUID::toString).orElse(null));
                insert.setString(6, event.job().map(JobId::namespace).orElse(null));
                insert.setString(7, event.job().map(JobId::name).orElse(null));
                insert.setObject(8, time(received));
                insert.setString(9, event.json());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void writeNamespaces(Connection connection, Changes changes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO namespaces (namespace_key, name, created_at, updated_at) VALUES (?, ?, ?, ?)");
                PreparedStatement update =
                        connection.prepareStatement("UPDATE namespaces SET updated_at = ? WHERE namespace_key = ?")) {
            for (Namespace namespace : changes.namespaces()) {
                if (changes.inserted().namespaces().contains(namespace.name())) {
                    insert.setString(1, Keys.namespace(namespace.name()));
                    insert.setString(2, namespace.name());
                    insert.setObject(3, time(namespace.createdAt()));
                    insert.setObject(4, time(namespace.updatedAt()));
                    insert.addBatch();
                } else {
                    update.setObject(1, time(namespace.updatedAt()));
                    update.setString(2, Keys.namespace(namespace.name()));
                    update.addBatch();
                }
            }
            insert.executeBatch();
            executeUpdates(update, "a namespace");
        }
    }

    private static void writeDatasets(Connection connection, Changes changes, LineageGraph committed)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO datasets (namespace, name,"
                        + " created_at, updated_at, current_version, last_modified_at, doc, dataset_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement("UPDATE datasets SET namespace = ?, name = ?,"
                        + " created_at = ?, updated_at = ?, current_version = ?, last_modified_at = ?, doc = ?"
                        + " WHERE dataset_key = ?");
                PreparedStatement touch = connection.prepareStatement("UPDATE datasets SET updated_at = ?,"
                        + " current_version = ?, last_modified_at = ? WHERE dataset_key = ?");
                PreparedStatement deleteColumns =
                        connection.prepareStatement("DELETE FROM column_lineage WHERE dataset_key = ?");
                PreparedStatement insertColumn = connection.prepareStatement(
                        "INSERT INTO column_lineage"
                                + " (dataset_key, field, input_dataset_key, input_namespace, input_name, input_field,"
                                + " transformation_type, transformation_subtype, masking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Dataset dataset : changes.datasets()) {
                boolean inserted = changes.inserted().datasets().contains(dataset.id());
                String key = Keys.of(dataset.id());
                Optional<Dataset> before = inserted ? Optional.empty() : committed.dataset(dataset.id());
                if (before.isPresent() && sameContent(before.get(), dataset)) {
                    touch.setObject(1, time(dataset.updatedAt()));
                    touch.setString(
                            2, dataset.currentVersion().map(UUID::toString).orElse(null));
                    touch.setObject(
                            3, dataset.lastModifiedAt().map(LineageStore::time).orElse(null));
                    touch.setString(4, key);
                    touch.addBatch();
                    continue;
                }
                PreparedStatement statement = inserted ? insert : update;
                statement.setString(1, dataset.id().namespace());
                statement.setString(2, dataset.id().name());
                statement.setObject(3, time(dataset.createdAt()));
                statement.setObject(4, time(dataset.updatedAt()));
                statement.setString(
                        5, dataset.currentVersion().map(UUID::toString).orElse(null));
                statement.setObject(
                        6, dataset.lastModifiedAt().map(LineageStore::time).orElse(null));
                statement.setString(7, Documents.write(dataset));
                statement.setString(8, key);
                statement.addBatch();
                List<ColumnLineage> columnsBefore =
                        before.map(Dataset::columnLineage).orElse(List.of());
                if (!columnsBefore.equals(dataset.columnLineage())) {
                    if (!inserted) {
                        deleteColumns.setString(1, key);
                        deleteColumns.addBatch();
                    }
                    for (ColumnLineage column : dataset.columnLineage()) {
                        for (ColumnInput input : column.inputs()) {
                            insertColumn.setString(1, key);
                            insertColumn.setString(2, column.field());
                            insertColumn.setString(3, Keys.of(input.dataset()));
                            insertColumn.setString(4, input.dataset().namespace());
                            insertColumn.setString(5, input.dataset().name());
                            insertColumn.setString(6, input.field());
                            insertColumn.setString(7, input.transformationType().orElse(null));
                            insertColumn.setString(
                                    8, input.transformationSubtype().orElse(null));
                            insertColumn.setBoolean(9, input.masking());
                            insertColumn.addBatch();
                        }
                    }
                }
            }
            insert.executeBatch();
            executeUpdates(update, "a dataset");
            executeUpdates(touch, "a dataset");
            deleteColumns.executeBatch();
            insertColumn.executeBatch();
        }
    }

    /** The same but for what every run changes, which lives in columns beside the document. */
    private static boolean sameContent(Dataset before, Dataset after) {
        return before.createdAt().equals(after.createdAt())
                && before.sourceName().equals(after.sourceName())
                && before.fields().equals(after.fields())
                && before.lastLifecycleState().equals(after.lastLifecycleState())
                && before.description().equals(after.description())
                && before.aliases().equals(after.aliases())
                && before.columnLineage().equals(after.columnLineage())
                && before.governance().equals(after.governance())
                && before.facets().equals(after.facets());
    }

    private static void writeAliases(Connection connection, Map<DatasetId, DatasetId> aliases) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dataset_aliases (alias_key, namespace, name, dataset_key) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<DatasetId, DatasetId> alias : aliases.entrySet()) {
                insert.setString(1, Keys.of(alias.getKey()));
                insert.setString(2, alias.getKey().namespace());
                insert.setString(3, alias.getKey().name());
                insert.setString(4, Keys.of(alias.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void writeJobs(Connection connection, Changes changes, LineageGraph committed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (namespace, name, created_at,"
                        + " updated_at, latest_run_id, io_run_id, doc, job_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement("UPDATE jobs SET namespace = ?, name = ?,"
                        + " created_at = ?, updated_at = ?, latest_run_id = ?, io_run_id = ?, doc = ?"
                        + " WHERE job_key = ?");
                PreparedStatement touch = connection.prepareStatement(
                        "UPDATE jobs SET updated_at = ?," + " latest_run_id = ?, io_run_id = ? WHERE job_key = ?");
                PreparedStatement deleteIo = connection.prepareStatement("DELETE FROM job_io WHERE job_key = ?");
                PreparedStatement insertIo = connection.prepareStatement(
                        "INSERT INTO job_io (job_key, dataset_key, io_type) VALUES (?, ?, ?)")) {
            for (Job job : changes.jobs()) {
                boolean inserted = changes.inserted().jobs().contains(job.id());
                String key = Keys.of(job.id());
                Optional<Job> before = inserted ? Optional.empty() : committed.job(job.id());
                if (before.isPresent() && sameContent(before.get(), job)) {
                    touch.setObject(1, time(job.updatedAt()));
                    touch.setString(2, job.latestRunId().map(UUID::toString).orElse(null));
                    touch.setString(3, job.ioRunId().map(UUID::toString).orElse(null));
                    touch.setString(4, key);
                    touch.addBatch();
                    continue;
                }
                PreparedStatement statement = inserted ? insert : update;
                statement.setString(1, job.id().namespace());
                statement.setString(2, job.id().name());
                statement.setObject(3, time(job.createdAt()));
                statement.setObject(4, time(job.updatedAt()));
                statement.setString(5, job.latestRunId().map(UUID::toString).orElse(null));
                statement.setString(6, job.ioRunId().map(UUID::toString).orElse(null));
                statement.setString(7, Documents.write(job));
                statement.setString(8, key);
                statement.addBatch();
                boolean ioChanged = before.isEmpty()
                        || !before.get().inputs().equals(job.inputs())
                        || !before.get().outputs().equals(job.outputs());
                if (ioChanged) {
                    if (!inserted) {
                        deleteIo.setString(1, key);
                        deleteIo.addBatch();
                    }
                    for (DatasetId input : job.inputs()) {
                        addIo(insertIo, key, input, "INPUT");
                    }
                    for (DatasetId output : job.outputs()) {
                        addIo(insertIo, key, output, "OUTPUT");
                    }
                }
            }
            insert.executeBatch();
            executeUpdates(update, "a job");
            executeUpdates(touch, "a job");
            deleteIo.executeBatch();
            insertIo.executeBatch();
        }
    }

    private static boolean sameContent(Job before, Job after) {
        return before.type().equals(after.type())
                && before.createdAt().equals(after.createdAt())
                && before.inputs().equals(after.inputs())
                && before.outputs().equals(after.outputs())
                && before.location().equals(after.location())
                && before.description().equals(after.description())
                && before.parentJobName().equals(after.parentJobName())
                && before.engine().equals(after.engine())
                && before.facets().equals(after.facets());
    }

    private static void addIo(PreparedStatement insertIo, String jobKey, DatasetId dataset, String type)
            throws SQLException {
        insertIo.setString(1, jobKey);
        insertIo.setString(2, Keys.of(dataset));
        insertIo.setString(3, type);
        insertIo.addBatch();
    }

    private static void writeRuns(Connection connection, Changes changes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (job_key, created_at,"
                        + " updated_at, state, doc, run_id) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement("UPDATE runs SET job_key = ?, created_at = ?,"
                        + " updated_at = ?, state = ?, doc = ? WHERE run_id = ?")) {
            for (Run run : changes.runs()) {
                PreparedStatement statement = changes.inserted().runs().contains(run.id()) ? insert : update;
                statement.setString(1, Keys.of(run.job()));
                statement.setObject(2, time(run.createdAt()));
                statement.setObject(3, time(run.updatedAt()));
                statement.setString(4, run.state());
                statement.setString(5, Documents.write(run));
                statement.setString(6, run.id().toString());
                statement.addBatch();
            }
            insert.executeBatch();
            executeUpdates(update, "a run");
        }
    }

    private static void writeVersions(Connection connection, Changes changes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dataset_versions (dataset_key,"
                        + " run_id, created_at, doc, version) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement("UPDATE dataset_versions SET dataset_key = ?,"
                        + " run_id = ?, created_at = ?, doc = ? WHERE version = ?")) {
            for (DatasetVersion version : changes.versions()) {
                PreparedStatement statement =
                        changes.inserted().versions().contains(version.version()) ? insert : update;
                statement.setString(1, Keys.of(version.dataset()));
                statement.setString(2, version.runId().map(UUID::toString).orElse(null));
                statement.setObject(3, time(version.createdAt()));
                statement.setString(4, Documents.write(version));
                statement.setString(5, version.version().toString());
                statement.addBatch();
            }
            insert.executeBatch();
            executeUpdates(update, "a dataset version");
        }
    }

    private static void writeMaskedReads(Connection connection, Map<DatasetId, List<MaskedRead>> reads)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO masked_reads (dataset_key, run_id,"
                + " job_key, user_name, read_at, doc) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<DatasetId, List<MaskedRead>> entry : reads.entrySet()) {
                for (MaskedRead read : entry.getValue()) {
                    insert.setString(1, Keys.of(entry.getKey()));
                    insert.setString(2, read.runId().toString());
                    insert.setString(3, Keys.of(read.job()));
                    insert.setString(4, read.user());
                    insert.setObject(5, time(read.at()));
                    insert.setString(6, Documents.write(read));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Everything the graph shows, as one batch of changes to an empty graph: how a restart resumes. */
    public Changes loadGraph() {
        try (Connection connection = dataSource.getConnection()) {
            List<Namespace> namespaces = new ArrayList<>();
            try (PreparedStatement statement =
                            connection.prepareStatement("SELECT name, created_at, updated_at FROM namespaces");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    namespaces.add(new Namespace(rows.getString(1), instant(rows, 2), instant(rows, 3)));
                }
            }
            List<Dataset> datasets = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT doc, updated_at, current_version, last_modified_at FROM datasets");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Dataset doc = Documents.read(rows.getString(1), Dataset.class);
                    OffsetDateTime lastModified = rows.getObject(4, OffsetDateTime.class);
                    datasets.add(new Dataset(
                            doc.id(),
                            doc.createdAt(),
                            instant(rows, 2),
                            doc.sourceName(),
                            doc.fields(),
                            doc.facets(),
                            Optional.ofNullable(rows.getString(3)).map(UUID::fromString),
                            Optional.ofNullable(lastModified).map(OffsetDateTime::toInstant),
                            doc.lastLifecycleState(),
                            doc.description(),
                            doc.aliases(),
                            doc.columnLineage(),
                            doc.governance()));
                }
            }
            Map<String, DatasetId> byKey = new HashMap<>();
            datasets.forEach(dataset -> byKey.put(Keys.of(dataset.id()), dataset.id()));
            Map<DatasetId, DatasetId> aliases = new HashMap<>();
            try (PreparedStatement statement =
                            connection.prepareStatement("SELECT namespace, name, dataset_key FROM dataset_aliases");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    DatasetId canonical = byKey.get(rows.getString(3));
                    if (canonical != null) {
                        aliases.put(new DatasetId(rows.getString(1), rows.getString(2)), canonical);
                    }
                }
            }
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement statement =
                            connection.prepareStatement("SELECT doc, updated_at, latest_run_id, io_run_id FROM jobs");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Job doc = Documents.read(rows.getString(1), Job.class);
                    jobs.add(new Job(
                            doc.id(),
                            doc.type(),
                            doc.createdAt(),
                            instant(rows, 2),
                            doc.inputs(),
                            doc.outputs(),
                            doc.location(),
                            doc.description(),
                            doc.facets(),
                            Optional.ofNullable(rows.getString(3)).map(UUID::fromString),
                            Optional.ofNullable(rows.getString(4)).map(UUID::fromString),
                            doc.parentJobName(),
                            doc.engine()));
                }
            }
            List<Run> runs = documents(
                    connection, "SELECT r.doc FROM runs r JOIN jobs j ON j.latest_run_id = r.run_id", Run.class);
            return new Changes(
                    List.of(),
                    namespaces,
                    datasets,
                    jobs,
                    runs,
                    List.of(),
                    aliases,
                    Map.of(),
                    new Changes.Inserted(Set.of(), Set.of(), Set.of(), Set.of(), Set.of()));
        } catch (SQLException e) {
            throw new StoreException("Cannot load the lineage graph", e);
        }
    }

    public Optional<Run> run(UUID runId) {
        List<Run> runs = query("SELECT doc FROM runs WHERE run_id = ?", Run.class, runId.toString());
        return runs.stream().findFirst();
    }

    /** A job's runs, newest first. */
    public Page<Run> runs(JobId job, int limit, int offset) {
        String key = Keys.of(job);
        List<Run> runs = query(
                "SELECT doc FROM runs WHERE job_key = ? ORDER BY created_at DESC, run_id LIMIT ? OFFSET ?",
                Run.class,
                key,
                limit,
                offset);
        return new Page<>(runs, count("SELECT COUNT(*) FROM runs WHERE job_key = ?", key));
    }

    /** A dataset's versions, newest first. */
    public Page<DatasetVersion> versions(DatasetId dataset, int limit, int offset) {
        String key = Keys.of(dataset);
        List<DatasetVersion> versions = query(
                "SELECT doc FROM dataset_versions WHERE dataset_key = ? ORDER BY created_at DESC, version"
                        + " LIMIT ? OFFSET ?",
                DatasetVersion.class,
                key,
                limit,
                offset);
        return new Page<>(versions, count("SELECT COUNT(*) FROM dataset_versions WHERE dataset_key = ?", key));
    }

    public Optional<DatasetVersion> version(UUID version) {
        return query("SELECT doc FROM dataset_versions WHERE version = ?", DatasetVersion.class, version.toString())
                .stream()
                .findFirst();
    }

    /** Run events as received, with {@code after <= eventTime < before}. */
    public Page<StoredEvent> events(Instant after, Instant before, boolean ascending, int limit, int offset) {
        String order = ascending ? "ASC" : "DESC";
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT seq, event_time, payload"
                        + " FROM lineage_events WHERE kind = 'RUN' AND event_time >= ? AND event_time < ?"
                        + " ORDER BY event_time " + order + ", seq " + order + " LIMIT ? OFFSET ?")) {
            statement.setObject(1, time(after));
            statement.setObject(2, time(before));
            statement.setInt(3, limit);
            statement.setInt(4, offset);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), instant(rows, 2), rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read events", e);
        }
        long total = count(
                "SELECT COUNT(*) FROM lineage_events WHERE kind = 'RUN' AND event_time >= ? AND event_time < ?",
                time(after),
                time(before));
        return new Page<>(events, total);
    }

    /** The database answers: what the health endpoint checks. */
    public boolean isHealthy() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private <T> List<T> query(String sql, Class<T> type, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return documents(connection, sql, type, parameters);
        } catch (SQLException e) {
            throw new StoreException("Cannot read " + type.getSimpleName(), e);
        }
    }

    private static <T> List<T> documents(Connection connection, String sql, Class<T> type, Object... parameters)
            throws SQLException {
        List<T> documents = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    documents.add(Documents.read(rows.getString(1), type));
                }
            }
        }
        return documents;
    }

    private long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot count", e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
