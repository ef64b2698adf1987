package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partition's value is a value of the rows it holds, those a row filter removes included: sales.visits is
 * partitioned by day, and ivan's row filter shows him the visits of 2024 only, so the partitions are not his to see.
 */
class PartitionsTest {
    @BeforeAll
    static void createVisits() {
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS sales.visits (id INT, dt STRING) USING parquet PARTITIONED BY (dt)");
        sqlAs(ADMIN, "INSERT OVERWRITE sales.visits VALUES (1, '2023-06-01'), (2, '2024-06-01')");
    }

    @AfterAll
    static void dropVisits() {
        sqlAs(ADMIN, "DROP TABLE IF EXISTS sales.visits");
    }

    @Test
    void aFilteredUserSeesNoPartitions() {
        assertThat(sqlAs("alice", "SHOW PARTITIONS sales.visits").collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("dt=2023-06-01", "dt=2024-06-01");
        assertThat(sqlAs("ivan", "SELECT id FROM sales.visits").collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(2);
        for (String statement : List.of(
                "SHOW PARTITIONS sales.visits",
                "SHOW PARTITIONS sales.visits PARTITION (dt = '2023-06-01')",
                "DESCRIBE EXTENDED sales.visits PARTITION (dt = '2023-06-01')",
                "DESCRIBE sales.visits PARTITION (dt = '2024-06-01')")) {
            assertThatThrownBy(() -> sqlAs("ivan", statement).collectAsList())
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [ivan] may not see the partitions of [sales/visits]: Ranger"
                            + " filters or masks what the user sees of it, and its partitions' values show what they"
                            + " hide");
        }
        assertThat(sqlAs("ivan", "DESCRIBE sales.visits").collectAsList())
                .extracting(Row::toString)
                .contains("[id,int,null]", "[dt,string,null]");
    }
}
