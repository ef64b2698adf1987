package io.lakegate.sandbox.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sandbox's clickstream: the seed's {@code ClickStream} events ({@code {"user_id": ..., "url": ...}} in JSON, the
 * click's time as the record's timestamp) into one topic. At the start, one click per second of the last
 * {@value #HISTORY_MINUTES} whole minutes, so that a windowed count has closed windows to show at once; then one click
 * a second, live. Customers (users 1 to 40) browse the shop; staff (users 1001 to 1003) also open {@value #STAFF_URL},
 * which the sandbox's row filter keeps from analysts.
 */
final class ClickGenerator implements AutoCloseable {
    static final int HISTORY_MINUTES = 10;
    static final String STAFF_URL = "/admin";
    private static final List<String> SHOP_URLS = List.of("/home", "/products", "/cart", "/checkout");

    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService live;
    private final String topic;
    // The same history at every start: the tour's first windows do not depend on the day.
    private final Random random = new Random(42);

    private ClickGenerator(KafkaProducer<String, String> producer, ScheduledExecutorService live, String topic) {
        this.producer = producer;
        this.live = live;
        this.topic = topic;
    }

    /** Creates {@code topic}, writes the history, and starts the live clicks; returns once the history is written. */
    static ClickGenerator start(String bootstrapServers, String topic, Clock clock)
            throws ExecutionException, InterruptedException {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(clock, "clock is null");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20),
                new StringSerializer(),
                new StringSerializer());
        ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "clickstream");
            thread.setDaemon(true);
            return thread;
        });
        ClickGenerator generator = new ClickGenerator(producer, live, topic);
        try {
            Instant now = clock.instant();
            Instant first = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(HISTORY_MINUTES));
            List<Future<RecordMetadata>> history = new ArrayList<>();
            for (Instant click = first; click.isBefore(now); click = click.plusSeconds(1)) {
                history.add(generator.send(click));
            }
            producer.flush();
            // Every click of the history is written, or the start fails saying why.
            for (Future<RecordMetadata> sent : history) {
                sent.get();
            }
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            generator.close();
            throw e;
        }
        live.scheduleAtFixedRate(
                () -> {
                    // One lost click must not end the stream: a throw here would cancel the schedule.
                    try {
                        generator.send(clock.instant());
                    } catch (RuntimeException e) {
                        System.err.println("clickstream: a click was not sent: " + e);
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        return generator;
    }

    private synchronized Future<RecordMetadata> send(Instant at) {
        long user;
        String url;
        if (random.nextInt(10) == 0) {
            user = 1001 + random.nextInt(3);
            url = random.nextBoolean() ? STAFF_URL : SHOP_URLS.get(random.nextInt(SHOP_URLS.size()));
        } else {
            user = 1 + random.nextInt(40);
            url = SHOP_URLS.get(random.nextInt(SHOP_URLS.size()));
        }
        return producer.send(
                new ProducerRecord<>(
                        topic, null, at.toEpochMilli(), null, "{\"user_id\":" + user + ",\"url\":\"" + url + "\"}"),
                (metadata, error) -> {
                    if (error != null) {
                        System.err.println("clickstream: a click was not written: " + error);
                    }
                });
    }

    @Override
    public void close() {
        live.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }
}
