package io.lakegate.flink.authz;

import static io.lakegate.flink.authz.FlinkWithRanger.ADMIN;
import static io.lakegate.flink.authz.FlinkWithRanger.batch;
import static io.lakegate.flink.authz.FlinkWithRanger.execute;
import static io.lakegate.flink.authz.FlinkWithRanger.rows;
import static io.lakegate.flink.authz.FlinkWithRanger.streaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard in a real Flink table environment over a real Hive metastore, as users would meet it. */
class GuardTest {
    private static final String DENIED = AccessControlException.class.getName() + ": Permission denied: ";

    @Test
    void aStreamingReadIsFilteredAndMaskedAsABatchOne() {
        String sql = "SELECT id, customer FROM sales.orders";
        List<List<String>> expected = List.of(List.of("1", "xxx xxxxlace"), List.of("3", "Cleo"));
        assertThat(rows(batch("alice"), sql + " ORDER BY id")).isEqualTo(expected);
        assertThat(rows(streaming("alice"), sql)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theUsersOwnPredicateSeesTheMaskedValue() {
        assertThat(rows(batch("alice"), "SELECT count(*) FROM sales.orders WHERE customer = 'Ada Lovelace'"))
                .isEqualTo(List.of(List.of("0")));
    }

    @Test
    void aWriterWithoutSelectCanInsertButNotRead() {
        execute(batch("writer"), "INSERT INTO sales.audit_log VALUES (7, 'written by writer')");
        assertThat(rows(batch(ADMIN), "SELECT note FROM sales.audit_log WHERE id = 7"))
                .isEqualTo(List.of(List.of("written by writer")));
        assertThatThrownBy(() -> rows(batch("writer"), "SELECT note FROM sales.audit_log"))
                .hasStackTraceContaining(
                        DENIED + "user [writer] does not have [select] privilege on" + " [sales/audit_log/note]");
    }

    @Test
    void aReaderCannotWrite() {
        assertThatThrownBy(() -> execute(batch("reader"), "INSERT INTO sales.orders VALUES (9, 'EU', 'x', 1.00)"))
                .hasStackTraceContaining(DENIED + "user [reader] does not have [update] privilege on [sales/orders]");
        assertThat(rows(batch(ADMIN), "SELECT count(*) FROM sales.orders")).isEqualTo(List.of(List.of("3")));
    }

    @Test
    void aColumnOutsideTheGrantIsDeniedAndTheGrantedOnesRead() {
        assertThat(rows(batch("bob"), "SELECT id, region FROM sales.orders WHERE id = 2"))
                .isEqualTo(List.of(List.of("2", "NA")));
        assertThatThrownBy(() -> rows(batch("bob"), "SELECT customer FROM sales.orders"))
                .hasStackTraceContaining(
                        DENIED + "user [bob] does not have [select] privilege on" + " [sales/orders/customer]");
    }

    @Test
    void listingsShowOnlyWhatTheUserHoldsSomePrivilegeOn() {
        assertThat(rows(batch("bob"), "SHOW TABLES IN sales")).isEqualTo(List.of(List.of("orders")));
        assertThat(rows(batch("nobody"), "SHOW TABLES IN sales")).isEmpty();
    }

    @Test
    void ddlNeedsTheMatchingPrivilege() {
        assertThatThrownBy(() -> execute(batch("alice"), "CREATE TABLE sales.mine (a INT) WITH ('connector' = 'hive')"))
                .hasStackTraceContaining(DENIED + "user [alice] does not have [create] privilege on [sales/mine]");
        execute(batch("owner"), "CREATE TABLE sales.owned (a INT) WITH ('connector' = 'hive')");
        execute(batch("owner"), "DROP TABLE sales.owned");
        assertThatThrownBy(() -> execute(batch("alice"), "DROP TABLE sales.orders"))
                .hasStackTraceContaining(DENIED + "user [alice] does not have [drop] privilege on [sales/orders]");
        assertThat(rows(batch(ADMIN), "SELECT count(*) FROM sales.orders")).isEqualTo(List.of(List.of("3")));
    }

    @Test
    void hintsCannotChangeWhatATableReads() {
        assertThatThrownBy(() -> rows(
                        batch("hacker"),
                        "SELECT * FROM sales.orders /*+ OPTIONS('connector' = 'filesystem', 'path' = '/tmp') */"))
                .hasStackTraceContaining(DENIED + "user [hacker] may not change the options [connector, path]");
    }

    @Test
    void aTemporaryTableCannotShadowAGovernedOne() {
        assertThatThrownBy(() -> execute(
                        batch("hacker"),
                        "CREATE TEMPORARY TABLE sales.orders (id BIGINT, region STRING, customer STRING,"
                                + " amount DECIMAL(10, 2)) WITH ('connector' = 'datagen')"))
                .hasStackTraceContaining(DENIED + "user [hacker] may not create a temporary table or view");
        assertThat(rows(batch("hacker"), "SELECT id, customer FROM sales.orders ORDER BY id"))
                .isEqualTo(List.of(List.of("1", "Xxx Xxxxxxxx"), List.of("3", "Xxxx")));
    }

    @Test
    void aPartitionedTableReadsInBatchWithoutSelectOnItsPartitionColumn() {
        execute(
                batch(ADMIN),
                "CREATE TABLE sales.daily (id BIGINT, d STRING) PARTITIONED BY (d) WITH ('connector' = 'hive')");
        try {
            execute(batch(ADMIN), "INSERT INTO sales.daily VALUES (1, '2026-12-01'), (2, '2026-12-02')");
            assertThat(rows(batch("bob"), "SELECT id FROM sales.daily ORDER BY id"))
                    .isEqualTo(List.of(List.of("1"), List.of("2")));
            assertThatThrownBy(() -> rows(batch("bob"), "SHOW PARTITIONS sales.daily"))
                    .hasStackTraceContaining(DENIED + "user [bob] does not have [select] privilege on [sales/daily/d]");
            assertThatThrownBy(() -> rows(batch("bob"), "SELECT id FROM sales.daily WHERE d = '2026-12-01'"))
                    .hasStackTraceContaining(DENIED + "user [bob] does not have [select] privilege on [sales/daily/d]");
        } finally {
            execute(batch(ADMIN), "DROP TABLE sales.daily");
        }
    }
}
