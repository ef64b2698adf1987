package io.lakegate.trino.ranger;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import io.airlift.bootstrap.Bootstrap;
import io.lakegate.trino.ranger.access.LakegateRangerAccessControl;
import io.lakegate.trino.ranger.config.RangerBridgeModule;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import java.util.Map;

/**
 * Builds the access control from {@code etc/access-control.properties}, as Trino's own plugins do: airlift binds and
 * validates the properties, and an unknown or invalid one stops Trino's startup with its name.
 */
public final class LakegateRangerAccessControlFactory implements SystemAccessControlFactory {
    public static final String NAME = "lakegate-ranger";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public SystemAccessControl create(Map<String, String> config, SystemAccessControlContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        Injector injector = new Bootstrap("io.lakegate.trino.ranger", new RangerBridgeModule())
                .doNotInitializeLogging()
                .setRequiredConfigurationProperties(config)
                .initialize();
        return injector.getInstance(LakegateRangerAccessControl.class);
    }
}
