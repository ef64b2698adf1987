package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import io.lakegate.trino.lineage.column.ColumnShape;
import io.lakegate.trino.lineage.column.Derivation;
import io.lakegate.trino.lineage.column.IndirectUse;
import io.lakegate.trino.lineage.column.SqlShape;
import io.lakegate.trino.lineage.column.TableName;
import io.lakegate.trino.lineage.event.DatasetNames.DatasetId;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputField;
import io.openlineage.client.OpenLineage.InputFieldTransformations;
import io.openlineage.client.OpenLineage.RunEvent;
import io.trino.spi.eventlistener.ColumnDetail;
import io.trino.spi.eventlistener.ColumnInfo;
import io.trino.spi.eventlistener.ColumnLineageInfo;
import io.trino.spi.eventlistener.OutputColumnMetadata;
import io.trino.spi.eventlistener.QueryContext;
import io.trino.spi.eventlistener.QueryCreatedEvent;
import io.trino.spi.eventlistener.QueryFailureInfo;
import io.trino.spi.eventlistener.QueryInputMetadata;
import io.trino.spi.eventlistener.QueryOutputMetadata;
import io.trino.spi.eventlistener.TableInfo;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Trino's query events into OpenLineage run events: START from a created query, COMPLETE or FAIL from a
 * completed one, with the same run id. Runs on the emitter's thread, never on Trino's.
 */
public final class RunEvents {
    /**
     * How Lakegate's Ranger bridge labels the masks it sets, as Trino re-prints them in its events: {@code
     * IF(('ranger-mask:MASK_HASH' IS NOT NULL), <mask>)}. Trino's events carry a mask's SQL only, and an auditor wants
     * Ranger's mask type.
     */
    public static final Pattern RANGER_MASK =
            Pattern.compile("^IF\\(\\(?'ranger-mask:([A-Z0-9_]{1,64})' IS NOT NULL\\)?, (.*)\\)$", Pattern.DOTALL);

    private static final System.Logger LOG = System.getLogger(RunEvents.class.getName());
    /** The type of a mask no label names: another access control's, not a Ranger type. */
    public static final String UNLABELLED_MASK = "UNKNOWN";
    /** A row filter's expression when expressions are not included: the hub still counts the filter. */
    public static final String HIDDEN = "(hidden)";
    /** Statements longer than this are sent cut, and not classified: an event must stay within what receivers take. */
    public static final int MAX_SQL_LENGTH = 65_536;

    private static final int MAX_JOB_NAME_LENGTH = 1_024;
    private static final String DIRECT = "DIRECT";
    // Trino hands source columns as a set: a fixed order makes the same query give the same event.
    private static final Comparator<InputField> FIELD_ORDER =
            Comparator.comparing(field -> field.getNamespace() + field.getName() + field.getField());
    private static final String INDIRECT = "INDIRECT";

    private final OpenLineage openLineage;
    private final URI producer;
    private final String jobNamespace;
    private final JobNames jobNames;
    private final DatasetNames datasetNames;
    private final QueryFilter filter;
    private final String trinoVersion;
    private final String pluginVersion;
    private final boolean includeExpressions;

    public RunEvents(
            URI producer,
            String jobNamespace,
            String jobNameFormat,
            DatasetNames datasetNames,
            QueryFilter filter,
            String trinoVersion,
            String pluginVersion,
            boolean includeExpressions) {
        this.producer = requireNonNull(producer, "producer is null");
        this.openLineage = new OpenLineage(producer);
        this.jobNamespace = requireNonNull(jobNamespace, "jobNamespace is null");
        this.jobNames = new JobNames(requireNonNull(jobNameFormat, "jobNameFormat is null"));
        this.datasetNames = requireNonNull(datasetNames, "datasetNames is null");
        this.filter = requireNonNull(filter, "filter is null");
        this.trinoVersion = requireNonNull(trinoVersion, "trinoVersion is null");
        this.pluginVersion = requireNonNull(pluginVersion, "pluginVersion is null");
        this.includeExpressions = includeExpressions;
    }

