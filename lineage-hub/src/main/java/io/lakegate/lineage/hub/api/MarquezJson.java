package io.lakegate.lineage.hub.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.graph.ColumnInput;
import io.lakegate.lineage.hub.graph.ColumnLineage;
import io.lakegate.lineage.hub.graph.Dataset;
import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.DatasetVersion;
import io.lakegate.lineage.hub.graph.DatasetVersionRef;
import io.lakegate.lineage.hub.graph.Field;
import io.lakegate.lineage.hub.graph.Job;
import io.lakegate.lineage.hub.graph.LineageGraph;
import io.lakegate.lineage.hub.graph.Namespace;
import io.lakegate.lineage.hub.graph.Run;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Marquez's JSON shapes (API v1), field for field: absent values are written as {@code null}, times as ISO-8601
 * instants, ids as {@code {"namespace","name"}}. See the module README for what differs from Marquez.
 */
final class MarquezJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "ABORTED");

    private final LineageGraph graph;

    MarquezJson(LineageGraph graph) {
        this.graph = requireNonNull(graph, "graph is null");
    }

    static ObjectNode namespace(Namespace namespace) {
        ObjectNode json = JSON.objectNode();
        json.put("name", namespace.name());
        time(json, "createdAt", namespace.createdAt());
        time(json, "updatedAt", namespace.updatedAt());
        json.put("ownerName", "anonymous");
        json.putNull("description");
        json.put("isHidden", false);
        return json;
    }

    /** A dataset as {@code GET /namespaces/{ns}/datasets/{name}} gives it. */
    static ObjectNode dataset(Dataset dataset) {
        ObjectNode json = datasetData(dataset);
        json.put(
                "currentVersion", dataset.currentVersion().map(Object::toString).orElse(null));
        if (dataset.columnLineage().isEmpty()) {
            json.putNull("columnLineage");
        } else {
            ArrayNode columns = json.putArray("columnLineage");
            for (ColumnLineage column : dataset.columnLineage()) {
                ObjectNode entry = columns.addObject();
                entry.put("name", column.field());
                ArrayNode inputs = entry.putArray("inputFields");
                for (ColumnInput input : column.inputs()) {
                    ObjectNode inputJson = inputs.addObject();
                    inputJson.put("namespace", input.dataset().namespace());
                    inputJson.put("dataset", input.dataset().name());
                    inputJson.put("field", input.field());
                    inputJson.put(
                            "transformationDescription",
                            input.transformationDescription().orElse(null));
                    inputJson.put("transformationType", transformationType(input));
                }
                ColumnInput first =
                        column.inputs().isEmpty() ? null : column.inputs().get(0);
                entry.put(
                        "transformationDescription",
                        column.transformationDescription()
                                .or(() -> Optional.ofNullable(first).flatMap(ColumnInput::transformationDescription))
                                .orElse(null));
                entry.put(
                        "transformationType",
                        column.transformationType().orElse(first == null ? null : transformationType(first)));
            }
        }
        json.set("facets", dataset.facets());
        json.put("deleted", dataset.lastLifecycleState().filter("DROP"::equals).isPresent());
        return json;
    }

    /** A dataset as a lineage node's {@code data}: no facets, version or column lineage, as in Marquez. */
    static ObjectNode datasetData(Dataset dataset) {
        ObjectNode json = JSON.objectNode();
        json.set("id", id(dataset.id().namespace(), dataset.id().name()));
        json.put("type", "DB_TABLE");
        json.put("name", dataset.id().name());
        json.put("physicalName", dataset.id().name());
        time(json, "createdAt", dataset.createdAt());
        time(json, "updatedAt", dataset.updatedAt());
        json.put("namespace", dataset.id().namespace());
        json.put("sourceName", dataset.sourceName());
        json.set("fields", fields(dataset.fields()));
        json.putArray("tags");
        time(json, "lastModifiedAt", dataset.lastModifiedAt());
        json.put("lastLifecycleState", dataset.lastLifecycleState().orElse(""));
        json.put("description", dataset.description().orElse(null));
        return json;
    }

    ObjectNode version(DatasetVersion version, Optional<Run> createdByRun) {
        ObjectNode json = JSON.objectNode();
        json.set("id", id(version.dataset().namespace(), version.dataset().name()));
        json.put("type", "DB_TABLE");
        json.put("name", version.dataset().name());
        json.put("physicalName", version.dataset().name());
        time(json, "createdAt", version.createdAt());
        json.put("version", version.version().toString());
        json.put("namespace", version.dataset().namespace());
        json.put(
                "sourceName",
                graph.dataset(version.dataset()).map(Dataset::sourceName).orElse("default"));
        json.set("fields", fields(version.fields()));
        json.putArray("tags");
        json.put("lifecycleState", version.lifecycleState().orElse(""));
        json.put(
                "description",
                graph.dataset(version.dataset()).flatMap(Dataset::description).orElse(null));
        json.putNull("currentSchemaVersion");
        if (createdByRun.isPresent()) {
            json.set("createdByRun", run(createdByRun.get()));
        } else {
            json.putNull("createdByRun");
        }
        json.set("facets", version.facets());
        return json;
    }

    /** A job as {@code GET /namespaces/{ns}/jobs/{name}} gives it, with its latest runs newest first. */
    ObjectNode job(Job job, List<Run> latestRuns) {
        ObjectNode json = jobData(job);
        json.remove("currentRunUuid");
        ArrayNode runs = json.putArray("latestRuns");
        latestRuns.forEach(run -> runs.add(run(run)));
        json.set("facets", job.facets());
        json.put("currentVersion", job.currentVersion().toString());
        ArrayNode labels = json.putArray("labels");
        for (String label : List.of("jobType", "integration")) {
            String value = job.facets().path("jobType").path(label).asText("");
            if (!value.isEmpty()) {
                labels.add(value);
            }
        }
        json.putArray("tags");
        return json;
    }

    /** A job as a lineage node's {@code data}. */
    ObjectNode jobData(Job job) {
        ObjectNode json = JSON.objectNode();
        json.set("id", id(job.id().namespace(), job.id().name()));
        json.put("type", job.type());
        json.put("name", job.id().name());
        json.put("simpleName", simpleName(job));
        json.put("parentJobName", job.parentJobName().orElse(null));
        json.putNull("parentJobUuid");
        json.put("currentRunUuid", job.latestRunId().map(Object::toString).orElse(null));
        time(json, "createdAt", job.createdAt());
        time(json, "updatedAt", job.updatedAt());
        json.put("namespace", job.id().namespace());
        json.set("inputs", ids(job.inputs()));
        json.set("outputs", ids(job.outputs()));
        json.put("location", job.location().orElse(null));
        json.put("description", job.description().orElse(null));
        Optional<Run> latest = graph.latestRun(job.id());
        if (latest.isPresent()) {
            json.set("latestRun", run(latest.get()));
        } else {
            json.putNull("latestRun");
        }
        return json;
    }

    ObjectNode run(Run run) {
        ObjectNode json = JSON.objectNode();
        json.put("id", run.id().toString());
        time(json, "createdAt", run.createdAt());
        time(json, "updatedAt", run.updatedAt());
        time(json, "nominalStartTime", run.nominalStartTime());
        time(json, "nominalEndTime", run.nominalEndTime());
        json.put("state", run.state());
        time(json, "startedAt", run.startedAt());
        time(json, "endedAt", run.endedAt());
        if (run.durationMs().isPresent()) {
            json.put("durationMs", run.durationMs().get());
        } else {
            json.putNull("durationMs");
        }
        ObjectNode args = json.putObject("args");
        run.nominalStartTime().ifPresent(time -> args.put("nominal_start_time", time.toString()));
        run.nominalEndTime().ifPresent(time -> args.put("nominal_end_time", time.toString()));
        if (TERMINAL.contains(run.state())) {
            ObjectNode version = json.putObject("jobVersion");
            version.put("namespace", run.job().namespace());
            version.put("name", run.job().name());
            version.put(
                    "version",
                    graph.job(run.job())
                            .map(job -> job.currentVersion().toString())
                            .orElse(null));
        } else {
            json.putNull("jobVersion");
        }
        json.set("inputDatasetVersions", versions(run.inputVersions()));
        json.set("outputDatasetVersions", versions(run.outputVersions()));
        json.set("facets", run.facets());
        return json;
    }

    static ObjectNode id(String namespace, String name) {
        ObjectNode json = JSON.objectNode();
        json.put("namespace", namespace);
        json.put("name", name);
        return json;
    }

    static ObjectNode error(int code, String message) {
        ObjectNode json = JSON.objectNode();
        json.put("code", code);
        json.put("message", message);
        return json;
    }

    static String simpleName(Job job) {
        return job.parentJobName()
                .filter(parent -> job.id().name().startsWith(parent + "."))
                .map(parent -> job.id().name().substring(parent.length() + 1))
                .orElse(job.id().name());
    }

    private static ArrayNode versions(List<DatasetVersionRef> versions) {
        ArrayNode json = JSON.arrayNode();
        for (DatasetVersionRef version : versions) {
            ObjectNode entry = json.addObject();
            ObjectNode id = entry.putObject("datasetVersionId");
            id.put("namespace", version.dataset().namespace());
            id.put("name", version.dataset().name());
            id.put("version", version.version().toString());
            entry.putObject("facets");
        }
        return json;
    }

    private static ArrayNode ids(Set<DatasetId> datasets) {
        ArrayNode json = JSON.arrayNode();
        datasets.forEach(dataset -> json.add(id(dataset.namespace(), dataset.name())));
        return json;
    }

    static ArrayNode fields(List<Field> fields) {
        ArrayNode json = JSON.arrayNode();
        for (Field field : fields) {
            ObjectNode entry = json.addObject();
            entry.put("name", field.name());
            entry.put("type", field.type().orElse(null));
            ArrayNode tags = entry.putArray("tags");
            field.tags().forEach(tags::add);
            entry.put("description", field.description().orElse(null));
        }
        return json;
    }

    static String transformationType(ColumnInput input) {
        return input.transformationSubtype().or(input::transformationType).orElse(null);
    }

    static void time(ObjectNode json, String name, Instant time) {
        json.put(name, time.toString());
    }

    static void time(ObjectNode json, String name, Optional<Instant> time) {
        json.put(name, time.map(Instant::toString).orElse(null));
    }
}
