package io.lakegate.lineage.naming;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The OpenLineage dataset namespaces every Lakegate integration gives a table, so that one table is one node of the
 * lineage graph whichever engine reads or writes it. They follow OpenLineage's naming spec and what its Spark
 * integration writes: a Hive-metastore table is {@code hive://<metastore host>:<port>} + {@code <database>.<table>}.
 */
public final class DatasetNamespaces {
    private DatasetNamespaces() {}

    /**
     * The namespace of the tables of a Hive metastore, from its URIs as engines are given them ({@code
     * hive.metastore.uris}: comma-separated, the first one names it). Host and port are kept as given, a missing port
     * stays missing: exactly what OpenLineage's Spark integration writes for the same URI, so both name one node.
     *
     * @throws IllegalArgumentException for a URI that is not {@code thrift://host[:port]} or {@code hive://host[:port]}
     */
    public static String hiveMetastore(String metastoreUris) {
        requireNonNull(metastoreUris, "metastoreUris is null");
        String first = metastoreUris.split(",", -1)[0].strip();
        URI uri;
        try {
            uri = new URI(first);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a metastore URI: " + first + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("thrift") && !scheme.equals("hive") || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "Not a metastore URI: " + first + " (expected thrift://host:port, as hive.metastore.uris has it)");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() || uri.getQuery() != null) {
            throw new IllegalArgumentException("Not a metastore URI: " + first + " (a metastore URI has no path)");
        }
        return "hive://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** The namespace of a Kafka cluster's topics: {@code kafka://} + its first bootstrap server. */
    public static String kafka(String bootstrapServers) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        String first = bootstrapServers.split(",", -1)[0].strip();
        if (first.isEmpty() || first.contains("/")) {
            throw new IllegalArgumentException("Not a Kafka bootstrap server: " + first + " (expected host:port)");
        }
        return "kafka://" + first;
    }
}
