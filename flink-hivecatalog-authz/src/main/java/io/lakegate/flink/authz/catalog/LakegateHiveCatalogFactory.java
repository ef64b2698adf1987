package io.lakegate.flink.authz.catalog;

import io.lakegate.flink.authz.identity.SessionUser;
import io.lakegate.flink.authz.privilege.Guard;
import io.lakegate.flink.authz.ranger.FlinkRangerPlugin;
import io.lakegate.flink.authz.storage.Locations;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.hive.HiveCatalog;
import org.apache.flink.table.catalog.hive.factories.HiveCatalogFactory;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.hadoop.conf.Configuration;

/**
 * Catalog type {@value #IDENTIFIER}: a catalog of type {@link #WRAPPED_TYPE} ({@code hive} unless set), every
 * option but that one passed to it unchanged, governed by Ranger's Hive-service policies for the session's user
 * ({@link SessionUser}).
 */
public final class LakegateHiveCatalogFactory implements CatalogFactory {
    public static final String IDENTIFIER = "lakegate-hive";

    public static final ConfigOption<String> WRAPPED_TYPE = ConfigOptions.key("lakegate.wrapped-type")
            .stringType()
            .defaultValue("hive")
            .withDescription("The catalog type this catalog governs: hive, or any other catalog type's identifier.");

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
        return Set.of(WRAPPED_TYPE);
    }

    @Override
    public Catalog createCatalog(Context context) {
        Map<String, String> options = new HashMap<>(context.getOptions());
        String wrapped = options.getOrDefault(WRAPPED_TYPE.key(), WRAPPED_TYPE.defaultValue())
                .strip();
        options.remove(WRAPPED_TYPE.key());
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
        Guard guard = new Guard(FlinkRangerPlugin.authorizer(), SessionUser.of(context.getConfiguration()));
        Configuration hadoopConf = delegate instanceof HiveCatalog hive ? hive.getHiveConf() : new Configuration();
        return new GuardedCatalog(context.getName(), delegate, guard, new Locations(hadoopConf));
    }

    /** Whether catalogs of {@code catalogClass} are governed: what a catalog-modification event names. */
    public static boolean governs(Class<?> catalogClass) {
        return GuardedCatalog.class.equals(catalogClass);
    }
}
