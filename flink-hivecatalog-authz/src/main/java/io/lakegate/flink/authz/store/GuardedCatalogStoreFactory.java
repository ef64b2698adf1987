package io.lakegate.flink.authz.store;

import io.lakegate.flink.authz.identity.SessionUser;
import io.lakegate.flink.lineage.config.LineageSettings;
import io.lakegate.flink.lineage.job.LineageJobListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogDescriptor;
import org.apache.flink.table.catalog.CatalogStore;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.factories.CatalogStoreFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Catalog store kind {@value #IDENTIFIER} ({@code table.catalog-store.kind: lakegate}): the operator's catalogs,
 * read-only to statements. They are those the configuration defines ({@code
 * table.catalog-store.lakegate.catalog.<name>.<option>}, e.g. {@code ...catalog.lake.type: lakegate-hive}: what a
 * launcher such as Kyuubi can pass an engine as settings), then those of another store kind ({@code
 * table.catalog-store.lakegate.delegate}, {@code generic_in_memory} unless set; every other {@code
 * table.catalog-store.lakegate.*} option is that store's, e.g. {@code path} of the {@code file} kind). {@code CREATE CATALOG}, {@code
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

    /** The prefix, under this store's options, of the catalogs the configuration defines. */
    public static final String CATALOG_PREFIX = "catalog.";

    private CatalogStoreFactory delegate;
    private Map<String, CatalogDescriptor> configured;
    private String user;
    private Map<String, String> lineage;

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
        configured = configuredCatalogs(options);
        options.keySet().removeIf(key -> key.startsWith(CATALOG_PREFIX));
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
        lineage = lineageSettings(context.getConfiguration());
    }

    // The session's OpenLineage settings as it opened, checked now: a bad one stops the session from starting, naming
    // the key, rather than losing its jobs' events later.
    private static Map<String, String> lineageSettings(ReadableConfig configuration) {
        ReadableConfig root = configuration instanceof TableConfig table ? table.getRootConfiguration() : configuration;
        Map<String, String> settings = new TreeMap<>(root.toMap());
        settings.keySet().removeIf(key -> !key.startsWith(LineageSettings.PREFIX));
        boolean lineage;
        try {
            lineage = LineageSettings.from(settings).isPresent();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage() + " (Flink's configuration)", e);
        }
        List<String> listeners =
                root.getOptional(DeploymentOptions.JOB_LISTENERS).orElse(List.of());
        if (lineage && listeners.stream().map(String::strip).noneMatch(LineageJobListener.class.getName()::equals)) {
            throw new ValidationException("OpenLineage is configured (" + LineageSettings.TRANSPORT_TYPE + ") but "
                    + DeploymentOptions.JOB_LISTENERS.key() + " is " + listeners + ": add "
                    + LineageJobListener.class.getName() + " to it in Flink's configuration, or no job is reported");
        }
        return Map.copyOf(settings);
    }

    @Override
    public CatalogStore createCatalogStore() {
        if (delegate == null) {
            throw new IllegalStateException("open() was not called");
        }
        return new ReadOnlyCatalogStore(configured, delegate.createCatalogStore(), user, lineage);
    }

    // catalog.<name>.<option>: a catalog's name cannot hold a dot here (its options can).
    private static Map<String, CatalogDescriptor> configuredCatalogs(Map<String, String> options) {
        Map<String, Map<String, String>> catalogs = new TreeMap<>();
        options.forEach((key, value) -> {
            if (!key.startsWith(CATALOG_PREFIX)) {
                return;
            }
            String rest = key.substring(CATALOG_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new ValidationException("Option table.catalog-store." + IDENTIFIER + "." + key + " names no"
                        + " catalog option: write table.catalog-store." + IDENTIFIER + "." + CATALOG_PREFIX
                        + "<catalog>.<option>, e.g. ...catalog.lake.type: lakegate-hive");
            }
            catalogs.computeIfAbsent(rest.substring(0, dot), name -> new HashMap<>())
                    .put(rest.substring(dot + 1), value);
        });
        Map<String, CatalogDescriptor> descriptors = new LinkedHashMap<>();
        catalogs.forEach((name, catalog) -> {
            if (!catalog.containsKey("type")) {
                throw new ValidationException("Catalog [" + name + "] of table.catalog-store." + IDENTIFIER + "."
                        + CATALOG_PREFIX + name + ".* has no type: set table.catalog-store." + IDENTIFIER + "."
                        + CATALOG_PREFIX + name + ".type (lakegate-hive, ...)");
            }
            descriptors.put(name, CatalogDescriptor.of(name, Configuration.fromMap(catalog)));
        });
        return descriptors;
    }

    @Override
    public void close() throws CatalogException {
        if (delegate != null) {
            delegate.close();
        }
    }
}
