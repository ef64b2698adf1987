package io.lakegate.flink.authz.catalog;

import io.lakegate.flink.authz.foreign.ForeignTableListenerFactory;
import io.lakegate.flink.authz.kafka.TopicAccess;
import io.lakegate.flink.authz.privilege.Guard;
import io.lakegate.flink.authz.ranger.FlinkRangerPlugin;
import io.lakegate.flink.authz.storage.Connectors;
import io.lakegate.flink.authz.storage.Locations;
import io.lakegate.flink.authz.store.GuardedCatalogStoreFactory;
import io.lakegate.flink.lineage.capture.CatalogLineage;
import io.lakegate.flink.lineage.config.LineageSettings;
import io.lakegate.lineage.naming.DatasetNamespaces;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.hive.HiveCatalog;
import org.apache.flink.table.catalog.hive.factories.HiveCatalogFactory;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Catalog type {@value #IDENTIFIER}: a catalog of type {@link #WRAPPED_TYPE} ({@code hive} unless set), every
 * option but that one passed to it unchanged, governed by Ranger's Hive-service policies for the session's user
 * ({@link SessionUser}).
 */
public final class LakegateHiveCatalogFactory implements CatalogFactory {
    public static final String IDENTIFIER = "lakegate-hive";

    /**
     * The user a catalog store of kind {@code lakegate} hands a guarded catalog: the session's, as it started. Not
     * an option an operator sets.
     */
    public static final String SESSION_USER = "lakegate.session-user";
    /** The prefix of the session's {@code openlineage.*} settings, which the catalog store adds as it hands out. */
    public static final String SESSION_LINEAGE = "lakegate.session.";

    private static final String CATALOG_STORE_KIND = "table.catalog-store.kind";
    private static final String LISTENERS = "table.catalog-modification.listeners";

    public static final ConfigOption<String> WRAPPED_TYPE = ConfigOptions.key("lakegate.wrapped-type")
            .stringType()
            .defaultValue("hive")
            .withDescription("The catalog type this catalog governs: hive, or any other catalog type's identifier.");

    public static final ConfigOption<List<String>> TABLE_CONNECTORS = ConfigOptions.key("lakegate.table-connectors")
            .stringType()
            .asList()
            .defaultValues()
            .withDescription("Connectors, besides hive, filesystem (its path needs read and write on the url),"
                    + " datagen, print and blackhole, that a table created or altered in this catalog may name, e.g."
                    + " kafka: a user allowed to create a table can then point it at any topic of the broker.");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    // Every other option is the wrapped catalog's, and that catalog's factory validates them.
    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(WRAPPED_TYPE, TABLE_CONNECTORS);
    }

    @Override
    public Catalog createCatalog(Context context) {
        requireDeploymentGuards(context);
        Map<String, String> options = new HashMap<>(context.getOptions());
        String wrapped = options.getOrDefault(WRAPPED_TYPE.key(), WRAPPED_TYPE.defaultValue())
                .strip();
        options.remove(WRAPPED_TYPE.key());
        Set<String> tableConnectors = new TreeSet<>(List.of(Connectors.HIVE, Connectors.FILESYSTEM));
        tableConnectors.addAll(Connectors.WITHOUT_STORAGE);
        Arrays.stream(options.getOrDefault(TABLE_CONNECTORS.key(), "").split("[;,]"))
                .map(connector -> connector.strip().toLowerCase(Locale.ROOT))
                .filter(connector -> !connector.isEmpty())
                .forEach(tableConnectors::add);
        options.remove(TABLE_CONNECTORS.key());
        String user = options.remove(SESSION_USER);
        Map<String, String> lineageSettings = new TreeMap<>();
        options.keySet().removeIf(key -> {
            if (key.startsWith(SESSION_LINEAGE)) {
                lineageSettings.put(
                        key.substring(SESSION_LINEAGE.length()),
                        context.getOptions().get(key));
                return true;
            }
            return false;
        });
        if (user == null || user.isBlank()) {
            throw new ValidationException("Catalog [" + context.getName() + "] of type " + IDENTIFIER + " refuses to"
                    + " start: it did not come from the catalog store of kind " + GuardedCatalogStoreFactory.IDENTIFIER
                    + ", which tells it whose session it is; define it there (table.catalog-store."
                    + GuardedCatalogStoreFactory.IDENTIFIER + ".catalog." + context.getName() + ".type: " + IDENTIFIER
                    + ")");
        }
        if (wrapped.isEmpty() || wrapped.equals(IDENTIFIER)) {
            throw new ValidationException("Catalog option " + WRAPPED_TYPE.key() + " of catalog [" + context.getName()
                    + "] is [" + wrapped + "]: set it to the type of the catalog to govern (hive, the default, or"
                    + " another catalog type's identifier), not " + IDENTIFIER + " itself");
        }
        // Hive's factory is built directly: a deployment may remove it from service discovery, so that users cannot
        // create an unguarded catalog of type hive.
        CatalogFactory factory = wrapped.equals("hive")
                ? new HiveCatalogFactory()
                : FactoryUtil.discoverFactory(context.getClassLoader(), CatalogFactory.class, wrapped);
        Catalog delegate = factory.createCatalog(new FactoryUtil.DefaultCatalogContext(
                context.getName(), options, context.getConfiguration(), context.getClassLoader()));
        Guard guard = new Guard(FlinkRangerPlugin.authorizer(), user);
        org.apache.hadoop.conf.Configuration hadoopConf =
                delegate instanceof HiveCatalog hive ? hive.getHiveConf() : new org.apache.hadoop.conf.Configuration();
        Optional<CatalogLineage> lineage = LineageSettings.from(lineageSettings)
                .map(settings -> new CatalogLineage(settings, user, tablesNamespace(context.getName(), hadoopConf)));
        return new GuardedCatalog(
                context.getName(),
                delegate,
                guard,
                new Locations(hadoopConf),
                tableConnectors,
                new TopicAccess(FlinkRangerPlugin.kafkaAuthorizer(), user),
                lineage);
    }

    // Without the store, a user's own CREATE CATALOG of type hive reads the metastore unguarded; without the listener,
    // a temporary table of another connector reads the governed files or topics. A guard that can be walked around
    // refuses to start, naming the setting.
    private static void requireDeploymentGuards(Context context) {
        ReadableConfig configuration = context.getConfiguration();
        ReadableConfig root = configuration instanceof TableConfig table ? table.getRootConfiguration() : configuration;
        String store = root.getOptional(
                        ConfigOptions.key(CATALOG_STORE_KIND).stringType().noDefaultValue())
                .orElse("");
        if (!store.strip().equals(GuardedCatalogStoreFactory.IDENTIFIER)) {
            throw new ValidationException("Catalog [" + context.getName() + "] of type " + IDENTIFIER + " refuses to"
                    + " start: " + CATALOG_STORE_KIND + " is [" + store + "]; set " + CATALOG_STORE_KIND + ": "
                    + GuardedCatalogStoreFactory.IDENTIFIER + " in Flink's configuration (config.yaml, or the"
                    + " engine's launch settings), so that statements cannot create catalogs of their own");
        }
        List<String> listeners = root.getOptional(
                        ConfigOptions.key(LISTENERS).stringType().asList().noDefaultValue())
                .orElse(List.of());
        if (listeners.stream().map(String::strip).noneMatch(ForeignTableListenerFactory.IDENTIFIER::equals)) {
            throw new ValidationException("Catalog [" + context.getName() + "] of type " + IDENTIFIER + " refuses to"
                    + " start: " + LISTENERS + " is " + listeners + "; add " + ForeignTableListenerFactory.IDENTIFIER
                    + " to it in Flink's configuration, so that tables defined outside the catalog cannot read"
                    + " governed data");
        }
    }

    // Spark's and Trino's integrations name a metastore's tables by its first URI; an embedded metastore has none.
    private static String tablesNamespace(String catalog, org.apache.hadoop.conf.Configuration hadoopConf) {
        String uris = hadoopConf.get("hive.metastore.uris", "");
        try {
            return uris.isBlank() ? "flink://" + catalog : DatasetNamespaces.hiveMetastore(uris);
        } catch (IllegalArgumentException e) {
            return "flink://" + catalog;
        }
    }

    /** Whether catalogs of {@code catalogClass} are governed: what a catalog-modification event names. */
    public static boolean governs(Class<?> catalogClass) {
        return GuardedCatalog.class.equals(catalogClass);
    }
}
