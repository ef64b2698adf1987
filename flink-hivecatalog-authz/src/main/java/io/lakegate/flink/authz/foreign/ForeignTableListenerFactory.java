package io.lakegate.flink.authz.foreign;

import io.lakegate.flink.authz.identity.SessionUser;
import io.lakegate.flink.authz.kafka.TopicAccess;
import io.lakegate.flink.authz.privilege.Guard;
import io.lakegate.flink.authz.ranger.FlinkRangerPlugin;
import io.lakegate.flink.authz.storage.Connectors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.catalog.listener.CatalogModificationListener;
import org.apache.flink.table.catalog.listener.CatalogModificationListenerFactory;

/**
 * Catalog modification listener {@value #IDENTIFIER} ({@code table.catalog-modification.listeners: lakegate}): tables
 * defined where no guarded catalog governs them (every temporary table, and permanent ones in other catalogs) may
 * not read governed data. See {@link ForeignTableListener} for what is allowed.
 */
public final class ForeignTableListenerFactory implements CatalogModificationListenerFactory {
    public static final String IDENTIFIER = "lakegate";

    public static final ConfigOption<List<String>> FOREIGN_CONNECTORS = ConfigOptions.key("lakegate.foreign-connectors")
            .stringType()
            .asList()
            .defaultValues()
            .withDescription(
                    "Connectors, besides " + Connectors.WITHOUT_STORAGE + " and filesystem (its path needs read and"
                            + " write on the url), that a table outside a guarded catalog may use: only those that read no"
                            + " data Ranger governs. Read from the configuration the session started with, not from SET.");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public CatalogModificationListener createListener(Context context) {
        ReadableConfig configuration = context.getConfiguration();
        ReadableConfig root = configuration instanceof TableConfig table ? table.getRootConfiguration() : configuration;
        Set<String> allowed = new LinkedHashSet<>(Connectors.WITHOUT_STORAGE);
        root.get(FOREIGN_CONNECTORS).stream()
                .map(String::strip)
                .filter(connector -> !connector.isEmpty())
                .forEach(allowed::add);
        String user = SessionUser.of(configuration);
        return new ForeignTableListener(
                allowed,
                () -> new Guard(FlinkRangerPlugin.authorizer(), user),
                () -> new TopicAccess(FlinkRangerPlugin.kafkaAuthorizer(), user),
                user);
    }
}
