package io.lakegate.flink.authz.scan;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.proxy.Proxies;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;

/**
 * The connector's own source, with every ability it has (partition, filter, limit and projection push-down,
 * statistics, lookups, ...), for a table without row filter or mask for its reader: its one addition is the select
 * check on the columns the statement finally reads and those the connector evaluates predicates on, made when the
 * planner asks for the scan or lookup it will run.
 */
final class CheckedSource implements InvocationHandler {
    private final DynamicTableSource connector;
    private final ReadCheck check;
    private final List<String> physical;
    private final List<String> metadata;
    // The statement's columns: Flink's sources are mutable, and the planner narrows them in place.
    private List<String> read;
    private boolean readsMetadata;
    // Columns the connector evaluates itself, whatever it then returns: pruned partitions, accepted filters, dynamic
    // filtering fields. A predicate on a column is a read of it (an existence oracle otherwise).
    private Set<String> consumed;

    private CheckedSource(
            DynamicTableSource connector,
            ReadCheck check,
            List<String> physical,
            List<String> metadata,
            List<String> read,
            boolean readsMetadata,
            Set<String> consumed) {
        this.connector = requireNonNull(connector, "connector is null");
        this.check = requireNonNull(check, "check is null");
        this.physical = List.copyOf(physical);
        this.metadata = List.copyOf(metadata);
        this.read = List.copyOf(read);
        this.readsMetadata = readsMetadata;
        this.consumed = new LinkedHashSet<>(consumed);
    }

    /** {@code connector}, checked; {@code physical} and {@code metadata} are the table's columns of each kind. */
    static DynamicTableSource wrap(
            DynamicTableSource connector, ReadCheck check, List<String> physical, List<String> metadata) {
        return proxy(new CheckedSource(connector, check, physical, metadata, physical, false, Set.of()));
    }

    private static DynamicTableSource proxy(CheckedSource handler) {
        return Proxies.withInterfacesOf(handler.connector, DynamicTableSource.class, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "applyProjection" -> {
                int[][] fields = (int[][]) args[0];
                List<String> narrowed = new ArrayList<>();
                for (int[] field : fields) {
                    // Indexes past the physical columns are metadata columns (read separately, below).
                    if (field[0] < read.size()) {
                        narrowed.add(read.get(field[0]));
                    }
                }
                read = List.copyOf(narrowed);
            }
            case "applyReadableMetadata" -> readsMetadata = !((List<?>) args[0]).isEmpty();
            case "applyPartitions" -> {
                for (Object partition : (List<?>) args[0]) {
                    ((Map<?, ?>) partition).keySet().forEach(column -> consumed.add(column.toString()));
                }
            }
            case "applyDynamicFiltering" -> ((List<?>) args[0]).forEach(column -> consumed.add(column.toString()));
            case "applyFilters" -> {
                SupportsFilterPushDown.Result result = (SupportsFilterPushDown.Result) forward(method, args);
                result.getAcceptedFilters().forEach(this::addReferencedColumns);
                return result;
            }
            case "applyAggregates" -> {
                Object accepted = forward(method, args);
                if (Boolean.TRUE.equals(accepted)) {
                    // The connector computes the statement's aggregates over columns it names by index: ask them all.
                    consumed.addAll(physical);
                }
                return accepted;
            }
            case "getScanRuntimeProvider", "getLookupRuntimeProvider" -> {
                // Flink's planner also asks for a scan before its push-downs, to learn whether it is bounded: the
                // check waits for the provider to be used.
                return checkedProvider(forward(method, args));
            }
            case "copy" -> {
                return proxy(new CheckedSource(
                        (DynamicTableSource) forward(method, args),
                        check,
                        physical,
                        metadata,
                        read,
                        readsMetadata,
                        consumed));
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            default -> {}
        }
        return forward(method, args);
    }

    private Object checkedProvider(Object provider) {
        List<String> columns = new ArrayList<>(read);
        consumed.stream().filter(column -> !columns.contains(column)).forEach(columns::add);
        boolean metadataRead = readsMetadata;
        InvocationHandler checked = (self, method, args) -> {
            switch (method.getName()) {
                case "isBounded", "getParallelism", "equals", "hashCode", "toString" -> {}
                default -> checkRead(columns, metadataRead);
            }
            return Proxies.forward(provider, method, args);
        };
        return Proxies.withInterfacesOf(provider, Object.class, checked);
    }

    private void checkRead(List<String> read, boolean readsMetadata) {
        List<String> columns = new ArrayList<>(read);
        String why = connector instanceof SupportsProjectionPushDown
                ? ""
                : "its connector reads every column, so a read asks select on every column";
        if (readsMetadata) {
            // The connector is told metadata keys, not which columns declared them: every metadata column is asked.
            columns.addAll(metadata);
            why = "a read of metadata columns asks select on every metadata column of the table";
        }
        check.select(columns, why);
    }

    private void addReferencedColumns(ResolvedExpression expression) {
        if (expression instanceof FieldReferenceExpression field) {
            consumed.add(field.getName());
        }
        expression.getResolvedChildren().forEach(this::addReferencedColumns);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        return Proxies.forward(connector, method, args);
    }
}
