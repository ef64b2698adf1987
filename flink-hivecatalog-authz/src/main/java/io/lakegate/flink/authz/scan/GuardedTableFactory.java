package io.lakegate.flink.authz.scan;

import static io.lakegate.flink.authz.privilege.Operation.WRITE_TABLE;
import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.kafka.TopicAccess;
import io.lakegate.flink.authz.privilege.Guard;
import io.lakegate.flink.authz.protection.ProtectedSource;
import io.lakegate.flink.lineage.capture.CatalogLineage;
import io.lakegate.ranger.TableProtection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * The factory the planner builds a guarded catalog's tables with: the one place Flink tells a read (a source) from a
 * write (a sink). A source is checked for select on the columns finally read, and filtered and masked where Ranger
 * says so; a sink needs update. Sources and sinks themselves are the wrapped catalog's (Hive's factory for Hive and
 * generic tables, or connector discovery).
 */
public final class GuardedTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {
    private final String catalogName;
    private final Catalog delegate;
    private final Guard guard;
    private final TableOptionsGuard options;
    private final TopicAccess topics;
    private final Optional<CatalogLineage> lineage;

    public GuardedTableFactory(
            String catalogName,
            Catalog delegate,
            Guard guard,
            TableOptionsGuard options,
            TopicAccess topics,
            Optional<CatalogLineage> lineage) {
        this.catalogName = requireNonNull(catalogName, "catalogName is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.options = requireNonNull(options, "options is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        return source(context);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        DynamicTableSink sink = sink(context);
        return lineage.map(catalog -> catalog.writing(
                        sink, context.getObjectIdentifier(), context.getCatalogTable(), context.getConfiguration()))
                .orElse(sink);
    }

    private DynamicTableSource source(Context context) {
        ObjectIdentifier table = governed(context);
        options.check(table.toObjectPath(), context.getCatalogTable().getOptions(), guard.user());
        topics.require(
                table.toObjectPath().getFullName(),
                context.getCatalogTable().getOptions(),
                List.of(TopicAccess.CONSUME));
        DynamicTableSource connector = FactoryUtil.createDynamicTableSource(
                FactoryUtil.getDynamicTableFactory(DynamicTableSourceFactory.class, delegate)
                        .orElse(null),
                table,
                context.getCatalogTable(),
                context.getEnrichmentOptions(),
                context.getConfiguration(),
                context.getClassLoader(),
                context.isTemporary());
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        List<String> physical = schema.getColumns().stream()
                .filter(Column::isPhysical)
                .map(Column::getName)
                .toList();
        Map<String, String> metadataColumns = new LinkedHashMap<>();
        schema.getColumns().stream()
                .filter(column -> column instanceof Column.MetadataColumn)
                .map(column -> (Column.MetadataColumn) column)
                .forEach(column ->
                        metadataColumns.put(column.getMetadataKey().orElse(column.getName()), column.getName()));
        List<String> metadata = List.copyOf(metadataColumns.values());
        List<String> columns = new ArrayList<>(physical);
        columns.addAll(metadata);
        ReadCheck check = new ReadCheck(
                guard,
                table.getDatabaseName(),
                table.getObjectName(),
                () -> lineage.ifPresent(
                        catalog -> catalog.read(table, context.getCatalogTable(), context.getConfiguration())));
        TableProtection protection = guard.protection(table.getDatabaseName(), table.getObjectName(), columns);
        if (protection.rowFilter().isEmpty() && protection.masks().isEmpty()) {
            return CheckedSource.wrap(connector, check, physical, metadata);
        }
        if (!(connector instanceof ScanTableSource scan)) {
            throw new AccessControlException(check.refusal("a row filter or a mask applies to the user's reads of it,"
                    + " and its connector offers lookups only"));
        }
        return new ProtectedSource(
                scan, check, (RowType) context.getPhysicalRowDataType().getLogicalType(), metadataColumns, protection);
    }

    private DynamicTableSink sink(Context context) {
        ObjectIdentifier table = governed(context);
        guard.require(WRITE_TABLE, table.getDatabaseName(), table.getObjectName());
        options.check(table.toObjectPath(), context.getCatalogTable().getOptions(), guard.user());
        topics.require(
                table.toObjectPath().getFullName(),
                context.getCatalogTable().getOptions(),
                List.of(TopicAccess.PUBLISH));
        return FactoryUtil.createDynamicTableSink(
                FactoryUtil.getDynamicTableFactory(DynamicTableSinkFactory.class, delegate)
                        .orElse(null),
                table,
                context.getCatalogTable(),
                context.getEnrichmentOptions(),
                context.getConfiguration(),
                context.getClassLoader(),
                context.isTemporary());
    }

    // A null factory makes Flink discover the connector's, as it does for a catalog without one.
    // The planner asks a catalog's factory for that catalog's permanent tables only; anything else was not meant for
    // this factory and is refused rather than built unguarded.
    private ObjectIdentifier governed(Context context) {
        ObjectIdentifier table = context.getObjectIdentifier();
        if (context.isTemporary() || !table.getCatalogName().equals(catalogName)) {
            throw new AccessControlException("Permission denied: user [" + guard.user() + "]: the guard of catalog ["
                    + catalogName + "] was asked to build [" + table.asSummaryString() + "], which is not one of its"
                    + " tables");
        }
        return table;
    }

    @Override
    public String factoryIdentifier() {
        return "lakegate-guarded";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }
}
