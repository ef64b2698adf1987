package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.policyserver.RangerAuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every decision, allowed or denied, is audited through Ranger's own audit pipeline; the columns a statement reads
 * of one table are one event, as Ranger's Hive plugin writes them (the denied columns, when any is denied).
 */
class AuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneAuditEventPerTableRead() {
        // Statements of this test alone, among auditee's.
        String marker = UUID.randomUUID().toString();
        assertThat(sqlAs("auditee", "SELECT name FROM sales.customers WHERE name <> '" + marker + "'")
                        .collectAsList())
                .hasSize(2);
        assertThatThrownBy(() -> sqlAs("auditee", "SELECT id, name FROM sales.customers WHERE name <> '" + marker + "'")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class);

        List<JsonNode> events = RangerAuditLog.eventsMatching(line -> line.contains(marker), 2).stream()
                .map(AuditTest::parse)
                .toList();

        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("resource").asText()).isEqualTo("sales/customers/name");
        assertThat(events.get(0).get("result").asInt()).isEqualTo(1);
        assertThat(events.get(0).get("policy").asLong()).isEqualTo(38);
        assertThat(events.get(1).get("resource").asText()).isEqualTo("sales/customers/id");
        assertThat(events.get(1).get("result").asInt()).isZero();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("access").asText()).isEqualTo("select");
            assertThat(event.get("repo").asText()).isEqualTo(SparkWithRanger.SERVICE);
            assertThat(event.get("agent").asText()).isEqualTo("sparkSql");
        });
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
