package io.lakegate.lineage.transport;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineage.DatasetEvent;
import io.openlineage.client.OpenLineage.JobEvent;
import io.openlineage.client.OpenLineage.ParentRunFacet;
import io.openlineage.client.OpenLineage.ParentRunFacetJob;
import io.openlineage.client.OpenLineage.RootJob;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClientException;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.ConsoleTransport;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * OpenLineage's own transports (openlineage-java's), made from typed settings. Each one sends an event per call and
 * throws when the receiver refuses it; the {@link io.lakegate.lineage.emit.LineageEmitter} in front of it does the
 * queueing and retrying, so none of them retries on its own.
 */
public final class Transports {
    private Transports() {}

    /**
     * Marquez's API (and any OpenLineage HTTP receiver): one {@code POST} per event to {@code url + endpoint}; with an
     * API key, the {@code Authorization: Bearer <key>} header Marquez and the lineage hub read. A status other than
     * 2xx, a timeout or a refused connection is a failed send.
     */
    public static Transport http(URI url, String endpoint, Optional<String> apiKey, Duration timeout, boolean gzip) {
        requireNonNull(url, "url is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(timeout, "timeout is null");
        HttpConfig config = new HttpConfig();
        config.setUrl(url);
        config.setEndpoint(endpoint);
        config.setTimeoutInMillis(Math.toIntExact(timeout.toMillis()));
        apiKey.ifPresent(key -> {
            ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
            auth.setApiKey(key);
            config.setAuth(auth);
        });
        if (gzip) {
            config.setCompression(HttpConfig.Compression.GZIP);
        }
        // Apache HttpClient would send a 503 or 429 again by itself: the emitter decides on retries, so it does not.
        Timeout limit = Timeout.ofMilliseconds(timeout.toMillis());
        // Nor does it follow a redirect: the API key would go wherever the receiver points.
        CloseableHttpClient client = HttpClients.custom()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .build();
        return new HttpTransport(client, config);
    }

    /** Appends each event as one line of JSON to {@code path} (created when missing). */
    public static Transport file(Path path) {
        requireNonNull(path, "path is null");
        return new FileTransport(new FileConfig(path.toAbsolutePath().toString()));
    }

    /** Logs each event's JSON (through SLF4J, into the host's log). */
    public static Transport console() {
        return new ConsoleTransport();
    }

    /**
     * Publishes each event to a Kafka topic, keyed as OpenLineage's Kafka transport keys it (by the run's root or parent
     * job, else its own, so a job's events stay in order on one partition), and waits up to {@code timeout} for the
     * broker's acknowledgement, so that a broker that does not take it is a failed send; {@code properties} are the
     * producer's ({@code bootstrap.servers}, security, ...).
     */
    public static Transport kafka(String topic, Map<String, String> properties, Duration timeout) {
        requireNonNull(topic, "topic is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(timeout, "timeout is null");
        Map<String, Object> producer = new HashMap<>(properties);
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        // The producer gives a record up within the send's timeout: once the emitter has counted a send failed and
        // tries it again, the first try is not still delivering (a duplicate, or a START after its COMPLETE).
        producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        return new Acknowledged(
                new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer()), topic, timeout);
    }

    // Not OpenLineage's KafkaTransport: it logs a send the broker refused or never acknowledged and returns as if sent.
    private static final class Acknowledged extends Transport {
        private final KafkaProducer<String, String> producer;
        private final String topic;
        private final Duration timeout;

        Acknowledged(KafkaProducer<String, String> producer, String topic, Duration timeout) {
            this.producer = producer;
            this.topic = topic;
            this.timeout = timeout;
        }

        @Override
        public void emit(RunEvent event) {
            send(key(event), OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void emit(DatasetEvent event) {
            send(
                    "dataset:" + event.getDataset().getNamespace() + "/"
                            + event.getDataset().getName(),
                    OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void emit(JobEvent event) {
            send(
                    "job:" + event.getJob().getNamespace() + "/"
                            + event.getJob().getName(),
                    OpenLineageClientUtils.toJson(event));
        }

        private void send(String key, String json) {
            try {
                producer.send(new ProducerRecord<>(topic, key, json)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new OpenLineageClientException("Kafka did not take the event: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new OpenLineageClientException("Kafka did not acknowledge the event within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenLineageClientException("interrupted while waiting for Kafka", e);
            }
        }

        private static String key(RunEvent event) {
            Optional<ParentRunFacet> parent =
                    Optional.ofNullable(event.getRun().getFacets()).map(facets -> facets.getParent());
            if (parent.map(ParentRunFacet::getRoot).isPresent()) {
                RootJob root = parent.get().getRoot().getJob();
                return "run:" + root.getNamespace() + "/" + root.getName();
            }
            if (parent.isPresent()) {
                ParentRunFacetJob job = parent.get().getJob();
                return "run:" + job.getNamespace() + "/" + job.getName();
            }
            return "run:" + event.getJob().getNamespace() + "/" + event.getJob().getName();
        }

        @Override
        public void close() {
            producer.close(timeout);
        }
    }
}
