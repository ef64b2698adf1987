package io.lakegate.flink.authz;

import static io.lakegate.flink.authz.FlinkWithRanger.ADMIN;
import static io.lakegate.flink.authz.FlinkWithRanger.CATALOG;
import static io.lakegate.flink.authz.FlinkWithRanger.batch;
import static io.lakegate.flink.authz.FlinkWithRanger.configured;
import static io.lakegate.flink.authz.FlinkWithRanger.execute;
import static io.lakegate.flink.authz.FlinkWithRanger.rows;
import static io.lakegate.flink.authz.FlinkWithRanger.streaming;
import static io.lakegate.flink.authz.FlinkWithRanger.unguarded;

import io.lakegate.flink.lineage.job.LineageJobListener;
import io.lakegate.lineage.testing.LineageReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.TableEnvironment;

/**
 * What the guard costs a Flink SQL statement, on the real metastore and policy server of the tests: (1) planning a
 * query through to Flink's execution plan (where the guard plans its row filter and mask query), by Flink's own
 * HiveCatalog, by the guard for a user without policies on the table's rows, and by the guard for a user with a
 * row filter and a mask; (2) the throughput of a streaming-mode read of a 1,000,000-row Hive table into a blackhole
 * sink, for the same three. Run with {@code mvn -B -pl flink-hivecatalog-authz -am -Pbench -DskipTests verify};
 * figures go to stdout and {@code flink-hivecatalog-authz/target/bench/results.md}.
 */
public final class GuardBenchmark {
    private static final int ROWS = 1_000_000;
    private static final String QUERY = "SELECT id, region, customer FROM bench.events WHERE id > 10";
    private static final String SINK = "bench.sink";

    private GuardBenchmark() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int scans = Math.max(3, rounds / 10);
        TableEnvironment admin = batch(ADMIN);
        execute(admin, "CREATE DATABASE bench");
        execute(
                admin,
                "CREATE TABLE bench.events (id BIGINT, region STRING, customer STRING, amount DOUBLE) WITH"
                        + " ('connector' = 'hive')");
        execute(
                admin,
                "CREATE TABLE bench.generated (id BIGINT, r INT, customer STRING,"
                        + " amount DOUBLE) WITH ('connector' = 'datagen', 'number-of-rows' = '" + ROWS + "',"
                        + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '" + ROWS + "',"
                        + " 'fields.r.min' = '0', 'fields.r.max' = '2', 'fields.customer.length' = '12')");
        execute(
                admin,
                "INSERT INTO bench.events SELECT id, CASE r WHEN 0 THEN 'EU' WHEN 1 THEN 'NA' ELSE 'APAC' END,"
                        + " customer, amount FROM bench.generated");
        execute(
                admin,
                "CREATE TABLE " + SINK + " (id BIGINT, region STRING, customer STRING) WITH ('connector' ="
                        + " 'blackhole')");

        LineageReceiver receiver = LineageReceiver.start();
        List<Variant> variants = List.of(
                new Variant("Flink's HiveCatalog, no guard", () -> unguarded(false)),
                new Variant("guard, user without row filter or mask", () -> streaming(ADMIN)),
                new Variant("guard, user with a row filter and a mask", () -> streaming("analyst")),
                new Variant("guard and lineage (HTTP to a local receiver), no row filter or mask", () -> {
                    TableEnvironment lineage = configured(
                            ADMIN,
                            false,
                            Map.of(
                                    "execution.job-listeners",
                                    LineageJobListener.class.getName(),
                                    "openlineage.transport.type",
                                    "http",
                                    "openlineage.transport.url",
                                    receiver.url().toString(),
                                    "openlineage.transport.endpoint",
                                    LineageReceiver.ENDPOINT));
                    lineage.useCatalog(CATALOG);
                    return lineage;
                }));
        StringBuilder report = new StringBuilder();
        report.append("| ")
                .append(String.join(
                        " | ",
                        "read by",
                        "planning p50 (ms)",
                        "planning p90 (ms)",
                        "rows out",
                        "scan p50 (s)",
                        "read rows/s (p50)"))
                .append(" |\n|---|---|---|---|---|---|\n");
        for (Variant variant : variants) {
            TableEnvironment environment = variant.environment().get();
            // Streaming mode: the count arrives as a changelog, the last row holds the total.
            List<List<String>> counts = rows(environment, "SELECT count(*) FROM (" + QUERY + ")");
            String rowsOut = counts.get(counts.size() - 1).get(0);
            for (int i = 0; i < 20; i++) {
                plan(environment);
            }
            double[] planning = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                plan(environment);
                planning[i] = (System.nanoTime() - start) / 1e6;
            }
            scan(environment);
            double[] seconds = new double[scans];
            for (int i = 0; i < scans; i++) {
                long start = System.nanoTime();
                scan(environment);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            double scanP50 = percentile(seconds, 50);
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %s | %.2f | %,.0f |%n",
                    variant.name(),
                    percentile(planning, 50),
                    percentile(planning, 90),
                    rowsOut,
                    scanP50,
                    ROWS / scanP50));
        }
        // The lineage variant ran a count, a warm-up scan and the scans: a START and a COMPLETE each, sent later.
        int events =
                receiver.awaitCount(2 * (scans + 2), Duration.ofSeconds(60)).size();
        receiver.close();
        String results = "Planning: `" + QUERY + "` explained to Flink's JSON execution plan (" + rounds
                + " rounds after 20 warm-up). Scan: `INSERT INTO` a blackhole sink of that query, streaming mode, "
                + ROWS + " rows in a Hive text table, parallelism 1 (" + scans + " rounds after 1 warm-up).\n\n"
                + report + "\nThe lineage variant's receiver took " + events + " events (a START and a COMPLETE per"
                + " job).\n";
        System.out.println(results);
        Path out = Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(out.resolve("results.md"), results);
        System.exit(0);
    }

    private static void plan(TableEnvironment environment) {
        environment.sqlQuery(QUERY).explain(ExplainDetail.JSON_EXECUTION_PLAN);
    }

    private static void scan(TableEnvironment environment) {
        execute(environment, "INSERT INTO " + SINK + " " + QUERY);
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    private record Variant(String name, Supplier<TableEnvironment> environment) {}
}
