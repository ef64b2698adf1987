package io.lakegate.spark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.policyserver.RangerAuditLog;
import io.lakegate.spark.authz.identity.SessionUser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.hive.service.server.HiveServer2;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.HiveUtils$;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.apache.spark.sql.hive.thriftserver.ui.HiveThriftServer2EventManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark Thrift Server (the local platform's endpoint) over the extension: every JDBC connection is its user's own
 * Spark session, and the user the connection authenticated as is the one Ranger checks; no Kyuubi property is set.
 */
class ThriftServerTest {
    private static HiveServer2 server;
    private static String url;

    @BeforeAll
    static void startThriftServer() throws IOException {
        SparkSession spark = SparkWithRanger.spark();
        // The server's threads inherit the starting thread's local properties: none of the tests' Kyuubi user.
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, null);
        // As HiveThriftServer2.startWithContext does, on a port of the system's choosing: the server's Hive conf
        // starts from every Hive default, port 10000 included.
        HiveConf conf = HiveUtils$.MODULE$
                .newClientForExecution(
                        spark.sparkContext().getConf(), spark.sessionState().newHadoopConf())
                .conf();
        conf.setIntVar(HiveConf.ConfVars.HIVE_SERVER2_THRIFT_PORT, 0);
        conf.setVar(HiveConf.ConfVars.HIVE_SERVER2_THRIFT_BIND_HOST, "localhost");
        // Statements run as the server's Hadoop user, not as the session's: only Spark's current-user context says
        // who is connected.
        conf.setBoolVar(HiveConf.ConfVars.HIVE_SERVER2_ENABLE_DOAS, false);
        HiveThriftServer2 thriftServer = new HiveThriftServer2(spark.sqlContext());
        HiveThriftServer2.eventManager_$eq(new HiveThriftServer2EventManager(spark.sparkContext()));
        thriftServer.init(conf);
        thriftServer.start();
        server = thriftServer;
        url = "jdbc:hive2://localhost:" + listeningPort(thriftServer) + "/default";
    }

    // The server binds its port on a thread of its own: connect once it listens.
    private static int listeningPort(HiveThriftServer2 thriftServer) throws IOException {
        ThriftCLIService thrift = thriftServer.getServices().stream()
                .filter(ThriftCLIService.class::isInstance)
                .map(ThriftCLIService.class::cast)
                .findFirst()
                .orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            int port = thrift.getPortNumber();
            if (port > 0) {
                try {
                    new Socket("localhost", port).close();
                    return port;
                } catch (ConnectException notYet) {
                    // Bound, not yet accepting.
                }
            }
            Thread.onSpinWait();
        }
        throw new IOException("Spark Thrift Server did not listen within 30 s");
    }

    @AfterAll
    static void stopThriftServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void eachConnectionIsCheckedAsItsOwnUser() throws SQLException {
        try (Connection bob = connect("bob");
                Connection ivan = connect("ivan")) {
            assertThat(column(bob, "SELECT current_user()")).containsExactly("bob");
            assertThat(column(bob, "SELECT id FROM sales.orders ORDER BY id")).containsExactly("1", "2", "3");
            assertThatThrownBy(() -> column(bob, "SELECT ssn FROM sales.orders"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(
                            "Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
            // ivan reads ssn hashed, and only the rows with amount above 15.
            List<String> ssns = column(ivan, "SELECT ssn FROM sales.orders ORDER BY id");
            assertThat(ssns).hasSize(2).allSatisfy(ssn -> assertThat(ssn).hasSize(64));
            assertThat(column(ivan, "SELECT current_user()")).containsExactly("ivan");
        }
    }

    @Test
    void connectionsAreSessionsOfTheirOwn() throws SQLException {
        try (Connection bob = connect("bob");
                Connection ivan = connect("ivan")) {
            execute(ivan, "CREATE TEMPORARY VIEW ivans AS SELECT ssn FROM sales.orders");
            assertThat(column(ivan, "SELECT count(*) FROM ivans")).containsExactly("2");
            assertThatThrownBy(() -> column(bob, "SELECT * FROM ivans"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
            // bob's session cannot take ivan's user either.
            assertThatThrownBy(() -> execute(bob, "SET kyuubi.session.user=ivan"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Permission denied: [kyuubi.session.user] may not be changed in a session");
        }
    }

    // Spark Thrift Server applies the settings after the URL's '?' when it opens the session, where no SET is checked;
    // opening the session runs USE, which the setting refuses.
    @Test
    void settingsAClientPassesWhenItOpensTheSessionAreCheckedToo() {
        assertThatThrownBy(() -> DriverManager.getConnection(
                                url + "?hive.metastore.uris=thrift://elsewhere:9083", "bob", "any")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Permission denied: the session sets [hive.metastore.uris], which may not be"
                        + " changed in a session");
    }

    // Only Kyuubi tells the engine a client's address: one a client passes itself is not taken for it.
    @Test
    void aClientAddressAClientPassesItselfIsNotTheClientsAddress() throws SQLException {
        String marker = UUID.randomUUID().toString();
        try (Connection auditee =
                DriverManager.getConnection(url + "?kyuubi.client.ipAddress=10.1.2.3", "auditee", "any")) {
            assertThat(column(auditee, "SELECT name FROM sales.customers WHERE name <> '" + marker + "'"))
                    .hasSize(2);
        }
        List<String> events = RangerAuditLog.eventsMatching(line -> line.contains(marker), 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).contains("\"auditee\"").doesNotContain("10.1.2.3");
    }

    private static Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(url, user, "any");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
