package io.lakegate.flink.authz.foreign;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.catalog.LakegateHiveCatalogFactory;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.listener.AlterTableEvent;
import org.apache.flink.table.catalog.listener.CatalogModificationEvent;
import org.apache.flink.table.catalog.listener.CatalogModificationListener;
import org.apache.flink.table.catalog.listener.CreateTableEvent;
import org.apache.flink.table.catalog.listener.TableModificationEvent;

/**
 * Refuses every table defined outside a guarded catalog: a temporary one anywhere, or a permanent one in a catalog the
 * guard does not govern. Whatever connector such a table names, a statement's {@code OPTIONS} hint can turn it into
 * any connector over any path or topic when it is read or written, and no guard sees that read: only a guarded
 * catalog's tables are built by the guard, which refuses such hints. Views are allowed: they
 * read through the catalogs of the tables they name.
 *
 * <p>Flink calls listeners inside a temporary table's creation, so a refusal leaves no table behind; for a permanent
 * table Flink calls them after the catalog stored it, so the statement fails but the catalog keeps it. That is why a
 * governed deployment has no unguarded permanent catalog (the module README says how).
 */
final class ForeignTableListener implements CatalogModificationListener {
    private final String user;

    ForeignTableListener(String user) {
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
            return;
        }
        throw new AccessControlException("Permission denied: user [" + user + "] may not define table ["
                + change.identifier().asSummaryString() + "] outside a guarded catalog: a statement's hints could point"
                + " it at any connector, path or topic, unguarded; define it in a catalog of type "
                + LakegateHiveCatalogFactory.IDENTIFIER + ", where Ranger governs it (a temporary view is allowed)");
    }
}
