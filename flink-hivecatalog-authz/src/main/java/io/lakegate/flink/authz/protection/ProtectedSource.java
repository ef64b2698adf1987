package io.lakegate.flink.authz.protection;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.scan.ReadCheck;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.mask.UnsupportedMaskException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.InputFormatProvider;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.flink.types.RowKind;

/**
 * A scan of a table that has a row filter or masks for its reader: the connector's own scan, narrowed to the
 * columns the statement and the policies need, then filtered and masked by a query the guard plans itself, in the
 * job, batch or streaming. It offers the planner projection push-down only: a pushed-down filter, limit,
 * partition pruning or dynamic filtering would run on stored values before the policies (an oracle on masked
 * values, or rows the filter hides counted), and statistics describe stored values.
 */
public final class ProtectedSource implements ScanTableSource, SupportsProjectionPushDown {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|`([^`]|``)+`");

    private final ScanTableSource connector;
    private final ReadCheck check;
    private final RowType physical;
    private final TableProtection protection;
    // The statement's columns: Flink's sources are mutable, and applyProjection narrows this one's.
    private int[] projection;

    public ProtectedSource(ScanTableSource connector, ReadCheck check, RowType physical, TableProtection protection) {
        this(
                connector,
                check,
                physical,
                protection,
                IntStream.range(0, physical.getFieldCount()).toArray());
    }

    private ProtectedSource(
            ScanTableSource connector,
            ReadCheck check,
            RowType physical,
            TableProtection protection,
            int[] projection) {
        this.connector = requireNonNull(connector, "connector is null");
        this.check = requireNonNull(check, "check is null");
        this.physical = requireNonNull(physical, "physical is null");
        this.protection = requireNonNull(protection, "protection is null");
        this.projection = projection.clone();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return connector.getChangelogMode();
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        int[] top = new int[projectedFields.length];
        for (int i = 0; i < projectedFields.length; i++) {
            top[i] = projection[projectedFields[i][0]];
        }
        projection = top;
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        if (!connector.getChangelogMode().containsOnly(RowKind.INSERT)) {
            throw new AccessControlException(check.refusal("a row filter or a mask applies to the user's reads of it,"
                    + " and its connector produces a changelog (updates and deletes), which the guard cannot filter or"
                    + " mask"));
        }
        List<String> names = physical.getFieldNames();
        int[] read = projection.clone();
        List<PolicySql.Column> columns = new ArrayList<>();
        for (int index : read) {
            columns.add(new PolicySql.Column(names.get(index), physical.getTypeAt(index)));
        }
        List<String> selected = columns.stream().map(PolicySql.Column::name).toList();

        // The connector reads the statement's columns and those the policies name; every other column stays unread.
        Set<Integer> needed = new TreeSet<>();
        Arrays.stream(read).forEach(needed::add);
        referenced(names).forEach(needed::add);
        int[] scanned = needed.stream().mapToInt(Integer::intValue).toArray();
        ScanTableSource scan = (ScanTableSource) connector.copy();
        RowType scannedType = physical;
        if (scan instanceof SupportsProjectionPushDown projecting) {
            int[][] fields = Arrays.stream(scanned).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
            scannedType = project(physical, scanned);
            projecting.applyProjection(fields, TypeConversions.fromLogicalToDataType(scannedType));
        }
        PolicySql sql;
        try {
            sql = PolicySql.of(columns, protection.rowFilter().map(filter -> filter.expression()), protection.masks());
        } catch (UnsupportedMaskException e) {
            throw new AccessControlException(check.refusal(e.getMessage()));
        }
        ScanRuntimeProvider provider = scan.getScanRuntimeProvider(context);
        RowType input = scannedType;
        RowType output = project(physical, read);
        return new DataStreamScanProvider() {
            @Override
            public boolean isBounded() {
                return provider.isBounded();
            }

            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment execEnv) {
                // Checked here, not above: Flink's planner also asks for a scan before its push-downs, to learn
                // whether it is bounded.
                check.select(selected, "");
                DataStream<RowData> rows = stream(provider, providerContext, execEnv, input);
                return protect(rows, execEnv, sql, output);
            }
        };
    }

    private DataStream<RowData> protect(
            DataStream<RowData> rows, StreamExecutionEnvironment execEnv, PolicySql sql, RowType output) {
        // A planner of the guard's own, on the job's environment: it sees no user function, view or setting.
        StreamTableEnvironment planner = StreamTableEnvironment.create(execEnv);
        sql.functions().forEach(planner::createTemporarySystemFunction);
        planner.createTemporaryView(PolicySql.SOURCE, planner.fromDataStream(rows));
        Table protectedRows;
        try {
            protectedRows = planner.sqlQuery(sql.query());
        } catch (RuntimeException e) {
            throw new AccessControlException(check.refusal(
                    "its row filter or mask policies cannot be applied in Flink" + " SQL (" + rootMessage(e) + ")"));
        }
        return planner.toDataStream(
                protectedRows, TypeConversions.fromLogicalToDataType(output).bridgedTo(RowData.class));
    }

    private static DataStream<RowData> stream(
            ScanRuntimeProvider provider,
            ProviderContext providerContext,
            StreamExecutionEnvironment execEnv,
            RowType type) {
        InternalTypeInfo<RowData> typeInfo = InternalTypeInfo.of(type);
        if (provider instanceof DataStreamScanProvider dataStream) {
            return dataStream.produceDataStream(providerContext, execEnv);
        }
        if (provider instanceof SourceProvider source) {
            return execEnv.fromSource(source.createSource(), WatermarkStrategy.noWatermarks(), "source", typeInfo);
        }
        if (provider instanceof InputFormatProvider input) {
            return execEnv.createInput(input.createInputFormat(), typeInfo);
        }
        throw new AccessControlException("The guard cannot filter or mask a scan of kind ["
                + provider.getClass().getName() + "]");
    }

    // Names the policies' SQL mentions, matched case-insensitively: a name read that no policy uses costs a column
    // read, a name missed would fail the policy query (never leak).
    private List<Integer> referenced(List<String> names) {
        List<String> texts = new ArrayList<>();
        protection.rowFilter().ifPresent(filter -> texts.add(filter.expression()));
        protection.masks().forEach((column, mask) -> {
            texts.add(column);
            mask.customExpression().ifPresent(texts::add);
            mask.condition().ifPresent(texts::add);
        });
        Set<String> identifiers = new TreeSet<>();
        for (String text : texts) {
            Matcher matcher = IDENTIFIER.matcher(text);
            while (matcher.find()) {
                String token = matcher.group();
                if (token.startsWith("`")) {
                    token = token.substring(1, token.length() - 1).replace("``", "`");
                }
                identifiers.add(token.toLowerCase(Locale.ROOT));
            }
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (identifiers.contains(names.get(i).toLowerCase(Locale.ROOT))) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static RowType project(RowType type, int[] fields) {
        List<RowType.RowField> projected = new ArrayList<>();
        for (int field : fields) {
            projected.add(type.getFields().get(field));
        }
        return new RowType(type.isNullable(), projected);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public DynamicTableSource copy() {
        return new ProtectedSource((ScanTableSource) connector.copy(), check, physical, protection, projection);
    }

    @Override
    public String asSummaryString() {
        return "Lakegate row filter and masks over " + connector.asSummaryString();
    }
}
