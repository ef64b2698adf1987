package io.lakegate.lineage.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.lineage.emit.DropPolicy;
import io.lakegate.lineage.emit.EmitterSettings;
import io.lakegate.lineage.emit.LineageEmitter;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Transports#kafka} against a real in-process KRaft broker (one for the class) and against no broker. */
class KafkaTransportTest {
    private static final OpenLineage OL = new OpenLineage(URI.create("https://lakegate.io/test"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumControllerNodes(1)
                        .setNumBrokerNodes(1)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build())
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eventsArriveOnTheTopicAsOpenLineageJsonInOrderForEachJob() throws Exception {
        String topic = "lineage-events";
        // Several partitions, so that a job's events staying in order is down to the key, not to a lone partition.
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        UUID orders = UUID.randomUUID();
        UUID customers = UUID.randomUUID();
        try (LineageEmitter emitter = LineageEmitter.start(
                "kafka",
                Transports.kafka(
                        topic, Map.of("bootstrap.servers", cluster.bootstrapServers()), Duration.ofSeconds(10)),
                settings(100, 1))) {
            assertThat(emitter.submit(event("load_orders", orders, EventType.START)))
                    .isTrue();
            assertThat(emitter.submit(event("load_customers", customers, EventType.START)))
                    .isTrue();
            assertThat(emitter.submit(event("load_orders", orders, EventType.RUNNING)))
                    .isTrue();
            assertThat(emitter.submit(event("load_customers", customers, EventType.FAIL)))
                    .isTrue();
            assertThat(emitter.submit(event("load_orders", orders, EventType.COMPLETE)))
                    .isTrue();
            // Each send waited for the broker's acknowledgement before it was counted.
            awaitCounter(() -> emitter.getSent() == 5, () -> counters(emitter));
            assertThat(emitter.getFailed()).isZero();
            assertThat(emitter.getDropped()).isZero();
        }

        List<ConsumerRecord<String, String>> records = consume(topic, 5);
        assertThat(records).hasSize(5);
        List<JsonNode> ordersEvents = new ArrayList<>();
        List<JsonNode> customersEvents = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(event.path("job").path("namespace").asText()).isEqualTo("test");
            assertThat(event.path("producer").asText()).isEqualTo("https://lakegate.io/test");
            assertThat(event.path("eventTime").asText()).isNotEmpty();
            String job = event.path("job").path("name").asText();
            // OpenLineage's key: the run's job, so that one job's events share a partition.
            assertThat(record.key()).isEqualTo("run:test/" + job);
            (job.equals("load_orders") ? ordersEvents : customersEvents).add(event);
        }
        assertThat(ordersEvents)
                .extracting(e -> e.path("eventType").asText())
                .containsExactly("START", "RUNNING", "COMPLETE");
        assertThat(ordersEvents)
                .extracting(e -> e.path("run").path("runId").asText())
                .containsOnly(orders.toString());
        assertThat(customersEvents)
                .extracting(e -> e.path("eventType").asText())
                .containsExactly("START", "FAIL");
        assertThat(customersEvents)
                .extracting(e -> e.path("run").path("runId").asText())
                .containsOnly(customers.toString());
        assertThat(records.stream()
                        .filter(r -> r.key().equals("run:test/load_orders"))
                        .map(ConsumerRecord::partition)
                        .distinct())
                .hasSize(1);
    }

    @Test
    void aBrokerThatIsNotThereFailsTheSendsWithoutBlockingSubmit() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int events = 20;
        try (LineageEmitter emitter = LineageEmitter.start(
                "kafka-down",
                Transports.kafka(
                        "lineage-events",
                        Map.of("bootstrap.servers", "127.0.0.1:" + closedPort),
                        Duration.ofSeconds(1)),
                settings(2, 1))) {
            for (int i = 0; i < events; i++) {
                emitter.submit(event("job-" + i, UUID.randomUUID(), EventType.COMPLETE));
            }
            // Every submit returned at once: the queue (2) filled up behind the send waiting for the broker, and the
            // rest were dropped rather than waited for.
            assertThat(emitter.getSubmitted() + emitter.getDropped()).isEqualTo(events);
            assertThat(emitter.getDropped()).isPositive();
            long accepted = emitter.getSubmitted();
            // Each accepted event was tried once and given up when the broker did not take it within the timeout.
            awaitCounter(() -> emitter.getFailed() == accepted, () -> counters(emitter));
            assertThat(emitter.getSent()).isZero();
            assertThat(emitter.getLastFailure()).isNotEmpty();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        // No consumer group (a one-broker cluster has no replicas for its offsets topic): every partition, from the
        // start.
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "only " + records.size() + " of " + count + " events on " + topic + " within " + WAIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static EmitterSettings settings(int capacity, int attempts) {
        return new EmitterSettings(
                capacity,
                10,
                attempts,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                DropPolicy.DROP_NEWEST,
                Duration.ofSeconds(10));
    }

    private static Supplier<Optional<RunEvent>> event(String job, UUID runId, EventType type) {
        return () -> Optional.of(OL.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now())
                .run(OL.newRun(runId, null))
                .job(OL.newJob("test", job, null))
                .build());
    }

    private static String counters(LineageEmitter emitter) {
        return "submitted " + emitter.getSubmitted() + ", sent " + emitter.getSent() + ", failed " + emitter.getFailed()
                + ", dropped " + emitter.getDropped() + ", last failure '" + emitter.getLastFailure() + "'";
    }

    private static void awaitCounter(BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT + ": " + state.get());
            }
            Thread.onSpinWait();
        }
    }
}
