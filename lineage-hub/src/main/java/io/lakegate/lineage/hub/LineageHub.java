package io.lakegate.lineage.hub;

import static java.util.Objects.requireNonNull;

import io.lakegate.lineage.hub.api.HttpApi;
import io.lakegate.lineage.hub.graph.Changes;
import io.lakegate.lineage.hub.graph.LineageGraph;
import io.lakegate.lineage.hub.ingest.Ingestor;
import io.lakegate.lineage.hub.store.LineageStore;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running lineage hub: the store opened (and migrated), the graph loaded from it, the writer and the HTTP API
 * started. {@link #close()} stops taking requests, stores every event already accepted, and closes the store.
 */
public final class LineageHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineageHub.class);

    private final HubConfig config;
    private final LineageStore store;
    private final Ingestor ingestor;
    private final HttpApi api;

    private LineageHub(HubConfig config, LineageStore store, Ingestor ingestor, HttpApi api) {
        this.config = config;
        this.store = store;
        this.ingestor = ingestor;
        this.api = api;
    }

    public static LineageHub start(HubConfig config) {
        requireNonNull(config, "config is null");
        long started = System.nanoTime();
        LineageStore store = LineageStore.open(config);
        try {
            LineageGraph graph = new LineageGraph();
            Changes stored = store.loadGraph();
            graph.apply(stored);
            Ingestor ingestor = new Ingestor(store, graph, config.ingestQueueCapacity());
            HttpApi api;
            try {
                api = HttpApi.start(
                        config.host(), config.port(), ingestor, store, graph, config.apiKey(), config.maxEventBytes());
            } catch (RuntimeException e) {
                ingestor.close();
                throw e;
            }
            LineageHub hub = new LineageHub(config, store, ingestor, api);
            LOG.info(
                    "event=started url={} store={} datasets={} jobs={} api_key={} startup_ms={}",
                    hub.baseUri(),
                    config.databaseUrl().isPresent() ? "jdbc" : "embedded:" + config.dataDir(),
                    stored.datasets().size(),
                    stored.jobs().size(),
                    config.apiKey().isPresent() ? "required" : "none",
                    (System.nanoTime() - started) / 1_000_000);
            return hub;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** {@code http://host:port/}: the page; Marquez's API is under {@code api/v1/}. */
    public URI baseUri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + api.port() + "/");
    }

    @Override
    public void close() {
        api.close();
        ingestor.close();
        store.close();
        LOG.info("event=stopped url={}", baseUri());
    }
}
