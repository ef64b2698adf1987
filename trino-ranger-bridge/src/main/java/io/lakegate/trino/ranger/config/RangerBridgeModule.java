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
import io.lakegate.trino.ranger.access.HiveService;
import io.lakegate.trino.ranger.access.LakegateRangerAccessControl;

/** Binds the properties and starts the Ranger plugin of the Hive service once, when Trino loads the control. */
public final class RangerBridgeModule implements Module {
    // Ranger's own names for its Hive plugin: an operator reuses HiveServer2's ranger-hive-*.xml as they are.
    private static final String PLUGIN_TYPE = "hive";
    private static final String APP_ID = "trino";

    @Override
    public void configure(Binder binder) {
        configBinder(binder).bindConfig(RangerBridgeConfig.class);
        binder.bind(LakegateRangerAccessControl.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    static HiveService hiveService(RangerBridgeConfig config) {
        RangerAuthorizer authorizer;
        try {
            // Trino hands the user's groups over with the user (its group provider): no lookup of ours.
            authorizer = RangerAuthorizer.start(
                    new RangerAuthorizerConfig(PLUGIN_TYPE, APP_ID, config.getHiveConfigFiles(), GroupLookup.NONE));
        } catch (InvalidRangerConfigException e) {
            throw new InvalidRangerConfigException(
                    "Invalid Ranger files of " + RangerBridgeConfig.HIVE_CONFIG_FILES + ": " + e.getMessage());
        }
        return new HiveService(authorizer, config.getHiveCatalogs());
    }
}
