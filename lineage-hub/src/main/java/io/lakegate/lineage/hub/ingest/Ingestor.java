package io.lakegate.lineage.hub.ingest;

import static java.util.Objects.requireNonNull;

import io.lakegate.lineage.hub.event.LineageEvent;
import io.lakegate.lineage.hub.graph.Changes;
import io.lakegate.lineage.hub.graph.GraphUpdate;
import io.lakegate.lineage.hub.graph.LineageGraph;
import io.lakegate.lineage.hub.graph.Run;
import io.lakegate.lineage.hub.store.LineageStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer: events wait in a bounded queue, and a single thread stores them a batch per transaction (group
 * commit), so a sender is answered only once its event is durable, and many senders cost one commit. A batch the
 * database refuses is retried event by event, so one bad event fails alone.
 */
public final class Ingestor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    private static final int MAX_BATCH = 1000;
    private static final int RECENT_RUNS = 2_000;
    /** Bytes of received events waiting for the writer; beyond it senders get 503, so memory stays bounded. */
    private static final long MAX_PENDING_BYTES = 256L * 1024 * 1024;

    private final LineageStore store;
    private final LineageGraph graph;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final Map<UUID, Run> recentRuns = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Run> eldest) {
            return size() > RECENT_RUNS;
        }
    };
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile boolean accepting = true;

    public Ingestor(LineageStore store, LineageGraph graph, int queueCapacity) {
        this.store = requireNonNull(store, "store is null");
        this.graph = requireNonNull(graph, "graph is null");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::writeLoop, "lineage-hub-writer");
        writer.setDaemon(false);
        writer.start();
    }

    /** Queues an event; the future completes once it is stored (or found stored), or fails with why not. */
    public CompletableFuture<IngestResult> submit(LineageEvent event) throws OverloadedException {
        requireNonNull(event, "event is null");
        if (!accepting) {
            throw new OverloadedException("The hub is shutting down");
        }
        if (!writer.isAlive()) {
            throw new OverloadedException("The hub's writer has stopped; see its log");
        }
        long size = event.json().length();
        if (pendingBytes.addAndGet(size) > MAX_PENDING_BYTES) {
            pendingBytes.addAndGet(-size);
            throw new OverloadedException("The ingest queue holds " + MAX_PENDING_BYTES / (1024 * 1024)
                    + " MiB of events waiting; send again shortly");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            pendingBytes.addAndGet(-size);
            throw new OverloadedException("The ingest queue is full (" + queue.size() + " events waiting)");
        }
        pending.done().whenComplete((result, failure) -> pendingBytes.addAndGet(-size));
        return pending.done();
    }

    /** The writer runs: what the health check reports. */
    public boolean isWriting() {
        return writer.isAlive();
    }

    /** Stops taking events, stores every queued one, and waits for the writer. */
    @Override
    public void close() {
        accepting = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // An event offered while the writer stopped: its sender is told, nothing is silently dropped.
        List<Pending> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(pending -> pending.done().completeExceptionally(new IllegalStateException("The hub stopped")));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending first;
            try {
                // Not interrupted to stop: an interrupt would close the embedded database's file channel.
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (!accepting) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                store(batch);
            } catch (RuntimeException | Error e) {
                // Even an OutOfMemoryError fails only this batch: the writer must go on, or every later event hangs.
                if (batch.size() == 1) {
                    fail(batch.get(0), e);
                } else {
                    LOG.warn(
                            "event=batch_failed events={} error=\"{}\" action=retry_one_by_one",
                            batch.size(),
                            e.getMessage());
                    for (Pending pending : batch) {
                        try {
                            store(List.of(pending));
                        } catch (RuntimeException | Error single) {
                            fail(pending, single);
                        }
                    }
                }
            }
            batch.clear();
        }
    }

    private void store(List<Pending> batch) {
        Set<String> stored = store.storedKeys(
                batch.stream().map(pending -> pending.event().key()).toList());
        GraphUpdate update = new GraphUpdate(graph, this::storedRun);
        List<Pending> added = new ArrayList<>(batch.size());
        List<Pending> duplicates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Pending pending : batch) {
            String key = pending.event().key();
            if (stored.contains(key) || !seen.add(key)) {
                duplicates.add(pending);
            } else {
                update.add(pending.event());
                added.add(pending);
            }
        }
        if (!added.isEmpty()) {
            Changes changes = update.changes();
            store.write(changes, graph);
            graph.apply(changes);
            changes.runs().forEach(run -> recentRuns.put(run.id(), run));
        }
        added.forEach(pending -> pending.done().complete(IngestResult.STORED));
        duplicates.forEach(pending -> pending.done().complete(IngestResult.DUPLICATE));
    }

    private Optional<Run> storedRun(UUID runId) {
        Run recent = recentRuns.get(runId);
        return recent != null ? Optional.of(recent) : store.run(runId);
    }

    private static void fail(Pending pending, Throwable e) {
        LOG.error("event=store_failed key={} error=\"{}\"", pending.event().key(), e.getMessage(), e);
        pending.done().completeExceptionally(e);
    }

    private record Pending(LineageEvent event, CompletableFuture<IngestResult> done) {}
}
