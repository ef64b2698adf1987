package io.lakegate.flink.authz.scan;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;

/**
 * Refuses a statement's changes to a governed table's options ({@code /*+ OPTIONS(...) *}{@code /} hints, which
 * Flink merges into the table's options before the source or sink is built, whatever {@code
 * table.dynamic-table-options.enabled} says when a user may {@code SET} it): another path, topic, server, format or
 * connector would read or write other data under this table's policies. The keys that only choose how the same data
 * is read (a streaming read of a Hive table, a Kafka table's start position) are allowed.
 */
public final class TableOptionsGuard {
    /** Options a statement may set: they change when and how the table's own data is read, not which data. */
    public static final Set<String> ALLOWED = Set.of(
            "streaming-source.enable",
            "streaming-source.monitor-interval",
            "streaming-source.consume-order",
            "streaming-source.consume-start-offset",
            "streaming-source.partition-order",
            "streaming-source.partition.include",
            "lookup.join.cache.ttl",
            "scan.startup.mode",
            "scan.startup.timestamp-millis",
            "scan.bounded.mode",
            "scan.bounded.timestamp-millis",
            "sink.parallelism",
            "source.monitor-interval",
            "table.exec.hive.infer-source-parallelism");

    private final Function<ObjectPath, Optional<CatalogTable>> catalogTable;

    public TableOptionsGuard(Function<ObjectPath, Optional<CatalogTable>> catalogTable) {
        this.catalogTable = requireNonNull(catalogTable, "catalogTable is null");
    }

    /** Refuses {@code options} of a statement's table at {@code path} that differ from the catalog's, but allowed. */
    void check(ObjectPath path, Map<String, String> options, String user) {
        Map<String, String> stored = catalogTable
                .apply(path)
                .map(CatalogTable::getOptions)
                .orElseThrow(() -> new AccessControlException("Permission denied: user [" + user + "] may not use ["
                        + path.getFullName() + "]: the catalog no longer has it as a table"));
        Set<String> changed = new TreeSet<>();
        for (String key : union(options.keySet(), stored.keySet())) {
            if (!Objects.equals(options.get(key), stored.get(key)) && !ALLOWED.contains(key)) {
                changed.add(key);
            }
        }
        if (!changed.isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + user + "] may not change the options "
                    + changed + " of [" + path.getDatabaseName() + "/" + path.getObjectName()
                    + "] in a statement: they would read or write other data under this table's policies; allowed"
                    + " options are " + new TreeSet<>(ALLOWED));
        }
    }

    private static Set<String> union(Set<String> left, Set<String> right) {
        Set<String> all = new TreeSet<>(left);
        all.addAll(right);
        return all;
    }
}
