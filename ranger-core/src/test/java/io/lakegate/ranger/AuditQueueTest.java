package io.lakegate.ranger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditQueueTest {
    @Test
    void workIsDoneInOrderOffTheCallersThreadAndFinishedOnClose() {
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        try (AuditQueue queue = new AuditQueue(1_000)) {
            for (int i = 0; i < 500; i++) {
                int event = i;
                queue.submit(() -> done.add(event + "@" + Thread.currentThread().getName()));
            }
        }

        assertThat(done)
                .containsExactlyElementsOf(IntStream.range(0, 500)
                        .mapToObj(event -> event + "@lakegate-ranger-audit")
                        .toList());
    }

    @Test
    void aFullQueueHasTheCallerDoTheWorkRatherThanLoseIt() throws InterruptedException {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        String caller = Thread.currentThread().getName();
        try (AuditQueue queue = new AuditQueue(1)) {
            queue.submit(() -> {
                firstRunning.countDown();
                awaitQuietly(releaseFirst);
                done.add("first@" + Thread.currentThread().getName());
            });
            assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
            queue.submit(() -> done.add("queued@" + Thread.currentThread().getName()));
            queue.submit(() -> done.add("overflow@" + Thread.currentThread().getName()));

            assertThat(done).containsExactly("overflow@" + caller);
            releaseFirst.countDown();
        }

        assertThat(done)
                .containsExactly("overflow@" + caller, "first@lakegate-ranger-audit", "queued@lakegate-ranger-audit");
    }

    @Test
    void workSubmittedAfterCloseIsDoneByTheCaller() {
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        AuditQueue queue = new AuditQueue(10);
        queue.close();

        queue.submit(() -> done.add(Thread.currentThread().getName()));

        assertThat(done).containsExactly(Thread.currentThread().getName());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
