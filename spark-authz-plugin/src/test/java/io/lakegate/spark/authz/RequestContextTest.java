package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
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
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a Ranger request carries besides the user, as Ranger's Hive plugin hands it over: the client's address
 * (Kyuubi's {@code kyuubi.client.ipAddress}, which its engine puts in the session's conf), the statement's text in
 * audit, and the table's owner, which policies granting to {@code {OWNER}} match (the owned database's).
 */
class RequestContextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void resetSession() {
        SparkWithRanger.spark().conf().unset("kyuubi.client.ipAddress");
        sqlAs(ADMIN, "DROP TABLE IF EXISTS owned.mine");
    }

    @Test
    void theClientAddressAndTheStatementReachRangersAudit() {
        SparkWithRanger.spark().conf().set("kyuubi.client.ipAddress", "10.1.2.3");
        String marker = UUID.randomUUID().toString();
        String statement = "SELECT name FROM sales.customers WHERE name <> '" + marker + "'";
        sqlAs("auditee", statement).collectAsList();
        assertThatThrownBy(() -> sqlAs("auditee", statement.replace("name FROM", "id FROM"))
                        .collectAsList())
                .isInstanceOf(AccessControlException.class);

        List<JsonNode> events = RangerAuditLog.eventsMatching(line -> line.contains(marker), 2).stream()
                .map(RequestContextTest::parse)
                .toList();

        assertThat(events).hasSize(2);
        assertThat(events)
                .allSatisfy(event -> assertThat(event.get("cliIP").asText()).isEqualTo("10.1.2.3"));
        assertThat(events.get(0).get("reqData").asText()).isEqualTo(statement);
        assertThat(events.get(1).get("result").asInt()).isZero();
    }

    @Test
    void policiesForTheOwnerMatchTheTablesOwner() throws IOException {
        // Spark records the Hadoop user that creates a table as its owner.
        String owner = UserGroupInformation.getCurrentUser().getShortUserName();
        sqlAs(ADMIN, "CREATE TABLE owned.mine (id INT) USING parquet");
        sqlAs(ADMIN, "INSERT INTO owned.mine VALUES (1)");
        assertThat(sqlAs(owner, "SELECT id FROM owned.mine").collectAsList()).hasSize(1);
        sqlAs(owner, "INSERT INTO owned.mine VALUES (2)");
        assertThat(sqlAs(ADMIN, "SELECT count(*) FROM owned.mine").first().getLong(0))
                .isEqualTo(2);
        assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM owned.mine").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [owned/mine/id]");
        assertThatThrownBy(() -> sqlAs("bob", "DROP TABLE owned.mine"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [owned/mine]");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
