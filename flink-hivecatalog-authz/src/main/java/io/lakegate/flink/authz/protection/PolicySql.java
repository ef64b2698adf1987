package io.lakegate.flink.authz.protection;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.mask.MaskSpec;
import io.lakegate.ranger.mask.MaskSpecs;
import io.lakegate.ranger.mask.UnsupportedMaskException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Ranger's row filter and masks of one scan as one Flink SQL query over the scan's raw rows, with the Spark plugin's
 * semantics: the filter and every mask condition see the stored values, the query's columns are the masked ones in
 * their own types. Where Hive's mask functions define nothing for a type (decimals, timestamps, hashes of numbers)
 * the value is NULL: a mask never shows what it cannot mask.
 */
final class PolicySql {
    static final String SOURCE = "lakegate_source";

    private final String query;
    private final Map<String, ScalarFunction> functions;

    private PolicySql(String query, Map<String, ScalarFunction> functions) {
        this.query = query;
        this.functions = Map.copyOf(functions);
    }

    /** The query to run over {@value #SOURCE}, whose columns hold at least {@code columns}' stored values. */
    String query() {
        return query;
    }

    /** The functions the query calls, to register in the planner that runs it under these names. */
    Map<String, ScalarFunction> functions() {
        return functions;
    }

    /**
     * The query giving {@code columns} (name and type, in order) masked by {@code masks} (by column name), of the
     * rows {@code rowFilter} keeps.
     *
     * @throws UnsupportedMaskException for a mask type no engine can apply
     */
    static PolicySql of(List<Column> columns, Optional<String> rowFilter, Map<String, ColumnMask> masks) {
        Map<String, ScalarFunction> functions = new LinkedHashMap<>();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (i > 0) {
                select.append(", ");
            }
            ColumnMask mask = masks.get(column.name());
            String quoted = quote(column.name());
            select.append(mask == null ? quoted : masked(mask, quoted, column.type(), functions))
                    .append(" AS ")
                    .append(quoted);
        }
        select.append(" FROM ").append(SOURCE);
        rowFilter.ifPresent(filter -> select.append(" WHERE (").append(filter).append(")"));
        return new PolicySql(select.toString(), functions);
    }

    private static String masked(
            ColumnMask mask, String column, LogicalType type, Map<String, ScalarFunction> functions) {
        MaskSpec spec = MaskSpecs.of(mask);
        String sqlType = type.copy(true).asSerializableString();
        String rendered = render(spec, column, type, functions);
        // Flink's SQL takes a NULL literal only as the operand of a CAST itself.
        String masked = rendered.equals("NULL")
                ? "CAST(NULL AS " + sqlType + ")"
                : "CAST((" + rendered + ") AS " + sqlType + ")";
        return mask.condition()
                // Unmasked only where the condition is false: where it is NULL, the value stays masked.
                .map(when -> "CASE WHEN NOT (" + when.replace("{col}", column) + ") THEN " + column + " ELSE " + masked
                        + " END")
                .orElse(masked);
    }

    private static String render(
            MaskSpec spec, String column, LogicalType type, Map<String, ScalarFunction> functions) {
        if (spec instanceof MaskSpec.Nullify) {
            return "NULL";
        }
        if (spec instanceof MaskSpec.Custom custom) {
            return custom.template().replace("{col}", column);
        }
        if (spec instanceof MaskSpec.Hash) {
            return isString(type) ? "SHA256(" + column + ")" : "NULL";
        }
        ScalarFunction function;
        if (spec instanceof MaskSpec.Redact redact) {
            if (!isString(type) && !isIntegral(type) && type.getTypeRoot() != LogicalTypeRoot.DATE) {
                return "NULL";
            }
            function = HiveMaskFunction.of(redact);
        } else if (spec instanceof MaskSpec.Show show) {
            if (!isString(type) && !isIntegral(type)) {
                return "NULL";
            }
            function = HiveMaskFunction.of(show);
        } else if (spec instanceof MaskSpec.Partial partial) {
            if (!isString(type) && !isIntegral(type)) {
                return "NULL";
            }
            function = HiveMaskFunction.of(partial);
        } else {
            throw new IllegalStateException("Unknown mask " + spec);
        }
        String name = "lakegate_mask_" + functions.size();
        functions.put(name, function);
        // A CHAR(n) is padded and compared as a string: masked as one.
        String argument = type.getTypeRoot() == LogicalTypeRoot.CHAR ? "CAST(" + column + " AS STRING)" : column;
        return name + "(" + argument + ")";
    }

    private static boolean isString(LogicalType type) {
        return type.is(LogicalTypeFamily.CHARACTER_STRING);
    }

    private static boolean isIntegral(LogicalType type) {
        return type.is(LogicalTypeFamily.INTEGER_NUMERIC);
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A column of the scan as the user reads it. */
    record Column(String name, LogicalType type) {
        Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
