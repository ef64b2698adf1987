package io.lakegate.trino.lineage.listener;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import io.lakegate.lineage.emit.LineageEmitter;
import io.lakegate.trino.lineage.event.CompletedQuery;
import io.lakegate.trino.lineage.event.QueryFilter;
import io.lakegate.trino.lineage.event.RunEvents;
import io.openlineage.client.OpenLineage.RunEvent;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.eventlistener.QueryCreatedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trino's side of the listener: on Trino's threads it only checks the query type and queues the event (no parsing, no
 * JSON, no I/O); everything else happens on the emitter's thread.
 */
public final class LineageListener implements EventListener {
    private static final int REMEMBERED_STARTS = 10_000;

    private final LineageEmitter emitter;
    private final RunEvents events;
    private final QueryFilter filter;

    /**
     * Whether each recent query's START was sent, so that its COMPLETE follows the same decision. Read and written by
     * the emitter's one sender thread only (the suppliers below run there).
     */
    private final Map<String, Boolean> starts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_STARTS;
        }
    };

    @Inject
    public LineageListener(LineageEmitter emitter, RunEvents events, QueryFilter filter) {
        this.emitter = requireNonNull(emitter, "emitter is null");
        this.events = requireNonNull(events, "events is null");
        this.filter = requireNonNull(filter, "filter is null");
    }

    @Override
    public void queryCreated(QueryCreatedEvent created) {
        if (!filter.admits(created.getContext().getQueryType())) {
            return;
        }
        String queryId = created.getMetadata().getQueryId();
        emitter.submit(() -> {
            Optional<RunEvent> start = events.start(created);
            starts.put(queryId, start.isPresent());
            return start;
        });
    }

    @Override
    public void queryCompleted(QueryCompletedEvent completed) {
        if (!filter.admits(completed.getContext().getQueryType())) {
            return;
        }
        CompletedQuery query = CompletedQuery.of(completed);
        emitter.submit(() -> {
            // A START that was sent is followed by its COMPLETE; otherwise what the query really read decides.
            boolean started = Boolean.TRUE.equals(starts.remove(query.queryId()));
            if (!started && events.skips(query)) {
                return Optional.empty();
            }
            return Optional.of(events.complete(query));
        });
    }

    @Override
    public void shutdown() {
        emitter.close();
    }
}
