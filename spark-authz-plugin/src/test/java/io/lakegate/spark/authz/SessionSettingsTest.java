package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users may not change what Lakegate's decisions rest on: catalog definitions, Lakegate's startup keys, the client
 * address and signed user Kyuubi hands the session, Hadoop's file-system settings (the operator's default list). A catalog defined or
 * changed in a session anyway (through the conf API) is not authorized, and a table in a catalog's root namespace
 * has no Ranger name.
 */
class SessionSettingsTest {
    private static final String EVIL = "spark.sql.catalog.evil";

    @BeforeAll
    static void createIcebergTable() {
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.customers USING iceberg AS SELECT * FROM sales.customers");
        lakeWarehouse = SparkWithRanger.spark().conf().get("spark.sql.catalog.lake.warehouse");
    }

    @AfterEach
    void resetSession() {
        RuntimeConfig conf = SparkWithRanger.spark().conf();
        for (String key : List.of(EVIL, EVIL + ".type", EVIL + ".warehouse", "kyuubi.client.ipAddress")) {
            conf.unset(key);
        }
        conf.set("spark.sql.catalog.lake.warehouse", lakeWarehouse);
    }

    private static String lakeWarehouse;

    @Test
    void catalogDefinitionsAndKyuubisSessionKeysCannotBeSet() {
        for (String key : List.of(
                EVIL,
                EVIL + ".warehouse",
                "spark.sql.catalog.lake.warehouse",
                "spark.sql.catalog.spark_catalog",
                "kyuubi.client.ipAddress",
                "kyuubi.session.user",
                "kyuubi.session.user.sign",
                "fs.defaultFS",
                "fs.file.impl",
                "hive.metastore.uris")) {
            for (String user : List.of("bob", ADMIN)) {
                assertThatThrownBy(() -> sqlAs(user, "SET " + key + "=x"))
                        .as(user + ": " + key)
                        .isInstanceOf(AccessControlException.class)
                        .hasMessageStartingWith("Permission denied: [" + key + "] may not be changed in a session");
                if (key.startsWith("kyuubi.")) {
                    assertThatThrownBy(() -> sqlAs(user, "RESET " + key))
                            .as(user + ": RESET " + key)
                            .isInstanceOf(AccessControlException.class);
                }
            }
        }
        assertThat(SparkWithRanger.spark().conf().contains(EVIL)).isFalse();
        assertThat(sqlAs("bob", "SET spark.sql.shuffle.partitions=2").first().getString(1))
                .isEqualTo("2");
        assertThat(sqlAs("bob", "SET kyuubi.client.ipAddress").collectAsList()).hasSize(1);
    }

