package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In an engine shared by several users, data cached by one user must never answer another user's query: not
 * around a privilege check, a row filter or a mask.
 */
class CachedDataTest {
    @BeforeEach
    void adminCachesTheTable() {
        sqlAs(SparkWithRanger.ADMIN, "CACHE TABLE sales.orders");
        assertThat(SparkWithRanger.spark().catalog().isCached("sales.orders")).isTrue();
    }

    @AfterEach
    void uncache() {
        sqlAs(SparkWithRanger.ADMIN, "UNCACHE TABLE IF EXISTS sales.orders");
    }

    @Test
    void privilegesAreCheckedForAnotherUserDespiteTheCache() {
        assertThatThrownBy(() -> sqlAs("bob", "SELECT ssn FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
    }

    @Test
    void rowFiltersAndMasksApplyForAnotherUserDespiteTheCache() {
        List<Row> rows =
                sqlAs("ivan", "SELECT id, region FROM sales.orders ORDER BY id").collectAsList();

        assertThat(rows).extracting(row -> row.getInt(0)).containsExactly(2, 3);
        assertThat(rows).allSatisfy(row -> assertThat(row.isNullAt(1)).isTrue());
    }

    @Test
    void theCachingUserReadsFromTheCache() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, SparkWithRanger.ADMIN);

        String plan = spark.sql("SELECT id FROM sales.orders")
                .queryExecution()
                .optimizedPlan()
                .toString();

        assertThat(plan).contains("InMemoryRelation");
        assertThat(sqlAs(SparkWithRanger.ADMIN, "SELECT count(*) FROM sales.orders")
                        .first()
                        .getLong(0))
                .isEqualTo(3);
    }
}
