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
import java.util.Map;
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
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
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
public final class ProtectedSource implements ScanTableSource, SupportsProjectionPushDown, SupportsReadingMetadata {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|`([^`]|``)+`");

    private final ScanTableSource connector;
    private final ReadCheck check;
    private final RowType physical;
    private final TableProtection protection;
    // Metadata key -> the name of the table's column that reads it.
    private final Map<String, String> metadataColumns;
    // The statement's columns: Flink's sources are mutable, and applyProjection narrows this one's,
    // applyReadableMetadata chooses its metadata.
    private int[] projection;
    private List<String> metadataKeys;

    /**
     * A protected scan of {@code connector}, whose table has the {@code physical} columns and reads metadata key
     * {@code k} into column {@code metadataColumns.get(k)}.
     */
    public ProtectedSource(
            ScanTableSource connector,
            ReadCheck check,
            RowType physical,
            Map<String, String> metadataColumns,
            TableProtection protection) {
        this(
                connector,
                check,
                physical,
                metadataColumns,
                protection,
                IntStream.range(0, physical.getFieldCount()).toArray(),
                List.of());
    }

    private ProtectedSource(
            ScanTableSource connector,
            ReadCheck check,
            RowType physical,
            Map<String, String> metadataColumns,
            TableProtection protection,
            int[] projection,
            List<String> metadataKeys) {
        this.connector = requireNonNull(connector, "connector is null");
        this.check = requireNonNull(check, "check is null");
        this.physical = requireNonNull(physical, "physical is null");
        this.metadataColumns = Map.copyOf(requireNonNull(metadataColumns, "metadataColumns is null"));
        this.protection = requireNonNull(protection, "protection is null");
        this.projection = projection.clone();
        this.metadataKeys = List.copyOf(metadataKeys);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        return connector instanceof SupportsReadingMetadata reading ? reading.listReadableMetadata() : Map.of();
    }

    // The produced type is the planner's to name; this source builds its own from the connector's metadata types.
    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        metadataKeys = List.copyOf(keys);
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
        // Physical columns only: Flink chooses metadata columns through applyReadableMetadata.
        projection = Arrays.stream(projectedFields)
                .mapToInt(field -> projection[field[0]])
                .toArray();
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
        Map<String, DataType> readable = listReadableMetadata();
        List<PolicySql.Column> columns = new ArrayList<>();
        for (int index : read) {
            columns.add(new PolicySql.Column(names.get(index), physical.getTypeAt(index)));
        }
        for (String key : metadataKeys) {
            columns.add(
                    new PolicySql.Column(metadataColumn(key), readable.get(key).getLogicalType()));
        }
        List<String> selected = columns.stream().map(PolicySql.Column::name).toList();

        // The connector reads the statement's columns and those the policies name; every other column stays unread.
        Set<Integer> needed = new TreeSet<>();
        Arrays.stream(read).forEach(needed::add);
        Set<String> referenced = referenced();
        IntStream.range(0, names.size())
                .filter(i -> referenced.contains(names.get(i).toLowerCase(Locale.ROOT)))
                .forEach(needed::add);
        int[] scanned = needed.stream().mapToInt(Integer::intValue).toArray();
        // Metadata in the order the connector lists it, as SupportsReadingMetadata requires.
        List<String> keys = readable.keySet().stream()
                .filter(key -> metadataKeys.contains(key)
                        || (metadataColumns.containsKey(key)
                                && referenced.contains(metadataColumn(key).toLowerCase(Locale.ROOT))))
                .toList();
        ScanTableSource scan = (ScanTableSource) connector.copy();
        RowType scannedType = physical;
        if (scan instanceof SupportsProjectionPushDown projecting) {
            int[][] fields = Arrays.stream(scanned).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
            scannedType = project(physical, scanned);
            projecting.applyProjection(fields, TypeConversions.fromLogicalToDataType(scannedType));
        }
        List<RowType.RowField> inputFields = new ArrayList<>(scannedType.getFields());
        keys.forEach(key -> inputFields.add(
                new RowType.RowField(metadataColumn(key), readable.get(key).getLogicalType())));
        RowType input = new RowType(false, inputFields);
        if (!keys.isEmpty()) {
            ((SupportsReadingMetadata) scan).applyReadableMetadata(keys, TypeConversions.fromLogicalToDataType(input));
        }
        PolicySql sql;
        try {
            sql = PolicySql.of(columns, protection.rowFilter().map(filter -> filter.expression()), protection.masks());
        } catch (UnsupportedMaskException e) {
            throw new AccessControlException(check.refusal(e.getMessage()));
        }
        ScanRuntimeProvider provider = scan.getScanRuntimeProvider(context);
        List<RowType.RowField> outputFields =
                new ArrayList<>(project(physical, read).getFields());
        metadataKeys.forEach(key -> outputFields.add(
                new RowType.RowField(metadataColumn(key), readable.get(key).getLogicalType())));
        RowType output = new RowType(false, outputFields);
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
                return protect(rows, execEnv, sql, input, output);
            }
        };
    }

    private DataStream<RowData> protect(
            DataStream<RowData> rows,
            StreamExecutionEnvironment execEnv,
            PolicySql sql,
            RowType input,
            RowType output) {
        // A planner of the guard's own, on the job's environment: it sees no user function, view or setting.
        StreamTableEnvironment planner = StreamTableEnvironment.create(execEnv);
        sql.functions().forEach(planner::createTemporarySystemFunction);
        // By position: a connector names the fields of its own stream (metadata ones especially) as it likes.
        List<String> fields = input.getFieldNames();
        planner.createTemporaryView(
                PolicySql.SOURCE,
                planner.fromDataStream(rows)
                        .as(fields.get(0), fields.subList(1, fields.size()).toArray(String[]::new)));
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
    private Set<String> referenced() {
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
        return identifiers;
    }

    private String metadataColumn(String key) {
        String column = metadataColumns.get(key);
        if (column == null) {
            throw new AccessControlException(check.refusal(
                    "the planner asked for metadata [" + key + "], which no" + " column of the table reads"));
        }
        return column;
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
        return new ProtectedSource(
                (ScanTableSource) connector.copy(),
                check,
                physical,
                metadataColumns,
                protection,
                projection,
                metadataKeys);
    }

    @Override
    public String asSummaryString() {
        return "Lakegate row filter and masks over " + connector.asSummaryString();
    }
}
