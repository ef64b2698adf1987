package io.lakegate.flink.authz;

import static io.lakegate.flink.authz.FlinkWithRanger.ADMIN;
import static io.lakegate.flink.authz.FlinkWithRanger.execute;
import static io.lakegate.flink.authz.FlinkWithRanger.rows;
import static io.lakegate.flink.authz.FlinkWithRanger.streaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's streaming example (Use Case 2) on a real Kafka broker: the analyst defines the Kafka-backed {@code
 * ClickStream} table in the guarded catalog with the seed's DDL, and runs the seed's tumbling-window count per URL
 * in streaming mode; her policies hide user 3's clicks and hash the URL.
 */
class ClickStreamTest {
    private static final String DENIED = AccessControlException.class.getName() + ": Permission denied: ";

    // The seed's query, verbatim but for one hint: the scan ends at the topic's current end, so that the job (and
    // with it every window) finishes; the seed's table reads from the latest offset on, forever.
    private static final String SEED_QUERY =
            """
            SELECT
                TUMBLE_START(event_timestamp, INTERVAL '1' MINUTE) as window_start,
                url,
                COUNT(*) as clicks
            FROM
                ClickStream /*+ OPTIONS('scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset') */
            GROUP BY
                TUMBLE(event_timestamp, INTERVAL '1' MINUTE),
                url""";

    @BeforeAll
    static void defineAndFillTheTopic() {
        // The seed's DDL, verbatim but for the broker's address.
        execute(
                streaming("ana"),
                """
                CREATE TABLE ClickStream (
                    `user_id` BIGINT,
                    `url` STRING,
                    `event_timestamp` TIMESTAMP(3) METADATA FROM 'timestamp',
                    WATERMARK FOR `event_timestamp` AS `event_timestamp` - INTERVAL '5' SECOND
                ) WITH (
                    'connector' = 'kafka',
                    'topic' = 'clickstream_events',
                    'properties.bootstrap.servers' = '%s',
                    'scan.startup.mode' = 'latest-offset',
                    'format' = 'json'
                )"""
                        .formatted(KafkaBroker.bootstrapServers()));
        execute(
                streaming(ADMIN),
                """
                INSERT INTO ClickStream VALUES
                    (1, '/home', TIMESTAMP '2026-12-01 10:00:05'),
                    (2, '/home', TIMESTAMP '2026-12-01 10:00:20'),
                    (3, '/home', TIMESTAMP '2026-12-01 10:00:30'),
                    (1, '/cart', TIMESTAMP '2026-12-01 10:00:40'),
                    (2, '/home', TIMESTAMP '2026-12-01 10:01:10'),
                    (3, '/cart', TIMESTAMP '2026-12-01 10:01:15')""");
    }

    @Test
    void theAnalystCountsOnlyTheClicksHerFilterShowsPerHashedUrl() {
        assertThat(rows(streaming("ana"), SEED_QUERY))
                .containsExactlyInAnyOrder(
                        List.of("2026-12-01T10:00", sha256("/home"), "2"),
                        List.of("2026-12-01T10:00", sha256("/cart"), "1"),
                        List.of("2026-12-01T10:01", sha256("/home"), "1"));
    }

    @Test
    void anUnfilteredReaderCountsEveryClick() {
        assertThat(rows(streaming(ADMIN), SEED_QUERY))
                .containsExactlyInAnyOrder(
                        List.of("2026-12-01T10:00", "/home", "3"),
                        List.of("2026-12-01T10:00", "/cart", "1"),
                        List.of("2026-12-01T10:01", "/home", "1"),
                        List.of("2026-12-01T10:01", "/cart", "1"));
    }

    @Test
    void aUserWithoutSelectIsDenied() {
        assertThatThrownBy(() -> rows(streaming("eve"), SEED_QUERY.replace("ClickStream", "`default`.ClickStream")))
                .hasStackTraceContaining(
                        DENIED + "user [eve] does not have [select] privilege on [default/ClickStream/");
    }

    @Test
    void theAnalystCannotChangeWhichTopicTheTableReads() {
        assertThatThrownBy(() ->
                        rows(streaming("ana"), "SELECT url FROM ClickStream /*+ OPTIONS('topic' = 'other_events') */"))
                .hasStackTraceContaining(DENIED + "user [ana] may not change the options [topic]");
    }

    @Test
    void aReaderWithoutConsumeOnTheTopicIsDeniedWhateverTheTablesPolicies() {
        assertThatThrownBy(() -> rows(streaming("carol"), SEED_QUERY))
                .hasStackTraceContaining(
                        DENIED + "user [carol] does not have [consume] privilege on [clickstream_events]");
    }

