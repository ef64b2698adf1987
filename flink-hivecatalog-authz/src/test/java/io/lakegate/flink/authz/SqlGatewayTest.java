package io.lakegate.flink.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.operation.OperationStatus;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.results.ResultSet;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;
import org.apache.flink.table.gateway.service.SqlGatewayServiceImpl;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;
import org.junit.jupiter.api.Test;

/**
 * The guard as Flink's SQL gateway (and Kyuubi's Flink engine, which runs the gateway's session code) serves it, set
 * up by configuration alone: the engine's configuration defines the guarded catalog in the catalog store, names it
 * the built-in catalog, and adds the listener; a session opens without any statement of the user's, and every
 * catalog it has is guarded.
 */
class SqlGatewayTest {
    private static final Map<String, SqlGatewayServiceImpl> ENGINES = new HashMap<>();

    @Test
    void aSessionStartsInTheGuardedCatalogAndHasNoOtherThanTheOperators() {
        Session alice = session("alice");
        assertThat(alice.rows("SHOW CATALOGS")).isEqualTo(List.of(List.of("lake"), List.of("lake2")));
        assertThat(alice.rows("SHOW CURRENT CATALOG")).isEqualTo(List.of(List.of("lake")));
        assertThat(alice.rows("SELECT id, customer FROM sales.orders ORDER BY id"))
                .isEqualTo(List.of(List.of("1", "xxx xxxxlace"), List.of("3", "Cleo")));
    }

    // The gateway creates a catalog from the session's configuration, which SET changes: the user must not come from
    // there.
    @Test
    void setTheSessionUserBeforeACatalogIsFirstUsedChangesNothing() {
        Session hacker = session("hacker");
        hacker.rows("SET 'kyuubi.session.user' = 'admin'");
        assertThat(hacker.rows("SELECT id, customer FROM lake2.sales.orders ORDER BY id"))
                .isEqualTo(List.of(List.of("1", "Xxx Xxxxxxxx"), List.of("3", "Xxxx")));
    }

    @Test
    void aDenialReachesTheClientInTheSharedWording() {
        assertThat(session("bob").error("SELECT customer FROM sales.orders"))
                .contains("Permission denied: user [bob] does not have [select] privilege on [sales/orders/customer]");
    }

    @Test
    void aPermanentTableOutsideTheGuardedCatalogHasNowhereToLive() {
        Session hacker = session("hacker");
        String orders =
                "file:" + FlinkWithRanger.warehouse().resolve("sales.db").resolve("orders");
        assertThat(hacker.error("CREATE TABLE default_catalog.default_database.kept (id BIGINT, region STRING,"
                        + " customer STRING, amount DECIMAL(10, 2)) WITH ('connector' = 'filesystem', 'path' = '"
                        + orders + "', 'format' = 'csv')"))
                .contains("default_catalog");
        assertThat(hacker.error("CREATE CATALOG default_catalog WITH ('type' = 'generic_in_memory')"))
                .contains("Permission denied: user [hacker] may not create or alter catalog [default_catalog]");
        assertThat(hacker.rows("SHOW CATALOGS")).isEqualTo(List.of(List.of("lake"), List.of("lake2")));
    }

    /** The engine Kyuubi launches for {@code user}: one gateway service with that user's configuration. */
    private static synchronized Session session(String user) {
        FlinkWithRanger.start();
        SqlGatewayServiceImpl engine = ENGINES.computeIfAbsent(user, SqlGatewayTest::engine);
        SessionHandle handle = engine.openSession(SessionEnvironment.newBuilder()
                .setSessionEndpointVersion(SqlGatewayRestAPIVersion.getDefaultVersion())
                .build());
        return new Session(engine, handle);
    }

    private static SqlGatewayServiceImpl engine(String user) {
        Configuration configuration = new Configuration();
        configuration.setString("kyuubi.session.user", user);
        configuration.setString("execution.target", "local");
        configuration.setString("execution.attached", "true");
        configuration.setString("execution.runtime-mode", "batch");
        configuration.setString("parallelism.default", "1");
        configuration.setString("table.catalog-store.kind", "lakegate");
        configuration.setString("table.catalog-store.lakegate.catalog.lake.type", "lakegate-hive");
        configuration.setString(
                "table.catalog-store.lakegate.catalog.lake.hive-conf-dir",
                FlinkWithRanger.hiveConfDir().toString());
        configuration.setString("table.catalog-store.lakegate.catalog.lake.hive-version", "2.3.10");
        // A second guarded catalog over the same metastore: the gateway creates it when a statement first names it.
        configuration.setString("table.catalog-store.lakegate.catalog.lake2.type", "lakegate-hive");
        configuration.setString(
                "table.catalog-store.lakegate.catalog.lake2.hive-conf-dir",
                FlinkWithRanger.hiveConfDir().toString());
        configuration.setString("table.builtin-catalog-name", "lake");
        configuration.setString("table.catalog-modification.listeners", "lakegate");
        SessionManager sessions = SessionManager.create(new DefaultContext(configuration, List.of()));
        sessions.start();
        return new SqlGatewayServiceImpl(sessions);
    }

    private record Session(SqlGatewayServiceImpl engine, SessionHandle handle) {
        List<List<String>> rows(String sql) {
            OperationHandle operation = run(sql);
            OperationInfo info = engine.getOperationInfo(handle, operation);
            assertThat(info.getStatus())
                    .as(sql + ": "
                            + info.getException().map(Throwable::toString).orElse(""))
                    .isEqualTo(OperationStatus.FINISHED);
            List<List<String>> rows = new ArrayList<>();
            long token = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (true) {
                ResultSet results = engine.fetchResults(handle, operation, token, 100);
                if (results.getResultType() == ResultSet.ResultType.EOS) {
                    return rows;
                }
                List<Column> columns = results.getResultSchema().getColumns();
                for (RowData row : results.getData()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < columns.size(); i++) {
                        Object value = RowData.createFieldGetter(
                                        columns.get(i).getDataType().getLogicalType(), i)
                                .getFieldOrNull(row);
                        values.add(Objects.toString(value, "NULL"));
                    }
                    rows.add(values);
                }
                if (results.getResultType() == ResultSet.ResultType.NOT_READY) {
                    // The gateway's clients poll its buffer of a running job's rows, as its REST endpoint does.
                    assertThat(System.nanoTime())
                            .as(sql + ": no rows within 2 minutes")
                            .isLessThan(deadline);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                } else {
                    token = results.getNextToken();
                }
            }
        }

        String error(String sql) {
            OperationInfo info = engine.getOperationInfo(handle, run(sql));
            assertThat(info.getStatus()).as(sql).isEqualTo(OperationStatus.ERROR);
            return causes(info.getException().orElseThrow());
        }

        private static String causes(Throwable failure) {
            StringBuilder causes = new StringBuilder();
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                causes.append(cause).append('\n');
            }
            return causes.toString();
        }

        private OperationHandle run(String sql) {
            OperationHandle operation = engine.executeStatement(handle, sql, 0, new Configuration());
            try {
                engine.getSession(handle).getOperationManager().awaitOperationTermination(operation);
            } catch (Exception e) {
                // The operation's own status and exception say what failed.
            }
            return operation;
        }
    }
}
