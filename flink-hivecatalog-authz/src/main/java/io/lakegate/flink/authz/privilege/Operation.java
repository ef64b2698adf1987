package io.lakegate.flink.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerResource;

/**
 * What each catalog operation needs, as data: the Ranger Hive-service access type, and whether it is asked on the
 * database, the table (or view) or the function the operation names. A new operation is one entry.
 */
public enum Operation {
    CREATE_DATABASE("create", Target.DATABASE),
    ALTER_DATABASE("alter", Target.DATABASE),
    DROP_DATABASE("drop", Target.DATABASE),
    CREATE_TABLE("create", Target.TABLE),
    /** Tables, views, their partitions and statistics. */
    ALTER_TABLE("alter", Target.TABLE),
    DROP_TABLE("drop", Target.TABLE),
    /** INSERT, INSERT OVERWRITE, and every other sink of a statement. */
    WRITE_TABLE("update", Target.TABLE),
    CREATE_FUNCTION("create", Target.FUNCTION),
    ALTER_FUNCTION("alter", Target.FUNCTION),
    DROP_FUNCTION("drop", Target.FUNCTION),
    /** Calling a catalog function, as Ranger's Hive plugin asks of a permanent UDF. */
    USE_FUNCTION("select", Target.FUNCTION);

    private final String accessType;
    private final Target target;

    Operation(String accessType, Target target) {
        this.accessType = accessType;
        this.target = target;
    }

    public String accessType() {
        return accessType;
    }

    /** The resource this operation is asked on: {@code name} is the table's or function's, ignored for databases. */
    RangerResource resource(String database, String name) {
        requireNonNull(database, "database is null");
        return switch (target) {
            case DATABASE -> RangerResource.database(database);
            case TABLE -> RangerResource.table(database, requireNonNull(name, "name is null"));
            case FUNCTION -> RangerResource.udf(database, requireNonNull(name, "name is null"));
        };
    }

    private enum Target {
        DATABASE,
        TABLE,
        FUNCTION
    }
}
