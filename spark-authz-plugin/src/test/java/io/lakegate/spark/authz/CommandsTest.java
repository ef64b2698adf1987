package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A command runs only if Lakegate knows what it needs, or the operator lets it run
 * ({@code ranger.plugin.spark.lakegate.allowed.commands}, here Spark's DropIndex); every other command is refused,
 * naming its class. Spark's V1 commands, which a session reaches with {@code spark.sql.legacy.useV1Command}, and
 * Iceberg's DDL need their privileges like any other. bob holds {@code all} on the sandbox database only.
 */
class CommandsTest {
    @BeforeAll
    static void createIcebergTable() {
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.versioned USING iceberg AS SELECT * FROM sales.orders");
    }

    @AfterEach
    void resetSession() {
        SparkWithRanger.spark().conf().unset("spark.sql.legacy.useV1Command");
    }

    @Test
    void aCommandLakegateDoesNotKnowIsRefusedNamingItsClass() {
        assertThatThrownBy(() -> sqlAs(ADMIN, "CREATE INDEX orders_id ON sales.orders (id)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [admin] may not run"
                        + " [org.apache.spark.sql.catalyst.plans.logical.CreateIndex]: Lakegate does not know what this"
                        + " command reads or writes, so it refuses it (an operator can let it run with only its reads"
                        + " checked: ranger.plugin.spark.lakegate.allowed.commands)");
        // Writing a source through its V1 provider (JDBC here) is such a command.
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, ADMIN);
        assertThatThrownBy(() -> spark.range(1)
                        .write()
                        .format("jdbc")
                        .option("url", "jdbc:derby:memory:lakegate-written;create=true")
                        .option("dbtable", "written")
                        .save())
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("[org.apache.spark.sql.execution.datasources.SaveIntoDataSourceCommand]");
    }

    @Test
    void aCommandTheOperatorAllowsRunsUnchecked() {
        // Lakegate lets it through; Spark's session catalog then has no index to drop.
        assertThatThrownBy(() -> sqlAs("bob", "DROP INDEX orders_id ON sales.orders"))
                .isInstanceOf(AnalysisException.class)
                .isNotInstanceOf(AccessControlException.class);
    }

    @Test
    void sparksV1CommandsNeedTheirPrivilegesToo() {
        SparkWithRanger.spark().conf().set("spark.sql.legacy.useV1Command", "true");
        assertThatThrownBy(() -> sqlAs("bob", "CREATE DATABASE bobs_v1"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [bobs_v1]");
        assertThatThrownBy(() -> sqlAs("bob", "DROP DATABASE sales CASCADE"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [sales]");
        assertThatThrownBy(() -> sqlAs("carol", "DESCRIBE DATABASE sales"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [carol] does not have [_any] privilege on [sales]");
        assertThat(sqlAs("carol", "SHOW TABLES IN sales").collectAsList())
                .as("only the session's temporary views")
                .allSatisfy(row -> assertThat(row.getBoolean(2)).isTrue());
        assertThat(SparkWithRanger.spark().catalog().databaseExists("bobs_v1")).isFalse();
        assertThat(SparkWithRanger.spark().catalog().databaseExists("sales")).isTrue();
    }

    @Test
    void aDatabaseLocationNeedsReadAndWriteOnIt() {
        String location = SparkWithRanger.warehouse() + "/sales.db";
        for (String statement : List.of(
                "CREATE DATABASE IF NOT EXISTS sandbox LOCATION '" + location + "'",
                "ALTER DATABASE sandbox SET LOCATION '" + location + "'")) {
            assertThatThrownBy(() -> sqlAs("bob", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageEndingWith(
                            "[read] privilege on [" + location + "], [write] privilege on [" + location + "]");
        }
        assertThat(sqlAs(ADMIN, "DESCRIBE DATABASE sandbox").collectAsList())
                .extracting(row -> row.getString(1))
                .noneMatch(value -> value.equals(location));
    }

    @Test
    void icebergDdlNeedsAlterOnTheTable() {
        for (String statement : List.of(
                "ALTER TABLE lake.sales.versioned CREATE BRANCH bobs",
                "ALTER TABLE lake.sales.versioned CREATE TAG bobs",
                "ALTER TABLE lake.sales.versioned DROP BRANCH IF EXISTS main2",
                "ALTER TABLE lake.sales.versioned ADD PARTITION FIELD region",
                "ALTER TABLE lake.sales.versioned WRITE ORDERED BY id",
                "ALTER TABLE lake.sales.versioned SET IDENTIFIER FIELDS id")) {
            assertThatThrownBy(() -> sqlAs("bob", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [alter] privilege on [sales/versioned]");
        }
        assertThat(refs()).doesNotContain("bobs");
        sqlAs(ADMIN, "ALTER TABLE lake.sales.versioned CREATE BRANCH audited");
        assertThat(refs()).contains("audited");
        sqlAs(ADMIN, "ALTER TABLE lake.sales.versioned DROP BRANCH audited");
        assertThat(refs()).doesNotContain("audited");
    }

    @Test
    void aTableOverASourceRangerCannotNameIsRefused() {
        assertThatThrownBy(() -> sqlAs(
                        ADMIN,
                        "CREATE TABLE sandbox.external_rows USING jdbc OPTIONS (url"
                                + " 'jdbc:derby:memory:lakegate-external;create=true', dbtable 'SYS.SYSTABLES')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: [a table of source [jdbc]] has no Ranger resource: Lakegate cannot"
                        + " authorize this source, so it refuses it");
        assertThat(SparkWithRanger.spark().catalog().tableExists("sandbox.external_rows"))
                .isFalse();
    }

    private static List<String> refs() {
        return sqlAs(ADMIN, "SELECT name FROM lake.sales.versioned.refs").collectAsList().stream()
                .map(row -> row.getString(0))
                .toList();
    }
}
