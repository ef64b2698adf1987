package io.lakegate.trino.lineage;

import static java.util.Objects.requireNonNull;

import io.airlift.bootstrap.Bootstrap;
import io.lakegate.lineage.emit.AdapterVersion;
import io.lakegate.trino.lineage.config.LineageModule;
import io.lakegate.trino.lineage.listener.LineageListener;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;
import java.util.Map;

/**
 * Builds the listener from {@code etc/event-listener.properties}, as Trino's own plugins do: airlift binds and
 * validates the properties, and an unknown or invalid one stops Trino's startup with its name.
 */
public final class LineageListenerFactory implements EventListenerFactory {
    public static final String NAME = "lakegate-openlineage";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public EventListener create(Map<String, String> config, EventListenerContext context) {
        requireNonNull(config, "config is null");
        requireNonNull(context, "context is null");
        return new Bootstrap(
                        "io.lakegate.trino.lineage",
                        new LineageModule(context.getVersion(), AdapterVersion.of(LineageListenerFactory.class)))
                .doNotInitializeLogging()
                .setRequiredConfigurationProperties(config)
                .initialize()
                .getInstance(LineageListener.class);
    }
}
