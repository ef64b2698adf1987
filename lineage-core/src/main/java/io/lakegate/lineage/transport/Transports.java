package io.lakegate.lineage.transport;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineage.DatasetEvent;
import io.openlineage.client.OpenLineage.JobEvent;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.ConsoleTransport;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.KafkaConfig;
import io.openlineage.client.transports.KafkaTransport;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

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
        CloseableHttpClient client = HttpClients.custom()
                .disableAutomaticRetries()
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
     * Publishes each event to a Kafka topic, keyed as OpenLineage's Kafka transport keys it (by the run's job, so a
     * job's events stay in order on one partition), and waits up to {@code timeout} for the broker's acknowledgement,
     * so that a broker that does not take it is a failed send; {@code properties} are the producer's ({@code
     * bootstrap.servers}, security, ...).
     */
    public static Transport kafka(String topic, Map<String, String> properties, Duration timeout) {
        requireNonNull(topic, "topic is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(timeout, "timeout is null");
        Properties producer = new Properties();
        producer.putAll(properties);
        producer.putIfAbsent("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        producer.putIfAbsent("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        producer.putIfAbsent("max.block.ms", String.valueOf(timeout.toMillis()));
        return new Acknowledged(new KafkaTransport(new KafkaConfig(topic, null, producer)), timeout);
    }

    // OpenLineage's Kafka transport only waits for the broker when given a timeout.
    private static final class Acknowledged extends Transport {
        private final Transport delegate;
        private final Duration timeout;

        Acknowledged(Transport delegate, Duration timeout) {
            this.delegate = delegate;
            this.timeout = timeout;
        }

        @Override
        public void emit(RunEvent event) {
            delegate.emit(event, timeout);
        }

        @Override
        public void emit(DatasetEvent event) {
            delegate.emit(event);
        }

        @Override
        public void emit(JobEvent event) {
            delegate.emit(event);
        }

        @Override
        public void close() throws IOException {
            try {
                delegate.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
