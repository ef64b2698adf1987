package io.lakegate.sandbox.tour;

import static java.util.Objects.requireNonNull;

import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.flink.FlinkGatewayService;
import io.lakegate.sandbox.flink.FlinkSqlClient;
import io.lakegate.sandbox.kafka.KafkaService;
import io.lakegate.sandbox.routing.RoutedOverlay;
import io.lakegate.sandbox.service.SandboxContext;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed's use case 2 through Flink SQL: its streaming query over the Kafka ClickStream, as two users whose
 * policies differ, and a user the topic's own policies refuse.
 */
public final class FlinkTour {
    private static final String STAFF_URL = "/admin";

    private final SandboxContext context;
    private final FlinkSqlClient flink;

    public FlinkTour(SandboxContext context, FlinkSqlClient flink) {
        this.context = requireNonNull(context, "context is null");
        this.flink = requireNonNull(flink, "flink is null");
    }

    // The seed's query, verbatim but for one hint: the scan ends at the topic's current end, so that the job ends
    // with every window counted; the seed's table reads from the latest offset on, forever.
    static String seedQuery() {
        return """
                SELECT
                    TUMBLE_START(event_timestamp, INTERVAL '1' MINUTE) as window_start,
                    url,
                    COUNT(*) as clicks
                FROM
                    %s.ClickStream /*+ OPTIONS('scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset') */
                GROUP BY
                    TUMBLE(event_timestamp, INTERVAL '1' MINUTE),
                    url"""
                .formatted(FlinkGatewayService.STREAMS);
    }

    public void run(PrintStream out) throws Exception {
        out.println();
        out.println("== Flink SQL (the seed's use case 2), through " + context.flinkUrl() + " (catalog "
                + RoutedOverlay.FLINK_CATALOG + ") ==");
        out.println();
        out.println("F1. The seed's ClickStream: Kafka topic " + KafkaService.TOPIC + " (a click a second) as table "
                + FlinkGatewayService.STREAMS + ".ClickStream of the guarded catalog; analysts see customers'"
                + " clicks only (row filter user_id < 1000), and Ranger's Kafka service ("
                + FlinkGatewayService.KAFKA_SERVICE + ") says who may consume the topic");
        out.println("   " + seedQuery().replace("\n", "\n   "));

        List<List<String>> alice =
                windows(out, "F2. alice (analysts) runs it: her filter drops staff's clicks", "alice");
        List<List<String>> bob = windows(out, "F3. bob (engineers) runs it: every click", "bob");
        boolean aliceSeesStaff = alice.stream().anyMatch(row -> row.get(1).equals(STAFF_URL));
        boolean bobSeesStaff = bob.stream().anyMatch(row -> row.get(1).equals(STAFF_URL));
        if (aliceSeesStaff || !bobSeesStaff) {
            throw new IllegalStateException("the Flink row filter did not apply: alice's windows "
                    + (aliceSeesStaff ? "count" : "do not count") + " " + STAFF_URL + ", bob's "
                    + (bobSeesStaff ? "count" : "do not count") + " it");
        }
        out.println("   -> " + STAFF_URL + " in bob's windows, never in alice's: " + clicks(alice) + " clicks for"
                + " alice, " + clicks(bob) + " for bob");

        out.println();
        out.println("F4. carol (auditors) may read " + FlinkGatewayService.STREAMS + " by the Hive service's policies,"
                + " not consume the topic by the Kafka service's");
        DemoAccount carol = context.directory().account("carol");
        try (FlinkSqlClient.Session session = flink.open(carol.user(), carol.password())) {
            session.execute(seedQuery());
            throw new IllegalStateException("carol read the topic: the Kafka service's policies did not apply");
        } catch (FlinkSqlClient.StatementFailed denied) {
            if (!denied.getMessage().contains("[consume] privilege on [" + KafkaService.TOPIC + "]")) {
                throw new IllegalStateException(
                        "carol's query failed, but not for the Kafka service's policies: " + denied.getMessage(),
                        denied);
            }
            out.println("   -> " + denied.getMessage());
        }
        out.println();
        String job =
                "INSERT INTO " + FlinkGatewayService.STREAMS + ".page_views SELECT user_id, url, event_timestamp FROM "
                        + FlinkGatewayService.STREAMS + ".ClickStream";
        out.println("F5. bob starts a streaming job: every click, as it comes, into topic "
                + FlinkGatewayService.PAGE_VIEWS_TOPIC + " (table " + FlinkGatewayService.STREAMS
                + ".page_views); it runs until the sandbox stops");
        out.println("   " + job);
        DemoAccount engineer = context.directory().account("bob");
        try (FlinkSqlClient.Session session = flink.open(engineer.user(), engineer.password())) {
            List<List<String>> submitted = session.execute(job).rows();
            out.println("   -> job "
                    + (submitted.isEmpty() ? "?" : submitted.get(0).get(0)) + " submitted; the"
                    + " lineage hub (" + context.lineageHubUrl() + ") draws " + KafkaService.TOPIC + " -> the job -> "
                    + FlinkGatewayService.PAGE_VIEWS_TOPIC + ", reported by Lakegate's Flink listener");
        } catch (FlinkSqlClient.StatementFailed refused) {
            // A data directory from before the policies that let engineers write page_views.
            out.println("   -> " + refused.getMessage() + " (this data directory's policies predate the step:"
                    + " lakegate sandbox --reset adds them)");
        }
        out.println();
        out.println("Try it: curl -u alice:alice-pw -X POST -H 'Content-Type: application/json' -d '{}' "
                + context.flinkUrl() + "/v2/sessions, then POST {\"statement\": \"...\"} to"
                + " /v2/sessions/<session>/statements (Flink's SQL gateway REST API)");
    }

    // The query's rows, the first window's printed, every window's returned.
    private List<List<String>> windows(PrintStream out, String title, String user) throws Exception {
        DemoAccount account = context.directory().account(user);
        List<List<String>> rows;
        try (FlinkSqlClient.Session session = flink.open(account.user(), account.password())) {
            rows = new ArrayList<>(session.execute(seedQuery()).rows());
        }
        rows.sort(Comparator.<List<String>, String>comparing(row -> row.get(0)).thenComparing(row -> row.get(1)));
        out.println();
        out.println(title);
        if (rows.isEmpty()) {
            throw new IllegalStateException(user + "'s query counted no clicks: the generator wrote none");
        }
        String first = rows.get(0).get(0);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("window_start", "url", "clicks"));
        rows.stream().filter(row -> row.get(0).equals(first)).forEach(table::add);
        out.print(Tables.format(table, "   "));
        long windows = rows.stream().map(row -> row.get(0)).distinct().count();
        out.println("   (the first of " + windows + " windows)");
        return rows;
    }

    private static long clicks(List<List<String>> rows) {
        return rows.stream().mapToLong(row -> Long.parseLong(row.get(2))).sum();
    }
}
