package io.lakegate.flink.authz.foreign;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.catalog.LakegateHiveCatalogFactory;
import io.lakegate.flink.authz.kafka.TopicAccess;
import io.lakegate.flink.authz.privilege.Guard;
import io.lakegate.flink.authz.storage.Connectors;
import io.lakegate.flink.authz.storage.Locations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.listener.AlterTableEvent;
import org.apache.flink.table.catalog.listener.CatalogModificationEvent;
import org.apache.flink.table.catalog.listener.CatalogModificationListener;
import org.apache.flink.table.catalog.listener.CreateTableEvent;
import org.apache.flink.table.catalog.listener.TableModificationEvent;

/**
 * Refuses a table defined outside a guarded catalog (a temporary one anywhere, or a permanent one in a catalog the
 * guard does not govern) unless its connector reads no governed data: a connector without storage, one an operator
 * listed, the filesystem connector on a path the user may {@code read} and {@code write} (Ranger's {@code url}), or,
 * where a Ranger Kafka service is configured, a Kafka table over topics the user may both consume and publish.
 * Anything else (a Kafka topic, a JDBC table, an unknown connector) is refused, saying how to define it instead.
 *
 * <p>Flink calls listeners inside a temporary table's creation, so a refusal leaves no table behind; for a permanent
 * table Flink calls them after the catalog stored it, so the statement fails but the catalog keeps it. That is why
 * a governed deployment has no unguarded permanent catalog (the module README says how).
 */
final class ForeignTableListener implements CatalogModificationListener {
    private final Set<String> allowed;
    private final Supplier<Guard> guard;
    private final Supplier<TopicAccess> topics;
    private final String user;

    ForeignTableListener(Set<String> allowed, Supplier<Guard> guard, Supplier<TopicAccess> topics, String user) {
        this.allowed = Set.copyOf(requireNonNull(allowed, "allowed is null"));
        this.guard = requireNonNull(guard, "guard is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.user = requireNonNull(user, "user is null");
    }

    @Override
    public void onEvent(CatalogModificationEvent event) {
        if (!(event instanceof CreateTableEvent || event instanceof AlterTableEvent)) {
            return;
        }
        TableModificationEvent change = (TableModificationEvent) event;
        if (!change.isTemporary()
                && LakegateHiveCatalogFactory.governs(change.context().getClazz())) {
            // A guarded catalog decided the change itself, before making it.
            return;
        }
        CatalogBaseTable table = event instanceof AlterTableEvent alter ? alter.newTable() : change.table();
        if (table == null || table.getTableKind() == CatalogBaseTable.TableKind.VIEW) {
            // A view reads through the catalogs of the tables it names, which decide for themselves.
            return;
        }
        check(change.identifier(), table.getOptions());
    }

    private void check(ObjectIdentifier identifier, Map<String, String> options) {
        String connector = options.getOrDefault(Connectors.CONNECTOR, "").strip();
        if (allowed.contains(connector)) {
            return;
        }
        if (connector.equals(Connectors.FILESYSTEM)) {
            String path = options.get(Locations.PATH);
            if (path == null) {
                throw refused(identifier, connector, "it names no path");
            }
            guard.get().requireLocation(Locations.flinkPath(path));
            return;
        }
        // Where a Kafka service decides topics: a definition lets its user both read and write the topics.
        if (TopicAccess.isKafka(options) && topics.get().configured()) {
            topics.get()
                    .require(identifier.asSummaryString(), options, List.of(TopicAccess.CONSUME, TopicAccess.PUBLISH));
            return;
        }
        throw refused(
                identifier,
                connector.isEmpty() ? "(none)" : connector,
                "its data may be governed, and no guarded catalog governs this table");
    }

    private AccessControlException refused(ObjectIdentifier identifier, String connector, String why) {
        return new AccessControlException("Permission denied: user [" + user + "] may not define table ["
                + identifier.asSummaryString() + "] of connector [" + connector + "] outside a guarded catalog: " + why
                + "; define it in a catalog of type " + LakegateHiveCatalogFactory.IDENTIFIER + ", where Ranger"
                + " governs it, or use a connector that reads no governed data ("
                + String.join(", ", allowed.stream().sorted().toList())
                + ", or an operator's lakegate.foreign-connectors)");
    }
}
