package io.lakegate.flink.authz.storage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The connectors the guard knows where a table's data lives for, by the {@code connector} option. */
public final class Connectors {
    public static final String CONNECTOR = "connector";
    public static final String HIVE = "hive";
    public static final String FILESYSTEM = "filesystem";

    /** Connectors that read and write no shared storage. */
    public static final List<String> WITHOUT_STORAGE = List.of("datagen", "print", "blackhole");

    private Connectors() {}

    /**
     * Whether {@code options} are Flink's legacy connector options ({@code connector.type}): the planner builds such a
     * table through the legacy factory stack, never through the catalog's factory, so no guard sees its reads.
     */
    public static boolean isLegacy(Map<String, String> options) {
        return options.keySet().stream().anyMatch(key -> key.strip().equalsIgnoreCase("connector.type"));
    }

    /** A table's connector, lower-cased; {@code hive} where none is named (a Hive table of HiveCatalog). */
    public static String of(Map<String, String> options) {
        String connector = options.getOrDefault(CONNECTOR, "").strip().toLowerCase(Locale.ROOT);
        return connector.isEmpty() ? HIVE : connector;
    }
}