    @Test
    void everyTopicOfATopicListIsDecidedNotOnlyTheFirst() {
        // The connector reads each topic of a ';'-separated list: a consumer of the first is not one of the second.
        execute(
                streaming(ADMIN),
                "CREATE TABLE two_topics (user_id BIGINT, url STRING) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'clickstream_events;hr_events', 'properties.bootstrap.servers' = '"
                        + KafkaBroker.bootstrapServers() + "', 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'json')");
        try {
            assertThatThrownBy(() -> rows(streaming(ADMIN), "SELECT url FROM two_topics"))
                    .hasStackTraceContaining(DENIED + "user [admin] does not have [consume] privilege on [hr_events]");
        } finally {
            execute(streaming(ADMIN), "DROP TABLE two_topics");
        }
    }

    @Test
    void aTablesKafkaClientSettingsCannotLoadClassesOrReadFiles() {
        // A config provider resolves ${provider:path} in the engine's client, as the engine's account: any file.
        assertRefused(
                "'properties.config.providers' = 'd', 'properties.config.providers.d.class' ="
                        + " 'org.apache.kafka.common.config.provider.DirectoryConfigProvider'",
                "with option [properties.config.providers]: the Kafka client setting is not one a table may choose");
        assertRefused(
                "'properties.client.id' = '${d:/etc:hostname}'",
                "with option [properties.client.id]: it holds a config provider's reference");
        assertRefused(
                "'properties.sasl.jaas.config' = 'com.sun.security.auth.module.JndiLoginModule required;'",
                "with option [properties.sasl.jaas.config]: its login module is not one of");
        assertRefused(
                "'properties.interceptor.classes' = 'org.example.Spy'",
                "with option [properties.interceptor.classes]: the Kafka client setting is not one a table may choose");
    }

    private static void assertRefused(String clientOptions, String refusal) {
        execute(
                streaming(ADMIN),
                "CREATE TABLE client_settings (user_id BIGINT, url STRING) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'clickstream_events', 'properties.bootstrap.servers' = '"
                        + KafkaBroker.bootstrapServers() + "', 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'json', " + clientOptions + ")");
        try {
            assertThatThrownBy(() -> rows(streaming(ADMIN), "SELECT url FROM client_settings"))
                    .hasStackTraceContaining(
                            DENIED + "user [admin] may not use table [default.client_settings] " + refusal);
            assertThatThrownBy(() -> execute(streaming(ADMIN), "INSERT INTO client_settings VALUES (1, '/x')"))
                    .hasStackTraceContaining(
                            DENIED + "user [admin] may not use table [default.client_settings] " + refusal);
        } finally {
            execute(streaming(ADMIN), "DROP TABLE client_settings");
        }
        assertThat(count(streaming(ADMIN), "ClickStream")).isEqualTo("6");
    }

    @Test
    void aWriterWithoutPublishOnTheTopicWritesNothing() {
        assertThatThrownBy(() -> execute(
                        streaming("ana"),
                        "INSERT INTO ClickStream VALUES (9, '/evil', TIMESTAMP '2026-12-01 10:02:00')"))
                .hasStackTraceContaining(
                        DENIED + "user [ana] does not have [publish] privilege on [clickstream_events]");
        assertThat(count(streaming(ADMIN), "ClickStream")).isEqualTo("6");
    }

    @Test
    void aTableOverTheTopicOutsideTheCatalogIsRefusedEvenToItsPublisher() {
        assertThatThrownBy(() -> execute(
                        streaming(ADMIN),
                        "CREATE TEMPORARY TABLE default_catalog.default_database.raw_clicks (user_id BIGINT, url STRING)"
                                + " WITH ('connector' = 'kafka', 'topic' = 'clickstream_events',"
                                + " 'properties.bootstrap.servers' = '" + KafkaBroker.bootstrapServers() + "',"
                                + " 'format' = 'json')"))
                .hasStackTraceContaining(DENIED + "user [admin] may not define table"
                        + " [default_catalog.default_database.raw_clicks] outside a guarded catalog");
    }

    // Streaming mode: the count arrives as a changelog, whose last row holds the total.
    private static String count(org.apache.flink.table.api.TableEnvironment environment, String table) {
        List<List<String>> counts = rows(
                environment,
                "SELECT count(*) FROM " + table + " /*+ OPTIONS('scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset') */");
        return counts.get(counts.size() - 1).get(0);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
