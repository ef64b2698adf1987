package io.lakegate.flink.lineage.naming;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.lineage.capture.TableUse;
import io.lakegate.lineage.naming.DatasetNamespaces;
import io.openlineage.client.utils.DatasetIdentifier;
import io.openlineage.client.utils.filesystem.FilesystemDatasetUtils;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenLineage datasets a Flink table stands for, by the naming spec: a Hive table is {@code hive://<metastore
 * host>:<port>} + {@code database.table}, exactly as Spark's and Trino's integrations name it (one node whichever
 * engine wrote it); a Kafka table is each of its topics under {@code kafka://<first bootstrap server>}; a filesystem
 * table its path, as OpenLineage names a location; a table of any other connector, which has no
 * identifying option, the catalog table itself.
 */
public final class FlinkDatasets {
    private FlinkDatasets() {}

    /** A dataset's OpenLineage identity. */
    public record DatasetId(String namespace, String name) {
        public DatasetId {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }
    }

    /** The datasets {@code table} reads or writes (a Kafka table over several topics is several). */
    public static List<DatasetId> of(TableUse table) {
        requireNonNull(table, "table is null");
        String connector =
                table.options().getOrDefault("connector", "hive").strip().toLowerCase(Locale.ROOT);
        return switch (connector) {
            case "kafka", "upsert-kafka" -> kafka(table).orElseGet(() -> List.of(catalogTable(table)));
            case "filesystem" -> path(table).map(List::of).orElseGet(() -> List.of(catalogTable(table)));
            default -> List.of(catalogTable(table));
        };
    }

    /** The catalog table: the dataset of a Hive table, and the {@code TABLE} symlink of any other. */
    public static DatasetId catalogTable(TableUse table) {
        requireNonNull(table, "table is null");
        // The metastore folds names to lower case, and so do Spark's and Trino's names of its tables.
        return new DatasetId(
                table.hiveNamespace(),
                table.table().getDatabaseName().toLowerCase(Locale.ROOT) + "."
                        + table.table().getObjectName().toLowerCase(Locale.ROOT));
    }

    /** Whether the table's datasets are not the catalog table itself, so that it is their symlink. */
    public static boolean hasSymlink(TableUse table) {
        return !of(table).equals(List.of(catalogTable(table)));
    }

    private static Optional<List<DatasetId>> kafka(TableUse table) {
        String servers = table.options().get("properties.bootstrap.servers");
        String topics = table.options().get("topic");
        if (servers == null || topics == null) {
            // A topic pattern names no dataset until the job runs.
            return Optional.empty();
        }
        String namespace;
        try {
            namespace = DatasetNamespaces.kafka(servers);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // The connector's own reading of 'topic': ';'-separated, each trimmed.
        List<DatasetId> datasets = Arrays.stream(topics.split(";"))
                .map(String::strip)
                .filter(topic -> !topic.isEmpty())
                .map(topic -> new DatasetId(namespace, topic))
                .toList();
        return datasets.isEmpty() ? Optional.empty() : Optional.of(datasets);
    }

    // OpenLineage's own naming of a location (what its Spark integration gives the same files).
    private static Optional<DatasetId> path(TableUse table) {
        String path = table.options().get("path");
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(path.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null) {
            uri = URI.create("file:" + uri.getPath());
        }
        try {
            DatasetIdentifier id = FilesystemDatasetUtils.fromLocation(uri);
            return Optional.of(new DatasetId(id.getNamespace(), id.getName()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
