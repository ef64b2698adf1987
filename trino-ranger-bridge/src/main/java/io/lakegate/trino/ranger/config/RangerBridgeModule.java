package io.lakegate.trino.ranger.config;

import static io.airlift.configuration.ConfigBinder.configBinder;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lakegate.ranger.GroupLookup;
import io.lakegate.ranger.InvalidRangerConfigException;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerAuthorizerConfig;
import io.lakegate.trino.ranger.access.CatalogService;
import io.lakegate.trino.ranger.access.CatalogServices;
import io.lakegate.trino.ranger.access.LakegateRangerAccessControl;
import io.lakegate.trino.ranger.access.PolicyModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Binds the properties and starts the Ranger plugin of each configured service once, when Trino loads the control. */
public final class RangerBridgeModule implements Module {
    // Ranger's name for a plugin in Trino: audit events say which engine asked.
    private static final String APP_ID = "trino";

    @Override
    public void configure(Binder binder) {
        configBinder(binder).bindConfig(RangerBridgeConfig.class);
        binder.bind(LakegateRangerAccessControl.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    static CatalogServices catalogServices(RangerBridgeConfig config) {
        Optional<CatalogService> hive = Optional.empty();
        if (!config.getHiveCatalogs().isEmpty()) {
            hive = Optional.of(start(
                    PolicyModel.HIVE,
                    RangerBridgeConfig.HIVE_CONFIG_FILES,
                    config.getHiveConfigFiles(),
                    config.getHiveCatalogs(),
                    Set.of()));
        }
        Optional<CatalogService> trino = Optional.empty();
        if (!config.getTrinoConfigFiles().isEmpty()) {
            try {
                trino = Optional.of(start(
                        PolicyModel.TRINO,
                        RangerBridgeConfig.TRINO_CONFIG_FILES,
                        config.getTrinoConfigFiles(),
                        config.getTrinoCatalogs(),
                        config.getHiveCatalogs()));
            } catch (RuntimeException e) {
                hive.ifPresent(CatalogService::close);
                throw e;
            }
        }
        return new CatalogServices(hive, trino);
    }

    private static CatalogService start(
            PolicyModel model, String filesProperty, List<Path> files, Set<String> catalogs, Set<String> excluded) {
        RangerAuthorizer authorizer;
        try {
            // Trino hands the user's groups over with the user (its group provider): no lookup of ours.
            authorizer = RangerAuthorizer.start(
                    new RangerAuthorizerConfig(model.pluginType(), APP_ID, files, GroupLookup.NONE));
        } catch (InvalidRangerConfigException e) {
            throw new InvalidRangerConfigException("Invalid Ranger files of " + filesProperty + ": " + e.getMessage());
        }
        return new CatalogService(model, authorizer, catalogs, excluded);
    }
}
