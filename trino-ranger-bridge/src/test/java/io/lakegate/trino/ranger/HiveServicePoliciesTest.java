package io.lakegate.trino.ranger;

import static io.lakegate.trino.ranger.Fixture.ADMIN;
import static io.lakegate.trino.ranger.Fixture.ALICE;
import static io.lakegate.trino.ranger.Fixture.BOB;
import static io.lakegate.trino.ranger.Fixture.CAROL;
import static io.lakegate.trino.ranger.Fixture.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.Session;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Hive service's policies as Trino users meet them: what each user reads (rows, masked values), what they see
 * listed, what they may write and create, and the denial each gets otherwise, with its user, privilege and resource.
 */
class HiveServicePoliciesTest {
    private static final TrinoWithRanger TRINO = TrinoWithRanger.get();

    @Test
    void analystsReadOnlyTheRowsTheirFilterLetsThrough() {
        assertThat(values(ALICE, "SELECT DISTINCT region FROM orders")).containsExactly("EU");
        assertThat(values(ALICE, "SELECT count(*) FROM orders")).containsExactly(4L);
        assertThat(values(BOB, "SELECT count(*) FROM orders")).containsExactly(10L);
    }

    @Test
    void masksHashEmailsAndKeepTheLastFourCharactersOfPhones() {
        List<MaterializedRow> rows = TRINO.run(
                        ALICE, "SELECT email, phone FROM customers WHERE customer_id IN (1, 4) ORDER BY customer_id")
                .getMaterializedRows();

        assertThat(rows.get(0).getField(0)).isEqualTo(sha256("anna.schmidt@example.de"));
        assertThat(rows.get(0).getField(1)).isEqualTo("+xx xx xxxx 5678");
        // Four characters or fewer: MASK_SHOW_LAST_4 shows them all, as Hive's mask_show_last_n does.
        assertThat(rows.get(1).getField(1)).isEqualTo("1234");
        assertThat(values(BOB, "SELECT email FROM customers WHERE customer_id = 1"))
                .containsExactly("anna.schmidt@example.de");
    }

    @Test
    void aMaskedColumnTellsNothingThroughPredicatesJoinsOrAggregates() {
        assertThat(values(ALICE, "SELECT count(*) FROM customers WHERE email = 'anna.schmidt@example.de'"))
                .containsExactly(0L);
        assertThat(values(ALICE, "SELECT count(*) FROM customers WHERE email LIKE 'anna%'"))
                .containsExactly(0L);
        assertThat(
                        values(
                                ALICE,
                                "SELECT count(*) FROM customers c JOIN (VALUES 'anna.schmidt@example.de') v(e) ON c.email = v.e"))
                .containsExactly(0L);
        assertThat(values(ALICE, "SELECT max(length(email)) FROM customers")).containsExactly(64L);
        assertThat(values(ALICE, "SELECT min(phone) FROM customers WHERE customer_id = 2"))
                .containsExactly("+xx x xx xx x7 89");
    }

    @Test
    void aUserWithoutPrivilegesIsDeniedWithUserPrivilegeAndResource() {
        assertThatThrownBy(() -> TRINO.run(MALLORY, "SELECT order_id, amount FROM orders"))
                .hasMessage("Access Denied: Cannot select from columns [amount, order_id] in table or view"
                        + " lake.sales.orders: Permission denied: user [mallory] does not have [select] privilege on"
                        + " [sales/orders/amount,order_id]");
        assertThatThrownBy(() -> TRINO.run(MALLORY, "SELECT count(*) FROM orders"))
                .hasMessage("Access Denied: Cannot select from table lake.sales.orders:"
                        + " Permission denied: user [mallory] does not have [select] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(CAROL, "SELECT * FROM sales.orders"))
                .hasMessageStartingWith("Access Denied: Cannot select from columns")
                .hasMessageContaining("user [carol] does not have [select] privilege on [sales/orders/");
        assertThat(values(CAROL, "SELECT salary FROM hr.salaries WHERE employee = 'bob'"))
                .containsExactly(92000L);
    }

    @Test
    void aCatalogNoRangerServiceGovernsIsDeniedToEveryone() {
        // Trino asks canAccessCatalog, a yes or no, and words the denial itself.
        assertThatThrownBy(() -> TRINO.run(ADMIN, "SELECT count(*) FROM tpch.tiny.nation"))
                .hasMessage("Access Denied: Cannot access catalog tpch");
        assertThatThrownBy(() -> TRINO.run(ADMIN, "SHOW SCHEMAS FROM tpch"))
                .hasMessageContaining("Access Denied: Cannot access catalog tpch");
        assertThat(values(ALICE, "SHOW CATALOGS")).containsExactlyInAnyOrder("hive", "iceberg", "lake", "system");
    }

    @Test
    void listingsShowOnlyWhatTheUserHoldsSomePrivilegeOn() {
        assertThat(values(ALICE, "SHOW SCHEMAS FROM lake"))
                .containsExactlyInAnyOrder("sales", "scratch", "information_schema");
        assertThat(values(CAROL, "SHOW SCHEMAS FROM lake")).containsExactlyInAnyOrder("hr", "information_schema");
        assertThat(values(ALICE, "SHOW TABLES FROM hr")).isEmpty();
        assertThat(values(ALICE, "SELECT DISTINCT table_schema FROM information_schema.tables"))
                .containsExactlyInAnyOrder("sales", "information_schema");
        assertThat(values(ALICE, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'hr'"))
                .containsExactly(0L);
        assertThat(values(ALICE, "SELECT DISTINCT table_schem FROM system.jdbc.tables WHERE table_cat = 'lake'"))
                .containsExactlyInAnyOrder("sales", "information_schema");
        assertThat(values(MALLORY, "SHOW SCHEMAS FROM lake")).containsExactly("information_schema");
        assertThatThrownBy(() -> TRINO.run(ALICE, "SHOW COLUMNS FROM hr.salaries"))
                .hasMessageContaining("user [alice] does not have [_any] privilege on [hr/salaries]");
    }

    @Test
    void writesNeedUpdateAndDdlTheMatchingPrivilege() {
        assertThatThrownBy(() -> TRINO.run(ALICE, "INSERT INTO orders VALUES (11, 1, 'EU', 1.00)"))
                .hasMessageContaining("Access Denied: Cannot insert into table lake.sales.orders")
                .hasMessageContaining("user [alice] does not have [update] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(ALICE, "DROP TABLE orders"))
                .hasMessageContaining("user [alice] does not have [drop] privilege on [sales/orders]");
        assertThatThrownBy(() -> TRINO.run(BOB, "CREATE TABLE scratch.t (x bigint)"))
                .hasMessageContaining("user [bob] does not have [create] privilege on [scratch/t]");

        TRINO.run(BOB, "CREATE TABLE analytics.regions AS SELECT DISTINCT region FROM sales.orders");
        TRINO.run(BOB, "INSERT INTO analytics.regions VALUES ('MEA')");
        assertThat(values(ADMIN, "SELECT count(*) FROM analytics.regions")).containsExactly(5L);
        TRINO.run(BOB, "DROP TABLE analytics.regions");
        assertThat(values(ADMIN, "SHOW TABLES FROM analytics")).doesNotContain("regions");
    }

    private static List<Object> values(Session session, String sql) {
        MaterializedResult result = TRINO.run(session, sql);
        return result.getMaterializedRows().stream().map(row -> row.getField(0)).toList();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
