package io.lakegate.spark.authz.privilege;

import io.lakegate.spark.authz.catalog.TableName;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What an authorized statement lets the statements Spark runs inside it do. A CTAS writes the new table's data
 * through an internal write to the location the catalog chose (before the table exists, so as files outside the
 * catalog), then adds its partitions, or inserts into the table it just created: the user's {@code create} covers
 * these, as it does in Ranger's Hive plugin, which asks nothing more of a CTAS. Spark runs them on the statement's
 * thread, nested in its SQL execution: the scope holds for the same root execution only.
 */
final class StatementScope {
    // SQLExecution's EXECUTION_ROOT_ID_KEY: the execution a nested one runs in.
    private static final String ROOT_EXECUTION_ID = "spark.sql.execution.root.id";

    private record Scope(
            String rootExecutionId, String user, String database, String table, Optional<String> location) {}

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private StatementScope() {}

    /** Records that the statement now running, as {@code user}, creates {@code created}. */
    static void enter(SparkSession session, String user, Commands.Created created) {
        String root = session.sparkContext().getLocalProperty(ROOT_EXECUTION_ID);
        if (root == null) {
            // Outside any SQL execution nothing runs nested in it.
            CURRENT.remove();
            return;
        }
        CURRENT.set(new Scope(
                root, user, created.table().database(), created.table().table(), created.managedLocation()));
    }

    static boolean creates(SparkSession session, String user, TableName table) {
        Scope scope = current(session, user);
        return scope != null
                && scope.database().equals(table.database())
                && scope.table().equals(table.table());
    }

    static boolean createsAt(SparkSession session, String user, String location) {
        Scope scope = current(session, user);
        return scope != null && scope.location().filter(location::equals).isPresent();
    }

    private static Scope current(SparkSession session, String user) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return null;
        }
        String root = session.sparkContext().getLocalProperty(ROOT_EXECUTION_ID);
        return scope.rootExecutionId().equals(root) && scope.user().equals(user) ? scope : null;
    }
}
