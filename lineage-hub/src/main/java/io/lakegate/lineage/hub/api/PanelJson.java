package io.lakegate.lineage.hub.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.graph.ColumnInput;
import io.lakegate.lineage.hub.graph.ColumnLineage;
import io.lakegate.lineage.hub.graph.Dataset;
import io.lakegate.lineage.hub.graph.Field;
import io.lakegate.lineage.hub.graph.Governance;
import io.lakegate.lineage.hub.graph.Job;
import io.lakegate.lineage.hub.graph.JobId;
import io.lakegate.lineage.hub.graph.LineageGraph;
import io.lakegate.lineage.hub.graph.MaskedRead;
import io.lakegate.lineage.hub.graph.Run;
import io.lakegate.lineage.hub.store.LineageStore;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The lineage page's side panels: one request answers what a click on a dataset or a job shows. */
final class PanelJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int REACH_DEPTH = 20;
    private static final int RUNS = 20;

    private final LineageGraph graph;
    private final LineageStore store;
    private final LineageQueries queries;

    PanelJson(LineageGraph graph, LineageStore store, LineageQueries queries) {
        this.graph = requireNonNull(graph, "graph is null");
        this.store = requireNonNull(store, "store is null");
        this.queries = requireNonNull(queries, "queries is null");
    }

    ObjectNode dataset(Dataset dataset) {
        ObjectNode json = JSON.objectNode();
        String id = dataset.id().nodeId();
        json.put("id", id);
        json.put("namespace", dataset.id().namespace());
        json.put("name", dataset.id().name());
        json.put("updatedAt", dataset.updatedAt().toString());
        ArrayNode aliases = json.putArray("aliases");
        new TreeSet<>(dataset.aliases()).forEach(alias -> aliases.add(MarquezJson.id(alias.namespace(), alias.name())));
        Governance governance = dataset.governance();
        ArrayNode fields = json.putArray("fields");
        for (Field field : dataset.fields()) {
            ObjectNode entry = fields.addObject();
            entry.put("name", field.name());
            entry.put("type", field.type().orElse(null));
            entry.put("description", field.description().orElse(null));
            SortedSet<String> masks = governance.maskedColumns().get(field.name());
            entry.put("masked", masks != null);
            ArrayNode maskTypes = entry.putArray("maskTypes");
            if (masks != null) {
                masks.forEach(maskTypes::add);
            }
            ArrayNode tags = entry.putArray("tags");
            field.tags().forEach(tags::add);
        }
        ArrayNode columns = json.putArray("columnLineage");
        for (ColumnLineage column : dataset.columnLineage()) {
            ObjectNode entry = columns.addObject();
            entry.put("field", column.field());
            ArrayNode inputs = entry.putArray("inputs");
            for (ColumnInput input : column.inputs()) {
                ObjectNode inputJson = inputs.addObject();
                inputJson.put("namespace", input.dataset().namespace());
                inputJson.put("name", input.dataset().name());
                inputJson.put("field", input.field());
                String type = input.transformationType().orElse(null);
                String subtype = input.transformationSubtype().orElse(null);
                inputJson.put("transformation", type == null ? subtype : subtype == null ? type : type + "/" + subtype);
            }
        }
        json.set("writers", jobSummaries(graph.writers(dataset.id())));
        json.set("readers", jobSummaries(graph.readers(dataset.id())));
        json.set("upstream", reach(id, true));
        json.set("downstream", reach(id, false));
        ObjectNode governanceJson = json.putObject("governance");
        ArrayNode masked = governanceJson.putArray("maskedColumns");
        governance.maskedColumns().forEach((column, types) -> {
            ObjectNode entry = masked.addObject();
            entry.put("name", column);
            ArrayNode typesJson = entry.putArray("maskTypes");
            types.forEach(typesJson::add);
        });
        ArrayNode filters = governanceJson.putArray("rowFilters");
        governance.rowFilters().forEach((expression, users) -> {
            ObjectNode entry = filters.addObject();
            entry.put("expression", expression);
            ArrayNode usersJson = entry.putArray("users");
            users.forEach(usersJson::add);
        });
        ArrayNode reads = governanceJson.putArray("maskedReads");
        for (MaskedRead read : governance.latestMaskedReads()) {
            ObjectNode entry = reads.addObject();
            entry.put("user", read.user());
            entry.put("job", read.job().nodeId());
            entry.put("runId", read.runId().toString());
            entry.put("at", read.at().toString());
            ArrayNode readColumns = entry.putArray("columns");
            read.columns().forEach(readColumns::add);
        }
        ArrayNode pii = governanceJson.putArray("piiJobs");
        governance.maskedColumnReaders().forEach(job -> pii.add(job.nodeId()));
        return json;
    }

    ObjectNode job(Job job) {
        ObjectNode json = JSON.objectNode();
        json.put("id", job.id().nodeId());
        json.put("namespace", job.id().namespace());
        json.put("name", job.id().name());
        json.put("engine", job.engine().orElse(null));
        json.put("type", job.type());
        json.put("sql", text(job.facets().path("sql").path("query")).orElse(null));
        ArrayNode owners = json.putArray("owners");
        for (JsonNode owner : job.facets().path("ownership").path("owners")) {
            String name = owner.path("name").asText("");
            if (!name.isEmpty()) {
                owners.add(name);
            }
        }
        ArrayNode inputs = json.putArray("inputs");
        job.inputs().forEach(input -> inputs.add(input.nodeId()));
        ArrayNode outputs = json.putArray("outputs");
        job.outputs().forEach(output -> outputs.add(output.nodeId()));
        ArrayNode runs = json.putArray("runs");
        for (Run run : store.runs(job.id(), RUNS, 0).items()) {
            runs.add(runSummary(run, job));
        }
        json.put("processesMaskedData", queries.processesMaskedData(job));
        return json;
    }

    private ArrayNode jobSummaries(Set<JobId> jobs) {
        ArrayNode json = JSON.arrayNode();
        for (JobId id : new TreeSet<>(jobs)) {
            graph.job(id).ifPresent(job -> {
                ObjectNode entry = json.addObject();
                entry.put("id", id.nodeId());
                entry.put("namespace", id.namespace());
                entry.put("name", id.name());
                entry.put("engine", job.engine().orElse(null));
                Optional<Run> run = graph.latestRun(id);
                if (run.isPresent()) {
                    entry.set("lastRun", runSummary(run.get(), job));
                } else {
                    entry.putNull("lastRun");
                }
            });
        }
        return json;
    }

    private static ObjectNode runSummary(Run run, Job job) {
        ObjectNode json = JSON.objectNode();
        json.put("runId", run.id().toString());
        json.put("state", run.state());
        MarquezJson.time(json, "startedAt", run.startedAt());
        MarquezJson.time(json, "endedAt", run.endedAt());
        if (run.durationMs().isPresent()) {
            json.put("durationMs", run.durationMs().get());
        } else {
            json.putNull("durationMs");
        }
        if (run.rowCount().isPresent()) {
            json.put("rowCount", run.rowCount().get());
        } else {
            json.putNull("rowCount");
        }
        if (run.bytes().isPresent()) {
            json.put("bytes", run.bytes().get());
        } else {
            json.putNull("bytes");
        }
        JsonNode owner = job.facets().path("ownership").path("owners").path(0).path("name");
        json.put("owner", text(owner).orElse(null));
        json.put("user", run.user().orElse(null));
        return json;
    }

    private ObjectNode reach(String id, boolean upstream) {
        ObjectNode json = JSON.objectNode();
        ArrayNode datasets = json.putArray("datasets");
        ArrayNode jobs = json.putArray("jobs");
        for (String node : queries.reach(id, REACH_DEPTH, upstream)) {
            (NodeIds.isDataset(node) ? datasets : jobs).add(node);
        }
        return json;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