    // Read once, when the plugin starts (a launcher sets them per engine): a session's value would only seem to apply.
    @Test
    void lakegatesStartupKeysCannotBeSet() {
        for (String key : List.of(
                "spark.lakegate.ranger.conf.dir", "spark.lakegate.ranger.policy.cache.dir", "spark.lakegate.other")) {
            for (String user : List.of("bob", ADMIN)) {
                assertThatThrownBy(() -> sqlAs(user, "SET " + key + "=/tmp/elsewhere"))
                        .as(user + ": " + key)
                        .isInstanceOf(AccessControlException.class)
                        .hasMessageStartingWith("Permission denied: [" + key + "] may not be changed in a session:"
                                + " Lakegate restricts [")
                        .hasMessageContaining("spark.lakegate.");
            }
        }
        RuntimeConfig conf = SparkWithRanger.spark().conf();
        assertThat(conf.contains("spark.lakegate.ranger.conf.dir")).isFalse();
        conf.set("spark.lakegate.ranger.policy.cache.dir", "/tmp/elsewhere");
        try {
            assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM sales.orders").collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageStartingWith(
                            "Permission denied: the session sets [spark.lakegate.ranger.policy.cache.dir],"
                                    + " which may not be changed in a session");
        } finally {
            conf.unset("spark.lakegate.ranger.policy.cache.dir");
        }
        assertThat(sqlAs("bob", "SELECT id FROM sales.orders").collectAsList()).hasSize(3);
    }

    // Kyuubi's Spark engine reads the session's kyuubi.operation.language before each statement: SCALA runs code.
    @Test
    void theOperationLanguageCannotBeSwitchedAwayFromSql() {
        for (String user : List.of("bob", ADMIN)) {
            assertThatThrownBy(() -> sqlAs(user, "SET kyuubi.operation.language=SCALA"))
                    .as(user)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageStartingWith(
                            "Permission denied: [kyuubi.operation.language] may not be changed in a" + " session:");
        }
        assertThat(SparkWithRanger.spark().conf().contains("kyuubi.operation.language"))
                .isFalse();
    }

    // As Spark Thrift Server and Kyuubi's engine apply the settings a client passes when it opens a session.
    @Test
    void aRestrictedSettingSetWhereNoSetIsCheckedRefusesEveryStatement() {
        RuntimeConfig conf = SparkWithRanger.spark().conf();
        conf.set("hive.metastore.uris", "thrift://elsewhere:9083");
        try {
            assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM sales.orders").collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageStartingWith("Permission denied: the session sets [hive.metastore.uris], which may not"
                            + " be changed in a session");
        } finally {
            conf.unset("hive.metastore.uris");
        }
        assertThat(sqlAs("bob", "SELECT id FROM sales.orders").collectAsList()).hasSize(3);
    }

    @Test
    void resettingEverythingMayNotResetTheClientAddressKyuubiSet() {
        // As Kyuubi's engine applies a session's conf when it opens it.
        SparkWithRanger.spark().conf().set("kyuubi.client.ipAddress", "10.1.2.3");
        assertThatThrownBy(() -> sqlAs("bob", "RESET"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: RESET would reset [kyuubi.client.ipAddress], which may not be changed"
                        + " in a session; reset the keys you changed one by one");
        assertThat(SparkWithRanger.spark().conf().get("kyuubi.client.ipAddress"))
                .isEqualTo("10.1.2.3");
        SparkWithRanger.spark().conf().unset("kyuubi.client.ipAddress");
        sqlAs("bob", "RESET");
    }

    @Test
    void aCatalogDefinedInTheSessionIsNotAuthorized() {
        RuntimeConfig conf = SparkWithRanger.spark().conf();
        // A catalog over lake's storage names its tables like lake's: bob may read sales.customers.
        conf.set(EVIL, SparkCatalog.class.getName());
        conf.set(EVIL + ".type", "hadoop");
        conf.set(EVIL + ".warehouse", lakeWarehouse);
        assertThatThrownBy(
                        () -> sqlAs("bob", "SELECT * FROM evil.sales.customers").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: catalog [evil] is not defined as it was when the engine"
                        + " started (it was not defined; now {spark.sql.catalog.evil=");
        assertThatThrownBy(() -> sqlAs(ADMIN, "SHOW TABLES IN evil.sales").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: catalog [evil] is not defined as it was");
        assertThat(sqlAs("bob", "SELECT count(*) FROM lake.sales.customers")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
    }

    @Test
    void aCatalogRedefinedInTheSessionIsNotAuthorized() {
        RuntimeConfig conf = SparkWithRanger.spark().conf();
        conf.set("spark.sql.catalog.lake.warehouse", "/tmp/lakegate-other-warehouse");
        assertThatThrownBy(
                        () -> sqlAs("bob", "SELECT * FROM lake.sales.customers").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith(
                        "Permission denied: catalog [lake] is not defined as it was when the engine" + " started");
        conf.set("spark.sql.catalog.lake.warehouse", lakeWarehouse);
        assertThat(sqlAs("bob", "SELECT count(*) FROM lake.sales.customers")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
    }

    @Test
    void aTableInACatalogsRootNamespaceHasNoRangerName() {
        assertThatThrownBy(() -> sqlAs(ADMIN, "CREATE TABLE lake.rooted (id INT) USING iceberg"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: [lake.rooted] is in the root namespace of catalog [lake], which"
                        + " Ranger's Hive service cannot name (its tables belong to a database); Lakegate refuses it");
    }
}
