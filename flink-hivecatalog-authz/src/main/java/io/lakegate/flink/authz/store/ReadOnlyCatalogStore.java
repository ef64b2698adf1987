package io.lakegate.flink.authz.store;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.catalog.LakegateHiveCatalogFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.CatalogDescriptor;
import org.apache.flink.table.catalog.CatalogStore;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * The operator's catalogs, which statements can use but not create, change or drop. Flink asks the store before it
 * creates a catalog, and before it drops or alters one, so a refusal here leaves nothing behind.
 */
final class ReadOnlyCatalogStore implements CatalogStore {
    private final Map<String, CatalogDescriptor> configured;
    private final CatalogStore delegate;
    private final String user;
    private final Map<String, String> lineage;

    ReadOnlyCatalogStore(
            Map<String, CatalogDescriptor> configured,
            CatalogStore delegate,
            String user,
            Map<String, String> lineage) {
        this.configured = Map.copyOf(requireNonNull(configured, "configured is null"));
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.user = requireNonNull(user, "user is null");
        this.lineage = Map.copyOf(requireNonNull(lineage, "lineage is null"));
    }

    @Override
    public void storeCatalog(String catalogName, CatalogDescriptor catalog) throws CatalogException {
        throw refused("create or alter", catalogName);
    }

    @Override
    public void removeCatalog(String catalogName, boolean ignoreIfNotExists) throws CatalogException {
        throw refused("drop or alter", catalogName);
    }

    @Override
    public Optional<CatalogDescriptor> getCatalog(String catalogName) throws CatalogException {
        CatalogDescriptor catalog = configured.get(catalogName);
        return (catalog != null ? Optional.of(catalog) : delegate.getCatalog(catalogName)).map(this::forSession);
    }

    @Override
    public Set<String> listCatalogs() throws CatalogException {
        Set<String> catalogs = new TreeSet<>(configured.keySet());
        catalogs.addAll(delegate.listCatalogs());
        return catalogs;
    }

    @Override
    public boolean contains(String catalogName) throws CatalogException {
        return configured.containsKey(catalogName) || delegate.contains(catalogName);
    }

    @Override
    public void open() throws CatalogException {
        delegate.open();
    }

    @Override
    public void close() throws CatalogException {
        delegate.close();
    }

    // The session's user and lineage settings, as the session started, go with each guarded catalog the store hands
    // out: Flink's gateway creates catalogs lazily from a configuration that SET changes, so they cannot be read there.
    private CatalogDescriptor forSession(CatalogDescriptor catalog) {
        Configuration options = catalog.getConfiguration();
        if (!LakegateHiveCatalogFactory.IDENTIFIER.equals(options.toMap().get("type"))) {
            return catalog;
        }
        Configuration withUser = new Configuration(options);
        withUser.setString(LakegateHiveCatalogFactory.SESSION_USER, user);
        lineage.forEach((key, value) -> withUser.setString(LakegateHiveCatalogFactory.SESSION_LINEAGE + key, value));
        return CatalogDescriptor.of(
                catalog.getCatalogName(), withUser, catalog.getComment().orElse(null));
    }

    private AccessControlException refused(String what, String catalogName) {
        return new AccessControlException("Permission denied: user [" + user + "] may not " + what + " catalog ["
                + catalogName + "]: catalogs are defined by the operator in the catalog store"
                + " (table.catalog-store.kind: " + GuardedCatalogStoreFactory.IDENTIFIER + "), not by statements");
    }
}
