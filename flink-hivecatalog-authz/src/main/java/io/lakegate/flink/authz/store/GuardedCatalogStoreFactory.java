package io.lakegate.flink.authz.store;

import io.lakegate.flink.authz.identity.SessionUser;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogStore;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.factories.CatalogStoreFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Catalog store kind {@value #IDENTIFIER} ({@code table.catalog-store.kind: lakegate}): the catalogs of another store
 * kind ({@code table.catalog-store.lakegate.delegate}, {@code generic_in_memory} unless set; every other {@code
 * table.catalog-store.lakegate.*} option is that store's), read-only to statements. {@code CREATE CATALOG}, {@code
 * ALTER CATALOG} and {@code DROP CATALOG} are refused: a user's own catalog over the governed metastore (of type
 * {@code hive}, or any type) would read it unguarded, and dropping a guarded catalog would leave a name a user's
 * catalog could take.
 */
public final class GuardedCatalogStoreFactory implements CatalogStoreFactory {
    public static final String IDENTIFIER = "lakegate";

    public static final ConfigOption<String> DELEGATE = ConfigOptions.key("delegate")
            .stringType()
            .defaultValue("generic_in_memory")
            .withDescription("The catalog store kind that holds the operator's catalogs: file, generic_in_memory, ...");

    private CatalogStoreFactory delegate;
    private String user;

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    // The delegate store's options are validated by its own factory.
    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(DELEGATE);
    }

    @Override
    public void open(Context context) throws CatalogException {
        Map<String, String> options = new HashMap<>(context.getOptions());
        String kind =
                options.getOrDefault(DELEGATE.key(), DELEGATE.defaultValue()).strip();
        options.remove(DELEGATE.key());
        if (kind.isEmpty() || kind.equals(IDENTIFIER)) {
            throw new ValidationException("Option table.catalog-store." + IDENTIFIER + "." + DELEGATE.key() + " is ["
                    + kind + "]: set it to the catalog store kind that holds the operator's catalogs (file,"
                    + " generic_in_memory, ...), not " + IDENTIFIER + " itself");
        }
        delegate = FactoryUtil.discoverFactory(context.getClassLoader(), CatalogStoreFactory.class, kind);
        delegate.open(new FactoryUtil.DefaultCatalogStoreContext(
                options, context.getConfiguration(), context.getClassLoader()));
        user = SessionUser.of(context.getConfiguration());
    }

    @Override
    public CatalogStore createCatalogStore() {
        if (delegate == null) {
            throw new IllegalStateException("open() was not called");
        }
        return new ReadOnlyCatalogStore(delegate.createCatalogStore(), user);
    }

    @Override
    public void close() throws CatalogException {
        if (delegate != null) {
            delegate.close();
        }
    }
}
