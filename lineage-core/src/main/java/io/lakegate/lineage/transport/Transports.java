package io.lakegate.lineage.transport;

import static java.util.Objects.requireNonNull;

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
import java.util.Map;
import java.util.Optional;
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
        // In a class of its own: a host without Kafka's client (Flink's jar leaves it out) still loads this one.
        return KafkaTransports.acknowledged(topic, properties, timeout);
    }
}
