package io.lakegate.trino.ranger.access;

import static io.lakegate.trino.ranger.access.Operation.ALTER;
import static io.lakegate.trino.ranger.access.Operation.CREATE;
import static io.lakegate.trino.ranger.access.Operation.DELETE;
import static io.lakegate.trino.ranger.access.Operation.DROP;
import static io.lakegate.trino.ranger.access.Operation.EXECUTE_FUNCTION;
import static io.lakegate.trino.ranger.access.Operation.INSERT;
import static io.lakegate.trino.ranger.access.Operation.LIST;
import static io.lakegate.trino.ranger.access.Operation.REFRESH;
import static io.lakegate.trino.ranger.access.Operation.RENAME_TARGET;
import static io.lakegate.trino.ranger.access.Operation.SELECT;
import static io.lakegate.trino.ranger.access.Operation.SHOW_CREATE;
import static io.lakegate.trino.ranger.access.Operation.TRUNCATE;
import static io.lakegate.trino.ranger.access.Operation.UPDATE;
import static java.util.Map.entry;

import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.mask.MaskSpec;
import io.lakegate.ranger.mask.MaskSpecs;
import io.lakegate.ranger.mask.UnsupportedMaskException;
import io.lakegate.trino.ranger.config.RangerBridgeConfig;
import io.lakegate.trino.ranger.mask.HiveExpressions;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Ranger service definition names a catalog's objects and what is done to them: the Hive service (no catalog:
 * schema = database, so a table has the name and policies it has in Spark and Flink) or the {@code trino} service
 * (catalog > schema > table > column, as Trino's own Ranger plugin asks, so its policies apply unchanged).
 */
public enum PolicyModel {
    HIVE(
            "hive",
            RangerBridgeConfig.HIVE_CATALOGS,
            Map.ofEntries(
                    entry(SELECT, "select"),
                    entry(INSERT, "update"),
                    entry(DELETE, "update"),
                    entry(UPDATE, "update"),
                    entry(TRUNCATE, "update"),
                    entry(REFRESH, "update"),
                    entry(CREATE, "create"),
                    entry(DROP, "drop"),
                    entry(ALTER, "alter"),
                    entry(RENAME_TARGET, "create"),
                    entry(LIST, "_any"),
                    entry(SHOW_CREATE, "select"),
                    entry(EXECUTE_FUNCTION, "select")),
            RangerResource.hiveService(),
            "serviceadmin") {
        @Override
        Map<String, String> catalogElements(String catalog) {
            return new LinkedHashMap<>();
        }

        @Override
        String schemaKey() {
            return "database";
        }

        @Override
        String functionKey() {
            return "udf";
        }

        @Override
        public String policySql(String expression) {
            return HiveExpressions.toTrino(expression);
        }

        @Override
        public MaskSpec maskSpec(ColumnMask mask) {
            return MaskSpecs.of(mask);
        }
    },
    TRINO(
            "trino",
            RangerBridgeConfig.TRINO_CATALOGS,
            Map.ofEntries(
                    entry(SELECT, "select"),
                    entry(INSERT, "insert"),
                    entry(DELETE, "delete"),
                    // As Trino's own plugin asks them.
                    entry(UPDATE, "insert"),
                    entry(TRUNCATE, "delete"),
                    entry(REFRESH, "alter"),
                    entry(CREATE, "create"),
                    entry(DROP, "drop"),
                    entry(ALTER, "alter"),
                    entry(RENAME_TARGET, "alter"),
                    entry(LIST, "_any"),
                    entry(SHOW_CREATE, "show"),
                    entry(EXECUTE_FUNCTION, "execute")),
            RangerResource.of(Map.of("sysinfo", "*")),
            "write_sysinfo") {
        @Override
        Map<String, String> catalogElements(String catalog) {
            Map<String, String> elements = new LinkedHashMap<>();
            elements.put("catalog", catalog);
            return elements;
        }

        @Override
        String schemaKey() {
            return "schema";
        }

        @Override
        String functionKey() {
            return "schemafunction";
        }

        @Override
        public String policySql(String expression) {
            return expression;
        }

        // Its transformers are Trino SQL templates (upper-case hex for a hash, say): read by type, as in every engine.
        @Override
        public MaskSpec maskSpec(ColumnMask mask) {
            return MaskSpecs.ofHiveType(mask);
        }
    };

    private final String pluginType;
    private final String catalogsProperty;
    private final Map<Operation, String> accessTypes;
    private final RangerResource administration;
    private final String administratorAccess;

    PolicyModel(
            String pluginType,
            String catalogsProperty,
            Map<Operation, String> accessTypes,
            RangerResource administration,
            String administratorAccess) {
        this.pluginType = pluginType;
        this.catalogsProperty = catalogsProperty;
        this.accessTypes = new EnumMap<>(accessTypes);
        this.administration = administration;
        this.administratorAccess = administratorAccess;
        if (this.accessTypes.size() != Operation.values().length) {
            throw new IllegalStateException(name() + " names no access type for some operations");
        }
    }

    abstract Map<String, String> catalogElements(String catalog);

    abstract String schemaKey();

    abstract String functionKey();

    /**
     * A policy's SQL (row filter, custom mask, mask condition) as Trino runs it.
     *
     * @throws IllegalArgumentException where the policy's dialect and Trino read the text differently
     */
    public abstract String policySql(String expression);

    /**
     * What a data mask of this service does, with the Spark plugin's semantics.
     *
     * @throws UnsupportedMaskException for a mask no engine could apply faithfully
     */
    public abstract MaskSpec maskSpec(ColumnMask mask);

    /** Ranger's plugin type: the prefix of the keys in its {@code ranger-<type>-security.xml}. */
    public String pluginType() {
        return pluginType;
    }

    /** The property listing the catalogs this model governs, for denials that say how to change them. */
    public String catalogsProperty() {
        return catalogsProperty;
    }

    public String accessType(Operation operation) {
        return accessTypes.get(operation);
    }

    public RangerResource schema(String catalog, String schema) {
        Map<String, String> elements = catalogElements(catalog);
        elements.put(schemaKey(), schema);
        return RangerResource.of(elements);
    }

    public RangerResource table(String catalog, String schema, String table) {
        Map<String, String> elements = catalogElements(catalog);
        elements.put(schemaKey(), schema);
        elements.put("table", table);
        return RangerResource.of(elements);
    }

    public RangerResource column(String catalog, String schema, String table, String column) {
        return table(catalog, schema, table).child("column", column);
    }

    public RangerResource function(String catalog, String schema, String function) {
        Map<String, String> elements = catalogElements(catalog);
        elements.put(schemaKey(), schema);
        elements.put(functionKey(), function);
        return RangerResource.of(elements);
    }

    /** Where this service's administrators hold {@link #administratorAccess}. */
    public RangerResource administration() {
        return administration;
    }

    /**
     * What makes a user this service's administrator, for what no object privilege describes: Hive's
     * {@code serviceadmin}; the Trino service's {@code write_sysinfo} on {@code sysinfo}, its widest privilege.
     */
    public String administratorAccess() {
        return administratorAccess;
    }
}
