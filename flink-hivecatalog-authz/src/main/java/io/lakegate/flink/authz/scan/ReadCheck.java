package io.lakegate.flink.authz.scan;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.privilege.Guard;
import java.util.List;

/** The select check of one table's scan, made when the planner builds the scan it will run (after push-downs). */
public final class ReadCheck {
    private final Guard guard;
    private final String database;
    private final String table;
    private final Runnable allowed;

    ReadCheck(Guard guard, String database, String table, Runnable allowed) {
        this.guard = requireNonNull(guard, "guard is null");
        this.database = requireNonNull(database, "database is null");
        this.table = requireNonNull(table, "table is null");
        this.allowed = requireNonNull(allowed, "allowed is null");
    }

    /**
     * Refuses the read unless the user may select each of {@code columns}; {@code why} says why these. An allowed read
     * is the planned job's (its lineage).
     */
    public void select(List<String> columns, String why) {
        guard.select(database, table, columns, why);
        allowed.run();
    }

    /** A refusal of this read, for {@code reason}. */
    public String refusal(String reason) {
        return "Permission denied: user [" + guard.user() + "] may not read [" + database + "/" + table + "] here: "
                + reason;
    }
}
