package io.lakegate.trino.lineage;

import io.trino.spi.Plugin;
import io.trino.spi.eventlistener.EventListenerFactory;
import java.util.List;

/** Lakegate's OpenLineage event listener for Trino: {@code event-listener.name=lakegate-openlineage}. */
public final class LakegateLineagePlugin implements Plugin {
    @Override
    public Iterable<EventListenerFactory> getEventListenerFactories() {
        return List.of(new LineageListenerFactory());
    }
}
