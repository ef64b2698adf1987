package io.lakegate.trino.lineage;

import static io.lakegate.trino.lineage.TrinoWithLineage.OUTAGE_CAPACITY;
import static io.lakegate.trino.lineage.TrinoWithLineage.WAIT;
import static io.lakegate.trino.lineage.TrinoWithLineage.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.lineage.testing.LineageReceiver;
import io.trino.Session;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that hangs or refuses: Trino's queries go on, answered as always; the listener's queue stays at its
 * capacity and counts what it drops (read over JMX, as an operator reads it); the other listener is untouched; and
 * once the receiver answers again, events flow again.
 */
class ReceiverOutageTest {
    private static final TrinoWithLineage TRINO = TrinoWithLineage.get();
    private static final Session ADMIN = session("admin");

    private final LineageReceiver outage = TRINO.outageReceiver();

    @AfterEach
    void heal() {
        outage.answer(201);
        outage.release();
    }

    /** Waits until the outage listener has sent everything queued before: its counters are then this test's. */
    @BeforeEach
    void drain() {
        String marker = "SELECT count(*) FROM hive.sales.orders WHERE 'drain' = 'drain' AND order_id > "
                + System.nanoTime() % 1_000_000;
        TRINO.run(ADMIN, marker);
        outage.await(event -> isComplete(event, marker), WAIT);
    }

    @Test
    void aHangingReceiverNeitherStopsQueriesNorGrowsTheQueue() throws JMException {
        ObjectName emitter = outageEmitter();
        long droppedBefore = counter(emitter, "Dropped");
        long failedBefore = counter(emitter, "Failed");
        long offeredBefore = counter(emitter, "Submitted") + droppedBefore;
        long sentBefore = counter(emitter, "Sent");
        outage.hang();
        for (int i = 0; i < 40; i++) {
            String sql = "SELECT count(*) FROM hive.sales.orders WHERE order_id <= " + i + " AND 'hang' = 'hang'";
            assertThat(TRINO.run(ADMIN, sql).getOnlyValue()).isEqualTo((long) Math.min(i, 10));
            assertThat((int) attribute(emitter, "QueueDepth")).isLessThanOrEqualTo(OUTAGE_CAPACITY);
        }
        // 80 events (a START and a COMPLETE each), each either queued or dropped at once (Trino reports a query's
        // completion after answering its client: wait until it reported the last one).
        awaitAtLeast(() -> counter(emitter, "Submitted") + counter(emitter, "Dropped"), offeredBefore + 80);
        assertThat(counter(emitter, "Submitted") + counter(emitter, "Dropped")).isEqualTo(offeredBefore + 80);
        // What the sender took is given up (its attempts timed out), or the one in its hands; the rest waits in the
        // queue, never more than its capacity, or was dropped: however slow this machine, the queue did not grow.
        long failed = counter(emitter, "Failed") - failedBefore;
        int queued = (int) attribute(emitter, "QueueDepth");
        assertThat(queued).isLessThanOrEqualTo(OUTAGE_CAPACITY);
        assertThat(counter(emitter, "Dropped") - droppedBefore)
                .isPositive()
                .isGreaterThanOrEqualTo(80 - failed - queued - 2);
        // Nothing got through (the drain marker's last event may be counted once its answer arrived).
        assertThat(counter(emitter, "Sent")).isBetween(sentBefore, sentBefore + 1);
        // The healthy listener has every one of them.
        TRINO.event("COMPLETE", "SELECT count(*) FROM hive.sales.orders WHERE order_id <= 39 AND 'hang' = 'hang'");

        outage.release();
        String after = "SELECT count(*) FROM hive.sales.orders WHERE 'after hang' = 'after hang'";
        TRINO.run(ADMIN, after);
        outage.await(event -> isComplete(event, after), WAIT);
    }

    @Test
    void aReceiverAnsweringErrorsCountsGivenUpEventsAndRecovers() throws JMException {
        ObjectName emitter = outageEmitter();
        long failedBefore = counter(emitter, "Failed");
        outage.answer(500);
        String refused = "SELECT count(*) FROM hive.sales.orders WHERE 'refused' = 'refused'";
        assertThat(TRINO.run(ADMIN, refused).getOnlyValue()).isEqualTo(10L);
        awaitAtLeast(() -> counter(emitter, "Failed"), failedBefore + 2);
        assertThat((String) attribute(emitter, "LastFailure")).contains("500");

        outage.answer(201);
        String after = "SELECT count(*) FROM hive.sales.orders WHERE 'after errors' = 'after errors'";
        TRINO.run(ADMIN, after);
        outage.await(event -> isComplete(event, after), WAIT);
        assertThat(outage.events()).noneMatch(event -> isComplete(event, refused));
    }

    private static boolean isComplete(com.fasterxml.jackson.databind.JsonNode event, String sql) {
        return event.path("eventType").asText().equals("COMPLETE")
                && event.path("job")
                        .path("facets")
                        .path("sql")
                        .path("query")
                        .asText()
                        .equals(sql);
    }

    /** The outage listener's counters: the emitter whose queue holds {@link TrinoWithLineage#OUTAGE_CAPACITY}. */
    private static ObjectName outageEmitter() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(new ObjectName("io.lakegate.lineage:type=LineageEmitter,*"), null)) {
            if ((int) server.getAttribute(name, "QueueCapacity") == OUTAGE_CAPACITY) {
                return name;
            }
        }
        throw new AssertionError("No lineage emitter with a queue of " + OUTAGE_CAPACITY + " is exported over JMX");
    }

    private static Object attribute(ObjectName name, String attribute) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    private static long counter(ObjectName name, String attribute) {
        return (long) attribute(name, attribute);
    }

    private static void awaitAtLeast(LongSupplier value, long minimum) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (value.getAsLong() < minimum) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Reached " + value.getAsLong() + ", not " + minimum + ", within " + WAIT);
            }
            Thread.onSpinWait();
        }
    }
}
