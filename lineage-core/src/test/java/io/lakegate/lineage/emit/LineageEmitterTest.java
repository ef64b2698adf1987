package io.lakegate.lineage.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.lineage.testing.LineageReceiver;
import io.lakegate.lineage.transport.Transports;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class LineageEmitterTest {
    private static final OpenLineage OL = new OpenLineage(URI.create("https://lakegate.io/test"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void sendsEveryEventInOrderWithTheApiKey() {
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("in-order", http(receiver, "s3cret"), settings(100, 5))) {
            for (int i = 0; i < 20; i++) {
                assertThat(emitter.submit(event("job-" + i))).isTrue();
            }
            List<JsonNode> events = receiver.awaitCount(20, WAIT);
            assertThat(events)
                    .extracting(event -> event.path("job").path("name").asText())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                            .mapToObj(i -> "job-" + i)
                            .toList());
            assertThat(receiver.authorizations()).containsOnly("Bearer s3cret");
            awaitCounter(() -> emitter.getSent() == 20);
            assertThat(emitter.getSubmitted()).isEqualTo(20);
            assertThat(emitter.getDropped()).isZero();
            assertThat(emitter.getFailed()).isZero();
        }
    }

    @Test
    void retriesARefusedEventAndGivesItUpAfterTheLastAttempt() {
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("refused", http(receiver, null), settings(100, 3))) {
            receiver.answer(503);
            emitter.submit(event("refused"));
            // The third and last attempt fails: given up, counted, and the receiver saw all three.
            receiver.answer(503);
            awaitCounter(() -> emitter.getFailed() == 1);
            assertThat(receiver.requests()).isEqualTo(3);
            assertThat(emitter.getRetried()).isEqualTo(2);
            assertThat(emitter.getLastFailure()).contains("503");

            // The receiver is back: the next event goes through.
            receiver.answer(201);
            emitter.submit(event("after"));
            receiver.await(e -> e.path("job").path("name").asText().equals("after"), WAIT);
            assertThat(receiver.events())
                    .extracting(e -> e.path("job").path("name").asText())
                    .containsExactly("after");
            awaitCounter(() -> emitter.getSent() == 1);
        }
    }

    @Test
    void anEventTheReceiverRefusesAsItIsIsGivenUpAtOnce() {
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("too-large", http(receiver, null), settings(100, 5))) {
            // 413 (too large), 400 (invalid): sending it again would only hold up the events behind it.
            receiver.answer(413);
            emitter.submit(event("too-large"));
            awaitCounter(() -> emitter.getFailed() == 1);
            assertThat(receiver.requests()).isEqualTo(1);
            assertThat(emitter.getRetried()).isZero();
            // 429 asks to come back later: retried.
            receiver.answer(429);
            emitter.submit(event("throttled"));
            awaitCounter(() -> emitter.getFailed() == 2);
            assertThat(receiver.requests()).isEqualTo(1 + 5);
        }
    }

    @Test
    void anErrorBuildingOneEventCostsThatEventOnly() {
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("error", http(receiver, null), settings(100, 1))) {
            emitter.submit(() -> {
                throw new StackOverflowError("a statement nested too deep");
            });
            emitter.submit(event("after-error"));
            receiver.await(e -> e.path("job").path("name").asText().equals("after-error"), WAIT);
            assertThat(emitter.getFailed()).isEqualTo(1);
        }
    }

    @Test
    void aReceiverThatAnswersAgainGetsTheEventBeingRetried() {
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("recovers", http(receiver, null), settings(100, 100))) {
            receiver.answer(500);
            emitter.submit(event("kept"));
            awaitCounter(() -> emitter.getRetried() >= 2);
            receiver.answer(201);
            receiver.await(e -> e.path("job").path("name").asText().equals("kept"), WAIT);
            assertThat(emitter.getFailed()).isZero();
            awaitCounter(() -> emitter.getSent() == 1);
        }
    }

    @Test
    void aHangingReceiverNeverBlocksSubmitAndTheQueueStaysBounded() {
        try (LineageReceiver receiver = LineageReceiver.start()) {
            receiver.hang();
            LineageEmitter emitter = LineageEmitter.start("hanging", http(receiver, null), settings(10, 1));
            try {
                int accepted = 0;
                for (int i = 0; i < 1_000; i++) {
                    if (emitter.submit(event("e" + i))) {
                        accepted++;
                    }
                }
                // At most capacity (10) wait, plus the batch the sender took (10): the rest are dropped, not queued.
                assertThat(accepted).isLessThanOrEqualTo(20);
                assertThat(emitter.getQueueDepth()).isLessThanOrEqualTo(10);
                assertThat(emitter.getDropped()).isEqualTo(1_000 - accepted);
                receiver.release();
                receiver.answer(201);
                receiver.awaitCount(accepted, WAIT);
                // The receiver keeps an event before it answers: the emitter counts it once answered.
                int all = accepted;
                awaitCounter(() -> emitter.getSent() == all);
                assertThat(receiver.events()).hasSize(accepted);
            } finally {
                emitter.close();
            }
        }
    }

    @Test
    void aReceiverThatIsDownCountsFailuresAndDrops() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LineageEmitter emitter = LineageEmitter.start(
                "down",
                Transports.http(
                        URI.create("http://127.0.0.1:" + closedPort),
                        LineageReceiver.ENDPOINT,
                        Optional.empty(),
                        Duration.ofSeconds(2),
                        false),
                settings(5, 1))) {
            for (int i = 0; i < 100; i++) {
                emitter.submit(event("e" + i));
            }
            awaitCounter(() -> emitter.getFailed() + emitter.getDropped() == 100);
            assertThat(emitter.getSent()).isZero();
            assertThat(emitter.getLastFailure()).isNotEmpty();
        }
    }

    @Test
    void dropOldestKeepsTheLatestEvents() {
        try (LineageReceiver receiver = LineageReceiver.start()) {
            receiver.hang();
            EmitterSettings settings = new EmitterSettings(
                    3, 1, 1, Duration.ZERO, Duration.ZERO, DropPolicy.DROP_OLDEST, Duration.ofSeconds(10));
            LineageEmitter emitter = LineageEmitter.start("drop-oldest", http(receiver, null), settings);
            try {
                emitter.submit(event("first"));
                awaitCounter(() -> receiver.requests() == 1);
                for (int i = 0; i < 10; i++) {
                    assertThat(emitter.submit(event("e" + i))).isTrue();
                }
                receiver.release();
                List<JsonNode> events = receiver.awaitCount(4, WAIT);
                assertThat(events)
                        .extracting(e -> e.path("job").path("name").asText())
                        .containsExactly("first", "e7", "e8", "e9");
                assertThat(emitter.getDropped()).isEqualTo(7);
            } finally {
                emitter.close();
            }
        }
    }

    @Test
    void closeSendsWhatIsQueuedAndCountsWhatItCannot() {
        try (LineageReceiver receiver = LineageReceiver.start()) {
            LineageEmitter emitter = LineageEmitter.start("close", http(receiver, null), settings(100, 1));
            for (int i = 0; i < 30; i++) {
                emitter.submit(event("e" + i));
            }
            emitter.close();
            assertThat(receiver.events()).hasSize(30);
            assertThat(emitter.submit(event("late"))).isFalse();
            assertThat(emitter.getDropped()).isEqualTo(1);
        }
    }

    @Test
    void anEventThatCannotBeBuiltIsCountedAndTheNextOneSent() {
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("broken", http(receiver, null), settings(100, 1))) {
            emitter.submit(() -> {
                throw new IllegalStateException("a bug");
            });
            emitter.submit(() -> Optional.empty());
            emitter.submit(event("next"));
            receiver.await(e -> e.path("job").path("name").asText().equals("next"), WAIT);
            assertThat(emitter.getFailed()).isEqualTo(1);
            assertThat(emitter.getLastFailure()).contains("a bug");
            awaitCounter(() -> emitter.getSent() == 1);
        }
    }

    @Test
    void countersAreExportedOverJmxUntilClosed() throws Exception {
        ObjectName name;
        try (LineageReceiver receiver = LineageReceiver.start();
                LineageEmitter emitter = LineageEmitter.start("jmx", http(receiver, null), settings(7, 1))) {
            emitter.submit(event("one"));
            receiver.awaitCount(1, WAIT);
            awaitCounter(() -> emitter.getSent() == 1);
            name = emitter.objectName().orElseThrow();
            assertThat(name.toString()).isEqualTo("io.lakegate.lineage:type=LineageEmitter,name=\"jmx\"");
            var server = ManagementFactory.getPlatformMBeanServer();
            assertThat(server.getAttribute(name, "Sent")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "QueueCapacity")).isEqualTo(7);
            assertThat(server.getAttribute(name, "Dropped")).isEqualTo(0L);
            // A second emitter of the same name does not take the first one's counters.
            try (LineageEmitter second = LineageEmitter.start("jmx", http(receiver, null), settings(7, 1))) {
                assertThat(second.objectName().orElseThrow()).isNotEqualTo(name);
            }
        }
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name))
                .isFalse();
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> new EmitterSettings(
                        0, 1, 1, Duration.ZERO, Duration.ZERO, DropPolicy.DROP_NEWEST, Duration.ZERO))
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> new EmitterSettings(
                        1, 1, 1, Duration.ofSeconds(2), Duration.ofSeconds(1), DropPolicy.DROP_NEWEST, Duration.ZERO))
                .hasMessageContaining("backoff");
    }

    private static io.openlineage.client.transports.Transport http(LineageReceiver receiver, String key) {
        return Transports.http(
                receiver.url(), LineageReceiver.ENDPOINT, Optional.ofNullable(key), Duration.ofSeconds(5), true);
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

    private static Supplier<Optional<RunEvent>> event(String job) {
        return () -> Optional.of(OL.newRunEventBuilder()
                .eventType(RunEvent.EventType.COMPLETE)
                .eventTime(ZonedDateTime.now())
                .run(OL.newRun(UUID.randomUUID(), null))
                .job(OL.newJob("test", job, null))
                .build());
    }

    private static void awaitCounter(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT);
            }
            Thread.onSpinWait();
        }
    }
}
