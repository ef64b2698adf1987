package io.lakegate.trino.lineage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.lineage.testing.LineageReceiver;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code etc/event-listener.properties} as Trino hands it to the factory: a property that cannot work stops Trino's
 * startup with the property's name and what it takes.
 */
class ConfigurationTest {
    private static final LineageReceiver RECEIVER = LineageReceiver.start();

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    @Test
    void theTransportTypeIsRequired() {
        assertRefused(p -> p.remove("openlineage.transport.type"), "openlineage.transport.type", "is required");
        assertRefused(
                p -> p.put("openlineage.transport.type", "carrier-pigeon"), "openlineage.transport.type", "pigeon");
    }

    @Test
    void httpNeedsAUrl() {
        assertRefused(
                p -> p.remove("openlineage.transport.url"),
                "openlineage.transport.url is required for openlineage.transport.type=http");
        assertRefused(
                p -> p.put("openlineage.transport.url", "ftp://receiver"),
                "openlineage.transport.url must be http:// or https://");
        assertRefused(p -> p.put("openlineage.transport.endpoint", "api/v1/lineage"), "must start with /");
    }

    @Test
    void theCoordinatorsAddressIsRequired() {
        assertRefused(p -> p.remove("openlineage.trino.uri"), "openlineage.trino.uri", "is required");
        assertRefused(p -> p.put("openlineage.trino.uri", "trino:8080"), "openlineage.trino.uri must be http://");
    }

    @Test
    void aJobNameFormatWithAnUnknownPlaceholderIsRefused() {
        assertRefused(p -> p.put("openlineage.job.name-format", "$QUERYID"), "openlineage.job.name-format");
        assertRefused(p -> p.put("openlineage.job.name-format", " "), "openlineage.job.name-format");
    }

    @Test
    void catalogNamespacesNeedMetastoreUris() {
        assertRefused(
                p -> p.put("openlineage.dataset.catalog-namespaces", "hive=http://metastore:9083"),
                "Invalid openlineage.dataset.catalog-namespaces: catalog hive: Not a metastore URI");
        assertRefused(
                p -> p.put("openlineage.dataset.catalog-namespaces", "thrift://metastore:9083"),
                "is not catalog=thrift://host:port");
        assertRefused(
                p -> p.put("openlineage.dataset.catalog-namespaces", "hive=thrift://a:9083,HIVE=thrift://b:9083"),
                "catalog hive is listed twice");
    }

    @Test
    void anInvalidExcludePatternIsRefused() {
        assertRefused(p -> p.put("openlineage.dataset.exclude", "hive\\.(scratch"), "openlineage.dataset.exclude");
    }

    @Test
    void fileAndKafkaNeedTheirTargets() {
        assertRefused(
                p -> p.put("openlineage.transport.type", "file"),
                "openlineage.transport.file is required for openlineage.transport.type=file");
        assertRefused(
                p -> p.put("openlineage.transport.type", "kafka"),
                "openlineage.transport.kafka.topic and openlineage.transport.kafka.bootstrap-servers are required");
    }

    @Test
    void queueAndRetrySettingsAreBounded() {
        assertRefused(p -> p.put("openlineage.queue.capacity", "0"), "openlineage.queue.capacity");
        assertRefused(p -> p.put("openlineage.retry.max-attempts", "0"), "openlineage.retry.max-attempts");
        assertRefused(
                p -> {
                    p.put("openlineage.retry.initial-backoff", "10s");
                    p.put("openlineage.retry.max-backoff", "1s");
                },
                "openlineage.retry.max-backoff must not be shorter");
        assertRefused(p -> p.put("openlineage.queue.drop-policy", "DROP_ALL"), "openlineage.queue.drop-policy");
        assertRefused(p -> p.put("openlineage.include-query-types", "SELECT,COPY"), "openlineage.include-query-types");
    }

    @Test
    void anUnknownPropertyIsRefused() {
        assertRefused(p -> p.put("openlineage.transport.ur1", "http://x"), "openlineage.transport.ur1", "was not used");
    }

    private static void assertRefused(Consumer<Map<String, String>> change, String... fragments) {
        Map<String, String> properties = TrinoWithLineage.properties(RECEIVER);
        change.accept(properties);
        var refusal = assertThatThrownBy(() -> TrinoWithLineage.listener(properties));
        for (String fragment : fragments) {
            refusal.hasStackTraceContaining(fragment);
        }
    }
}
