package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.policyserver.RangerPluginFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ranger.audit.provider.AuditProviderFactory;
import org.junit.jupiter.api.Test;

/** Every decision, allowed or denied, is one event in Ranger's audit log, through Ranger's own audit pipeline. */
class AuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneAuditEventPerDecision() {
        assertThat(sqlAs("auditee", "SELECT name FROM sales.customers").collectAsList())
                .hasSize(2);
        assertThatThrownBy(
                        () -> sqlAs("auditee", "SELECT id FROM sales.customers").collectAsList())
                .isInstanceOf(AccessControlException.class);

        List<JsonNode> events = auditEventsOf("auditee", 2);

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

    /**
     * Ranger's audit pipeline is asynchronous and offers no completion signal, so this watches the audit file
     * until the events arrive, flushing the pipeline on each look, or a deadline passes.
     */
    private static List<JsonNode> auditEventsOf(String user, int expected) {
        Path log = RangerPluginFiles.auditDir().resolve("ranger_audit.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<JsonNode> events = List.of();
        while (events.size() < expected && System.nanoTime() < deadline) {
            AuditProviderFactory.getInstance().getAuditProvider().waitToComplete();
            AuditProviderFactory.getInstance().getAuditProvider().flush();
            events = read(log).stream()
                    .filter(event -> user.equals(event.path("reqUser").asText()))
                    .toList();
        }
        return events;
    }

    private static List<JsonNode> read(Path log) {
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            return Files.readAllLines(log).stream().map(AuditTest::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
