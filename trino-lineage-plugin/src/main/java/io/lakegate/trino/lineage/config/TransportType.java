package io.lakegate.trino.lineage.config;

/** Where events go: {@code openlineage.transport.type}. */
public enum TransportType {
    /** Marquez's API, or any OpenLineage HTTP receiver. */
    HTTP,
    KAFKA,
    /** One JSON line per event, appended to a file. */
    FILE,
    /** Each event's JSON in Trino's log. */
    CONSOLE,
}
