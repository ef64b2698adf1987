package io.lakegate.flink.lineage.event;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.lineage.capture.PlannedJob;
import io.lakegate.flink.lineage.capture.TableUse;
import io.lakegate.flink.lineage.naming.FlinkDatasets;
import io.lakegate.flink.lineage.naming.FlinkDatasets.DatasetId;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeUtils;

/**
 * The OpenLineage run events of one Flink job: its job is named as Flink names it ({@code pipeline.name}, else {@code
 * insert-into_<sink tables>}; a query without a sink is {@code collect_<tables read>}, where Flink says only {@code
 * collect}), owned by the session's user, typed {@code STREAMING} or {@code BATCH}; every event carries the job's
 * inputs and outputs with their schemas.
 */
public final class FlinkRunEvents {
    private static final URI PRODUCER =
            URI.create("https://github.com/lakegate/lakegate/tree/main/flink-hivecatalog-authz");
    private static final int MAX_STACK_TRACE = 16 * 1024;

    private final OpenLineage openLineage = new OpenLineage(PRODUCER);
    private final PlannedJob job;
    private final UUID runId;
    private final String flinkVersion;
    private final String pluginVersion;

    public FlinkRunEvents(PlannedJob job, UUID runId, String flinkVersion, String pluginVersion) {
        this.job = requireNonNull(job, "job is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.flinkVersion = requireNonNull(flinkVersion, "flinkVersion is null");
        this.pluginVersion = requireNonNull(pluginVersion, "pluginVersion is null");
    }

    /** The job's name, as Flink's own ({@code pipeline.name} or {@code insert-into_<sinks>}). */
    public String jobName() {
        if (job.pipelineName().isPresent()) {
            return job.pipelineName().get();
        }
        if (!job.outputs().isEmpty()) {
            return job.outputs().stream()
                    .map(output -> output.table().asSummaryString())
                    .collect(Collectors.joining(",", "insert-into_", ""));
        }
        return job.inputs().stream()
                .map(input -> input.table().asSummaryString())
                .collect(Collectors.joining(",", "collect_", ""));
    }

    public RunEvent event(RunEvent.EventType type, Optional<Throwable> failure) {
        requireNonNull(type, "type is null");
        requireNonNull(failure, "failure is null");
        OpenLineage.RunFacetsBuilder runFacets = openLineage
                .newRunFacetsBuilder()
                .processing_engine(openLineage.newProcessingEngineRunFacet(flinkVersion, "flink", pluginVersion));
        job.settings()
                .parent()
                .ifPresent(parent -> runFacets.parent(openLineage.newParentRunFacet(
                        openLineage.newParentRunFacetRun(parent.runId(), null),
                        openLineage.newParentRunFacetJob(parent.jobNamespace(), parent.jobName(), null),
                        null)));
        failure.ifPresent(error ->
                runFacets.errorMessage(openLineage.newErrorMessageRunFacet(message(error), "JAVA", stackTrace(error))));
        return openLineage
                .newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
                .run(openLineage.newRun(runId, runFacets.build()))
                .job(openLineage.newJob(
                        job.settings().namespace(),
                        jobName(),
                        openLineage
                                .newJobFacetsBuilder()
                                .jobType(openLineage.newJobTypeJobFacet(
                                        job.streaming() ? "STREAMING" : "BATCH", "FLINK", "JOB", null))
                                .ownership(openLineage.newOwnershipJobFacet(
                                        List.of(openLineage.newOwnershipJobFacetOwners(job.user(), "USER"))))
                                .build()))
                .inputs(inputs())
                .outputs(outputs())
                .build();
    }

    private List<OpenLineage.InputDataset> inputs() {
        List<OpenLineage.InputDataset> inputs = new ArrayList<>();
        for (TableUse table : job.inputs()) {
            OpenLineage.DatasetFacets facets = facets(table);
            for (DatasetId id : FlinkDatasets.of(table)) {
                inputs.add(openLineage
                        .newInputDatasetBuilder()
                        .namespace(id.namespace())
                        .name(id.name())
                        .facets(facets)
                        .build());
            }
        }
        return inputs;
    }

    private List<OpenLineage.OutputDataset> outputs() {
        List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
        for (TableUse table : job.outputs()) {
            OpenLineage.DatasetFacets facets = facets(table);
            for (DatasetId id : FlinkDatasets.of(table)) {
                outputs.add(openLineage
                        .newOutputDatasetBuilder()
                        .namespace(id.namespace())
                        .name(id.name())
                        .facets(facets)
                        .build());
            }
        }
        return outputs;
    }

    private OpenLineage.DatasetFacets facets(TableUse table) {
        List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
        for (Column column : table.schema().getColumns()) {
            fields.add(openLineage
                    .newSchemaDatasetFacetFieldsBuilder()
                    .name(column.getName())
                    .type(typeName(column.getDataType().getLogicalType()))
                    .build());
        }
        OpenLineage.DatasetFacetsBuilder facets =
                openLineage.newDatasetFacetsBuilder().schema(openLineage.newSchemaDatasetFacet(fields));
        if (FlinkDatasets.hasSymlink(table)) {
            DatasetId catalogTable = FlinkDatasets.catalogTable(table);
            facets.symlinks(openLineage.newSymlinksDatasetFacet(List.of(openLineage.newSymlinksDatasetFacetIdentifiers(
                    catalogTable.namespace(), catalogTable.name(), "TABLE"))));
        }
        return facets.build();
    }

    // As Flink's DESCRIBE shows the type (STRING, not VARCHAR(2147483647)); a rowtime attribute is its timestamp.
    private static String typeName(LogicalType type) {
        return LogicalTypeUtils.removeTimeAttributes(type).asSummaryString();
    }

    private static String message(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        return text.length() > MAX_STACK_TRACE ? text.substring(0, MAX_STACK_TRACE) : text;
    }
}
