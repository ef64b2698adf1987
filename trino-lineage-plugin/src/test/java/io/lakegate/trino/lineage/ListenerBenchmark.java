package io.lakegate.trino.lineage;

import static io.trino.testing.TestingSession.testSessionBuilder;

import io.lakegate.lineage.testing.LineageReceiver;
import io.trino.Session;
import io.trino.plugin.hive.HivePlugin;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.eventlistener.QueryCreatedEvent;
import io.trino.spi.security.Identity;
import io.trino.testing.StandaloneQueryRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the listener costs Trino, and how many events it sends. The events are Trino's own: a real coordinator runs a
 * CTAS with a join and an aggregate, an INSERT and a SELECT with a window function, and a recording listener keeps
 * what Trino handed it. Then (1) the time one {@code queryCreated} or {@code queryCompleted} call of the listener
 * takes on Trino's thread, call by call, with a receiver that answers at once; (2) the same while the receiver hangs
 * (the queue full, every call dropping); (3) events per second the sender gets to a local HTTP receiver, each built
 * (SQL parsed, column lineage, JSON) and posted. Run with {@code mvn -B -pl trino-lineage-plugin -am -Pbench
 * -DskipTests verify}; figures go to stdout and {@code trino-lineage-plugin/target/bench/results.md}.
 */
public final class ListenerBenchmark {
    private ListenerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path work = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());
        List<QueryCreatedEvent> created = new CopyOnWriteArrayList<>();
        List<QueryCompletedEvent> completed = new CopyOnWriteArrayList<>();
        record(work, created, completed);

        StringBuilder results = new StringBuilder("| measurement | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|\n");
        try (LineageReceiver receiver = LineageReceiver.start()) {
            Map<String, String> properties = TrinoWithLineage.properties(receiver);
            properties.put("openlineage.queue.capacity", "1000000");
            EventListener listener = TrinoWithLineage.listener(properties);
            results.append(row(
                    "queryCreated, receiver answering",
                    time(calls, i -> listener.queryCreated(created.get(i % created.size())))));
            results.append(row(
                    "queryCompleted, receiver answering",
                    time(calls, i -> listener.queryCompleted(completed.get(i % completed.size())))));
            listener.shutdown();
        }
        try (LineageReceiver receiver = LineageReceiver.start()) {
            receiver.hang();
            Map<String, String> properties = TrinoWithLineage.properties(receiver);
            properties.put("openlineage.queue.capacity", "1000");
            properties.put("openlineage.shutdown-timeout", "0s");
            EventListener listener = TrinoWithLineage.listener(properties);
            results.append(row(
                    "queryCompleted, receiver hanging (queue full, dropping)",
                    time(calls, i -> listener.queryCompleted(completed.get(i % completed.size())))));
            receiver.release();
            listener.shutdown();
        }

        int events = Math.max(calls / 10, 5_000);
        String throughput;
        try (LineageReceiver receiver = LineageReceiver.start()) {
            Map<String, String> properties = TrinoWithLineage.properties(receiver);
            properties.put("openlineage.queue.capacity", String.valueOf(events));
            EventListener listener = TrinoWithLineage.listener(properties);
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                listener.queryCompleted(completed.get(i % completed.size()));
            }
            receiver.awaitCount(events, Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            throughput = String.format(
                    Locale.ROOT,
                    "%,d COMPLETE events built and posted to a local HTTP receiver in %.2f s: %,.0f events/s%n",
                    events,
                    seconds,
                    events / seconds);
            listener.shutdown();
        }
        results.append('\n').append(throughput);
        String text = "Trino 483, Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; " + calls + " calls each, after warm-up\n\n"
                + results;
        System.out.println(text);
        Files.writeString(work.resolve("results.md"), text);
        System.exit(0);
    }

    private static void record(Path work, List<QueryCreatedEvent> created, List<QueryCompletedEvent> completed)
            throws Exception {
        EventListener recorder = new EventListener() {
            @Override
            public void queryCreated(QueryCreatedEvent event) {
                created.add(event);
            }

            @Override
            public void queryCompleted(QueryCompletedEvent event) {
                completed.add(event);
            }
        };
        Session admin = testSessionBuilder()
                .setIdentity(Identity.ofUser("admin"))
                .setCatalog("hive")
                .setSchema("sales")
                .build();
        try (StandaloneQueryRunner trino =
                new StandaloneQueryRunner(admin, builder -> builder.setEventListeners(List.of(recorder)))) {
            trino.installPlugin(new HivePlugin());
            trino.createCatalog(
                    "hive",
                    "hive",
                    Map.of(
                            "hive.metastore", "file",
                            "hive.metastore.catalog.dir", "local:///metastore",
                            "fs.local.enabled", "true",
                            "local.location",
                                    Files.createTempDirectory(work, "warehouse").toString()));
            trino.execute(admin, "CREATE SCHEMA hive.sales");
            trino.execute(
                    admin,
                    "CREATE TABLE orders (order_id bigint, customer_id bigint, region varchar, amount"
                            + " decimal(10, 2))");
            trino.execute(admin, "CREATE TABLE customers (customer_id bigint, name varchar, country varchar)");
            trino.execute(admin, "INSERT INTO orders VALUES (1, 1, 'EU', 10.00), (2, 2, 'NA', 20.00)");
            trino.execute(admin, "INSERT INTO customers VALUES (1, 'Anna', 'DE'), (2, 'Luc', 'FR')");
            created.clear();
            completed.clear();
            trino.execute(
                    admin,
                    "CREATE TABLE revenue AS SELECT c.country, sum(o.amount) AS revenue FROM orders o JOIN customers"
                            + " c ON o.customer_id = c.customer_id WHERE o.region <> 'X' GROUP BY c.country");
            trino.execute(
                    admin,
                    "INSERT INTO orders SELECT order_id + 10, customer_id, upper(region), amount FROM"
                            + " orders WHERE amount > 5");
            trino.execute(
                    admin,
                    "SELECT region, amount, rank() OVER (PARTITION BY region ORDER BY amount) FROM orders ORDER BY 1");
            // Trino reports a completion after answering: wait for all three.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (completed.size() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (completed.size() < 3) {
                throw new IllegalStateException("Trino reported " + completed.size() + " completed queries of 3");
            }
        }
    }

    private interface Call {
        void run(int i);
    }

    private static long[] time(int calls, Call call) {
        for (int i = 0; i < calls; i++) {
            call.run(i);
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static String row(String name, long[] sorted) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |%n",
                name,
                micros(sorted[sorted.length / 2]),
                micros(sorted[(int) (sorted.length * 0.99)]),
                micros(sorted[(int) (sorted.length * 0.999)]),
                micros(sorted[sorted.length - 1]));
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.2f µs", nanos / 1000.0);
    }
}
