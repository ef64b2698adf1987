package io.lakegate.trino.ranger.access;

/** What a Trino statement does to a catalog's object: each {@link PolicyModel} names it with its own access type. */
public enum Operation {
    SELECT,
    INSERT,
    DELETE,
    UPDATE,
    TRUNCATE,
    REFRESH,
    CREATE,
    DROP,
    ALTER,
    /** Taking a new name (RENAME ... TO): Hive's plugin asks create on it, Trino's alter. */
    RENAME_TARGET,
    /** Being listed or described: some privilege on the object or below it. */
    LIST,
    SHOW_CREATE,
    EXECUTE_FUNCTION
}