    /** The START of a query, or empty when it sends no events (a metadata query: see {@link QueryFilter#skips}). */
    public Optional<RunEvent> start(QueryCreatedEvent created) {
        QueryContext context = created.getContext();
        String sql = created.getMetadata().getQuery();
        Optional<SqlShape> shape =
                SqlShape.parse(created.getMetadata().getPreparedQuery().orElse(sql), MAX_SQL_LENGTH);
        if (shape.isPresent() && shape.get().skippable(context.getCatalog(), context.getSchema(), filter::skips)) {
            return Optional.empty();
        }
        String queryId = created.getMetadata().getQueryId();
        return Optional.of(openLineage
                .newRunEventBuilder()
                .eventType(RunEvent.EventType.START)
                .eventTime(time(created.getCreateTime()))
                .run(openLineage.newRun(
                        RunIds.of(queryId, created.getCreateTime()),
                        runFacets(queryId, context, Optional.empty(), Optional.empty())
                                .build()))
                .job(job(queryId, context, sql))
                .inputs(List.of())
                .outputs(List.of())
                .build());
    }

    /**
     * Whether a completed query sends no event, from what it really read and wrote: nothing, or only tables left out.
     * This decides over its START's decision, which the SQL alone made: a query that read a table its SQL did not
     * show (through a view, or a name a WITH elsewhere shadows) still sends its COMPLETE.
     */
    public boolean skips(CompletedQuery query) {
        if (query.io().getOutput().isPresent() || query.failure().isPresent()) {
            return false;
        }
        Optional<SqlShape> shape = SqlShape.parse(query.parsedSql(), MAX_SQL_LENGTH);
        if (shape.isEmpty() || !shape.get().isQuery()) {
            return false;
        }
        return filter.skips(
                query.io().getInputs().stream().map(RunEvents::table).toList());
    }

    /** The COMPLETE (or FAIL) of a query, with its datasets, column lineage, statistics and governance. */
    public RunEvent complete(CompletedQuery query) {
        QueryContext context = query.context();
        Map<TableName, TableInfo> tables = tables(query.tables());
        Map<TableName, Set<String>> masked = maskedColumns(tables);

        Map<TableName, Input> inputs = new LinkedHashMap<>();
        for (QueryInputMetadata input : query.io().getInputs()) {
            TableName name = table(input);
            if (!filter.excludes(name)) {
                inputs.computeIfAbsent(name, ignored -> new Input()).add(input);
            }
        }
        Set<TableName> views = new LinkedHashSet<>();
        tables.forEach((name, info) -> {
            if (info.getViewText().isPresent()) {
                views.add(name);
            }
        });
        Map<TableName, Set<String>> readColumns = new LinkedHashMap<>();
        inputs.forEach((name, input) -> readColumns.put(name, input.columns.keySet()));
        Optional<ColumnShape> shape = columnShape(query, readColumns, views);

        List<OpenLineage.InputDataset> inputDatasets = new ArrayList<>();
        inputs.forEach((name, input) -> inputDatasets.add(inputDataset(name, input, tables.get(name), context)));

        List<OpenLineage.OutputDataset> outputDatasets = new ArrayList<>();
        query.io()
                .getOutput()
                .filter(output -> !filter.excludes(table(output)))
                .ifPresent(output -> outputDatasets.add(outputDataset(output, query, shape, masked)));

        OpenLineage.RunFacetsBuilder runFacets =
                runFacets(query.queryId(), context, query.updateType(), query.failure());
        query.selectLineage()
                .filter(lineage -> !lineage.isEmpty() && query.io().getOutput().isEmpty())
                .ifPresent(
                        lineage -> runFacets.put(SelectColumnLineageFacet.NAME, selectLineage(lineage, shape, masked)));
        boolean failed = query.failure().isPresent();
        return openLineage
                .newRunEventBuilder()
                .eventType(failed ? RunEvent.EventType.FAIL : RunEvent.EventType.COMPLETE)
                .eventTime(time(query.ended()))
                .run(openLineage.newRun(RunIds.of(query.queryId(), query.created()), runFacets.build()))
                .job(job(query.queryId(), context, query.sql()))
                .inputs(inputDatasets)
                .outputs(outputDatasets)
                .build();
    }

    // Transformation types are extra: a statement the classification trips over still has its event, without them.
    private static Optional<ColumnShape> columnShape(
            CompletedQuery query, Map<TableName, Set<String>> readColumns, Set<TableName> views) {
        try {
            return SqlShape.parse(query.parsedSql(), MAX_SQL_LENGTH)
                    .flatMap(parsed -> parsed.columns(
                            query.context().getCatalog(), query.context().getSchema(), readColumns, views));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "No transformation types for query " + query.queryId(), e);
            return Optional.empty();
        }
    }

    private OpenLineage.Job job(String queryId, QueryContext context, String sql) {
        return openLineage.newJob(
                jobNamespace,
                cut(jobNames.name(queryId, context), MAX_JOB_NAME_LENGTH),
                openLineage
                        .newJobFacetsBuilder()
                        .sql(openLineage.newSQLJobFacet(cut(sql, MAX_SQL_LENGTH), "trino"))
                        .jobType(openLineage.newJobTypeJobFacet("BATCH", "TRINO", "QUERY", null))
                        .ownership(openLineage.newOwnershipJobFacet(
                                List.of(openLineage.newOwnershipJobFacetOwners(context.getUser(), "USER"))))
                        .build());
    }

    private OpenLineage.RunFacetsBuilder runFacets(
            String queryId, QueryContext context, Optional<String> updateType, Optional<QueryFailureInfo> failure) {
        OpenLineage.RunFacetsBuilder facets = openLineage
                .newRunFacetsBuilder()
                .processing_engine(openLineage.newProcessingEngineRunFacet(trinoVersion, "Trino", pluginVersion))
                .put(
                        TrinoQueryFacet.NAME,
                        new TrinoQueryFacet(
                                producer,
                                queryId,
                                context.getQueryType().map(Enum::name),
                                updateType,
                                context.getUser(),
                                context.getSource()));
        ParentRun.fromClientTags(context.getClientTags())
                .ifPresent(parent -> facets.parent(openLineage.newParentRunFacet(
                        openLineage.newParentRunFacetRun(parent.runId(), null),
                        openLineage.newParentRunFacetJob(parent.jobNamespace(), parent.jobName(), null),
                        null)));
        failure.ifPresent(info -> facets.errorMessage(openLineage.newErrorMessageRunFacet(
                info.getFailureMessage().orElse(info.getErrorCode().getName()),
                "SQL",
                info.getErrorCode().getName() + " (" + info.getErrorCode().getType() + ")"
                        + info.getFailureType().map(type -> ": " + type).orElse(""))));
        return facets;
    }

    private OpenLineage.InputDataset inputDataset(TableName name, Input input, TableInfo info, QueryContext context) {
        DatasetId id = datasetNames.of(name);
        List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
        input.columns.forEach((column, type) -> fields.add(openLineage
                .newSchemaDatasetFacetFieldsBuilder()
                .name(column)
                .type(type)
                .build()));
        OpenLineage.InputDatasetInputFacetsBuilder inputFacets = openLineage.newInputDatasetInputFacetsBuilder();
        if (input.rows.isPresent() || input.bytes.isPresent()) {
            inputFacets.inputStatistics(
                    openLineage.newInputStatisticsInputDatasetFacet(boxed(input.rows), boxed(input.bytes), null));
        }
        governance(info, input.columns.keySet(), context.getUser())
                .ifPresent(facet -> inputFacets.put(GovernanceFacet.NAME, facet));
        return openLineage
                .newInputDatasetBuilder()
                .namespace(id.namespace())
                .name(id.name())
                .facets(openLineage
                        .newDatasetFacetsBuilder()
                        .schema(openLineage.newSchemaDatasetFacet(fields))
                        .build())
                .inputFacets(inputFacets.build())
                .build();
    }

    /**
     * What access control did to a read, for the columns the query read (Trino lists a mask for every column of the
     * table it masks). Expressions are policy text: left out unless {@code openlineage.governance.include-expressions}.
     */
    private Optional<GovernanceFacet> governance(TableInfo info, Set<String> read, String user) {
        if (info == null) {
            return Optional.empty();
        }
        List<GovernanceFacet.MaskedColumn> masked = new ArrayList<>();
        for (ColumnInfo column : info.getColumns()) {
            if (column.getMask().isEmpty() || !read.contains(column.getColumn())) {
                continue;
            }
            String mask = column.getMask().get();
            Matcher label = RANGER_MASK.matcher(mask);
            boolean labelled = label.matches();
            masked.add(new GovernanceFacet.MaskedColumn(
                    column.getColumn(),
                    labelled ? label.group(1) : UNLABELLED_MASK,
                    includeExpressions ? Optional.of(labelled ? label.group(2) : mask) : Optional.empty()));
        }
        Optional<GovernanceFacet.RowFilter> rowFilter = Optional.empty();
        if (!info.getFilters().isEmpty()) {
            String expression = info.getFilters().size() == 1
                    ? info.getFilters().get(0)
                    : "(" + String.join(") AND (", info.getFilters()) + ")";
            rowFilter = Optional.of(new GovernanceFacet.RowFilter(includeExpressions ? expression : HIDDEN));
        }
        if (masked.isEmpty() && rowFilter.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GovernanceFacet(producer, user, masked, rowFilter));
    }

    private OpenLineage.OutputDataset outputDataset(
            QueryOutputMetadata output,
            CompletedQuery query,
            Optional<ColumnShape> shape,
            Map<TableName, Set<String>> masked) {
        DatasetId id = datasetNames.of(table(output));
        OpenLineage.DatasetFacetsBuilder facets = openLineage.newDatasetFacetsBuilder();
        output.getColumns().ifPresent(columns -> {
            List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
            OpenLineage.ColumnLineageDatasetFacetFieldsBuilder lineage =
                    openLineage.newColumnLineageDatasetFacetFieldsBuilder();
            boolean anyLineage = false;
            for (int position = 0; position < columns.size(); position++) {
                OutputColumnMetadata column = columns.get(position);
                fields.add(openLineage
                        .newSchemaDatasetFacetFieldsBuilder()
                        .name(column.getColumnName())
                        .type(column.getColumnType())
                        .build());
                int index = position;
                Optional<Derivation> derivation =
                        shape.flatMap(known -> known.derivation(index, column.getColumnName()));
                List<InputField> sources = directSources(column.getSourceColumns(), derivation, masked);
                if (!sources.isEmpty()) {
                    anyLineage = true;
                    lineage.put(
                            column.getColumnName(),
                            openLineage.newColumnLineageDatasetFacetFieldsAdditional(sources, null, null));
                }
            }
            facets.schema(openLineage.newSchemaDatasetFacet(fields));
            List<InputField> indirect = indirect(shape);
            if (anyLineage || !indirect.isEmpty()) {
                facets.columnLineage(openLineage.newColumnLineageDatasetFacet(lineage.build(), indirect));
            }
        });
        return openLineage
                .newOutputDatasetBuilder()
                .namespace(id.namespace())
                .name(id.name())
                .facets(facets.build())
                .outputFacets(openLineage
                        .newOutputDatasetOutputFacetsBuilder()
                        .outputStatistics(openLineage.newOutputStatisticsOutputDatasetFacet(
                                query.writtenRows(), query.writtenBytes(), null))
                        .build())
                .build();
    }

    private SelectColumnLineageFacet selectLineage(
            List<ColumnLineageInfo> lineage, Optional<ColumnShape> shape, Map<TableName, Set<String>> masked) {
        Map<String, OpenLineage.ColumnLineageDatasetFacetFieldsAdditional> fields = new LinkedHashMap<>();
        for (int position = 0; position < lineage.size(); position++) {
            ColumnLineageInfo column = lineage.get(position);
            int index = position;
            Optional<Derivation> derivation = shape.flatMap(known -> known.derivation(index, column.name()));
            List<InputField> sources = directSources(column.sourceColumns(), derivation, masked);
            if (!sources.isEmpty()) {
                // An unnamed result column is _col<n> in Trino's answer to the client.
                fields.putIfAbsent(
                        column.name().isEmpty() ? "_col" + position : column.name(),
                        openLineage.newColumnLineageDatasetFacetFieldsAdditional(sources, null, null));
            }
        }
        return new SelectColumnLineageFacet(producer, fields, indirect(shape));
    }

    private List<InputField> directSources(
            Set<ColumnDetail> sourceColumns, Optional<Derivation> derivation, Map<TableName, Set<String>> masked) {
        List<InputField> sources = new ArrayList<>();
        for (ColumnDetail source : sourceColumns) {
            TableName table = new TableName(source.getCatalog(), source.getSchema(), source.getTable());
            if (filter.excludes(table)) {
                continue;
            }
            DatasetId id = datasetNames.of(table);
            boolean isMasked = masked.getOrDefault(table, Set.of()).contains(source.getColumnName());
            InputFieldTransformations transformation = openLineage.newInputFieldTransformations(
                    DIRECT, derivation.map(Enum::name).orElse(null), null, isMasked);
            sources.add(openLineage.newInputField(
                    id.namespace(), id.name(), source.getColumnName(), List.of(transformation)));
        }
        sources.sort(FIELD_ORDER);
        return sources;
    }

    private List<InputField> indirect(Optional<ColumnShape> shape) {
        List<InputField> fields = new ArrayList<>();
        shape.ifPresent(known -> known.indirect().forEach((column, uses) -> {
            if (filter.excludes(column.table())) {
                return;
            }
            DatasetId id = datasetNames.of(column.table());
            List<InputFieldTransformations> transformations = new ArrayList<>();
            for (IndirectUse use : uses) {
                transformations.add(openLineage.newInputFieldTransformations(INDIRECT, use.name(), null, false));
            }
            fields.add(openLineage.newInputField(id.namespace(), id.name(), column.column(), transformations));
        }));
        fields.sort(FIELD_ORDER);
        return fields;
    }

    private static Map<TableName, TableInfo> tables(List<TableInfo> infos) {
        Map<TableName, TableInfo> tables = new LinkedHashMap<>();
        for (TableInfo info : infos) {
            // A table read directly and through a view appears twice; the direct read is this query's.
            tables.merge(
                    new TableName(info.getCatalog(), info.getSchema(), info.getTable()),
                    info,
                    (first, second) -> first.isDirectlyReferenced() ? first : second);
        }
        return tables;
    }

    private static Map<TableName, Set<String>> maskedColumns(Map<TableName, TableInfo> tables) {
        Map<TableName, Set<String>> masked = new LinkedHashMap<>();
        tables.forEach((name, info) -> {
            for (ColumnInfo column : info.getColumns()) {
                if (column.getMask().isPresent()) {
                    masked.computeIfAbsent(name, ignored -> new LinkedHashSet<>())
                            .add(column.getColumn());
                }
            }
        });
        return masked;
    }

    static TableName table(QueryInputMetadata input) {
        return new TableName(input.getCatalogName(), input.getSchema(), input.getTable());
    }

    private static TableName table(QueryOutputMetadata output) {
        return new TableName(output.getCatalogName(), output.getSchema(), output.getTable());
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static ZonedDateTime time(Instant instant) {
        return ZonedDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** One table's reads in a query (a table scanned twice is one input), columns in the order first read. */
    private static final class Input {
        private final Map<String, String> columns = new LinkedHashMap<>();
        private OptionalLong rows = OptionalLong.empty();
        private OptionalLong bytes = OptionalLong.empty();

        void add(QueryInputMetadata input) {
            for (QueryInputMetadata.Column column : input.getColumns()) {
                columns.putIfAbsent(column.name(), column.type());
            }
            rows = sum(rows, input.getPhysicalInputRows());
            bytes = sum(bytes, input.getPhysicalInputBytes());
        }

        private static OptionalLong sum(OptionalLong a, OptionalLong b) {
            if (a.isEmpty()) {
                return b;
            }
            return b.isEmpty() ? a : OptionalLong.of(a.getAsLong() + b.getAsLong());
        }
    }
}
