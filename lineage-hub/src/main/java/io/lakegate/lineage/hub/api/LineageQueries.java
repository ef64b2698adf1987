package io.lakegate.lineage.hub.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.graph.ColumnInput;
import io.lakegate.lineage.hub.graph.ColumnLineage;
import io.lakegate.lineage.hub.graph.Dataset;
import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.Field;
import io.lakegate.lineage.hub.graph.Job;
import io.lakegate.lineage.hub.graph.JobId;
import io.lakegate.lineage.hub.graph.LineageGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Walks the in-memory graph: Marquez's lineage and column-lineage graphs, and the page's directed views. */
final class LineageQueries {
    /** No answer grows past this many nodes; a deeper or wider walk stops there (and says so on the page's view). */
    static final int MAX_NODES = 20_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LineageGraph graph;
    private final MarquezJson marquez;

    LineageQueries(LineageGraph graph, MarquezJson marquez) {
        this.graph = requireNonNull(graph, "graph is null");
        this.marquez = requireNonNull(marquez, "marquez is null");
    }

    /**
     * Marquez's {@code GET /lineage}: from the start node's jobs (for a dataset, its writers, else its readers),
     * jobs sharing a dataset are neighbours in either direction, {@code depth} job hops away; the graph is those
     * jobs and all their datasets, sorted by id.
     */
    Optional<ArrayNode> lineage(String nodeId, int depth) {
        Set<JobId> start = new LinkedHashSet<>();
        Set<DatasetId> datasets = new TreeSet<>();
        if (NodeIds.isDataset(nodeId)) {
            Optional<Dataset> dataset = NodeIds.dataset(nodeId, graph).flatMap(graph::dataset);
            if (dataset.isEmpty()) {
                return Optional.empty();
            }
            DatasetId id = dataset.get().id();
            datasets.add(id);
            start.addAll(graph.writers(id).isEmpty() ? graph.readers(id) : graph.writers(id));
        } else {
            Optional<JobId> job =
                    NodeIds.job(nodeId, graph).filter(id -> graph.job(id).isPresent());
            if (job.isEmpty()) {
                return Optional.empty();
            }
            start.add(job.get());
        }
        Set<JobId> jobs = new TreeSet<>(start);
        Set<DatasetId> expanded = new HashSet<>();
        Deque<JobId> frontier = new ArrayDeque<>(start);
        for (int hop = 0; hop < depth && !frontier.isEmpty() && jobs.size() < MAX_NODES; hop++) {
            Deque<JobId> next = new ArrayDeque<>();
            for (JobId id : frontier) {
                for (DatasetId dataset : datasetsOf(id)) {
                    // A dataset shared by many jobs is expanded once, not once per job that reaches it.
                    if (!expanded.add(dataset)) {
                        continue;
                    }
                    for (JobId neighbour : concat(graph.writers(dataset), graph.readers(dataset))) {
                        if (jobs.size() < MAX_NODES && jobs.add(neighbour)) {
                            next.add(neighbour);
                        }
                    }
                }
            }
            frontier = next;
        }
        for (JobId id : jobs) {
            if (datasets.size() >= MAX_NODES) {
                break;
            }
            datasets.addAll(datasetsOf(id));
        }
        TreeMap<String, ObjectNode> nodes = new TreeMap<>();
        for (DatasetId id : datasets) {
            graph.dataset(id).ifPresent(dataset -> nodes.put(id.nodeId(), datasetNode(dataset, jobs)));
        }
        for (JobId id : jobs) {
            graph.job(id).ifPresent(job -> nodes.put(id.nodeId(), jobNode(job)));
        }
        ArrayNode graphJson = JSON.arrayNode();
        nodes.values().forEach(graphJson::add);
        return Optional.of(graphJson);
    }

    private ObjectNode datasetNode(Dataset dataset, Set<JobId> jobs) {
        ObjectNode node = node(dataset.id().nodeId(), "DATASET");
        node.set("data", MarquezJson.datasetData(dataset));
        ArrayNode in = node.putArray("inEdges");
        new TreeSet<>(graph.writers(dataset.id()))
                .stream()
                        .filter(jobs::contains)
                        .forEach(job -> in.add(edge(job.nodeId(), dataset.id().nodeId())));
        ArrayNode out = node.putArray("outEdges");
        new TreeSet<>(graph.readers(dataset.id()))
                .stream()
                        .filter(jobs::contains)
                        .forEach(job -> out.add(edge(dataset.id().nodeId(), job.nodeId())));
        return node;
    }

    private ObjectNode jobNode(Job job) {
        ObjectNode node = node(job.id().nodeId(), "JOB");
        node.set("data", marquez.jobData(job));
        ArrayNode in = node.putArray("inEdges");
        job.inputs().forEach(input -> in.add(edge(input.nodeId(), job.id().nodeId())));
        ArrayNode out = node.putArray("outEdges");
        job.outputs().forEach(output -> out.add(edge(job.id().nodeId(), output.nodeId())));
        return node;
    }

    /**
     * Marquez's {@code GET /column-lineage}: from the start fields (a field, a dataset's fields, or the fields of a
     * job's outputs), their inputs upstream, {@code depth} edges deep, and with {@code withDownstream} the fields
     * computed from them too. As in Marquez, every edge's {@code origin} is the node itself.
     */
    Optional<ArrayNode> columnLineage(String nodeId, int depth, boolean withDownstream) {
        Set<FieldRef> start = new LinkedHashSet<>();
        if (NodeIds.isField(nodeId)) {
            NodeIds.field(nodeId, graph)
                    .flatMap(field ->
                            graph.dataset(field.dataset()).map(dataset -> new FieldRef(dataset.id(), field.field())))
                    .ifPresent(start::add);
        } else if (NodeIds.isDataset(nodeId)) {
            NodeIds.dataset(nodeId, graph).flatMap(graph::dataset).ifPresent(dataset -> fieldsOf(dataset, start));
        } else if (NodeIds.isJob(nodeId)) {
            NodeIds.job(nodeId, graph).flatMap(graph::job).ifPresent(job -> job.outputs().stream()
                    .map(graph::dataset)
                    .flatMap(Optional::stream)
                    .forEach(dataset -> fieldsOf(dataset, start)));
        }
        if (start.isEmpty()) {
            return Optional.empty();
        }
        ColumnIndex index = new ColumnIndex();
        Set<FieldRef> found = new LinkedHashSet<>(start);
        Deque<FieldRef> frontier = new ArrayDeque<>(start);
        for (int hop = 0; hop < depth && !frontier.isEmpty(); hop++) {
            Deque<FieldRef> next = new ArrayDeque<>();
            for (FieldRef field : frontier) {
                for (FieldRef input : index.inputs(field)) {
                    if (found.size() < MAX_NODES && found.add(input)) {
                        next.add(input);
                    }
                }
                if (withDownstream) {
                    for (FieldRef output : index.outputs(field)) {
                        if (found.size() < MAX_NODES && found.add(output)) {
                            next.add(output);
                        }
                    }
                }
            }
            frontier = next;
        }
        TreeMap<String, ObjectNode> nodes = new TreeMap<>();
        for (FieldRef field : found) {
            nodes.put(field.nodeId(), fieldNode(field, found, index));
        }
        ArrayNode graphJson = JSON.arrayNode();
        nodes.values().forEach(graphJson::add);
        return Optional.of(graphJson);
    }

    private ObjectNode fieldNode(FieldRef field, Set<FieldRef> found, ColumnIndex index) {
        ObjectNode node = node(field.nodeId(), "DATASET_FIELD");
        ObjectNode data = node.putObject("data");
        Optional<Dataset> dataset = graph.dataset(field.dataset());
        data.put("namespace", field.dataset().namespace());
        data.put("dataset", field.dataset().name());
        data.put(
                "datasetVersion",
                dataset.flatMap(Dataset::currentVersion).map(Object::toString).orElse(null));
        data.put("field", field.field());
        data.put(
                "fieldType",
                dataset.flatMap(value -> value.fields().stream()
                                .filter(column -> column.name().equals(field.field()))
                                .findFirst()
                                .flatMap(Field::type))
                        .orElse(""));
        Optional<ColumnLineage> lineage = index.lineage(field);
        List<ColumnInput> inputs = lineage.map(ColumnLineage::inputs).orElse(List.of());
        ColumnInput first = inputs.isEmpty() ? null : inputs.get(0);
        data.put(
                "transformationDescription",
                first == null ? null : first.transformationDescription().orElse(null));
        data.put("transformationType", first == null ? null : MarquezJson.transformationType(first));
        ArrayNode inputFields = data.putArray("inputFields");
        for (ColumnInput input : inputs) {
            ObjectNode entry = inputFields.addObject();
            entry.put("namespace", input.dataset().namespace());
            entry.put("dataset", input.dataset().name());
            entry.put(
                    "datasetVersion",
                    graph.dataset(input.dataset())
                            .flatMap(Dataset::currentVersion)
                            .map(Object::toString)
                            .orElse(null));
            entry.put("field", input.field());
            entry.put(
                    "transformationDescription",
                    input.transformationDescription().orElse(null));
            entry.put("transformationType", MarquezJson.transformationType(input));
        }
        ArrayNode in = node.putArray("inEdges");
        index.inputs(field).stream()
                .filter(found::contains)
                .map(FieldRef::nodeId)
                .sorted()
                .forEach(input -> in.add(edge(field.nodeId(), input)));
        ArrayNode out = node.putArray("outEdges");
        index.outputs(field).stream()
                .filter(found::contains)
                .map(FieldRef::nodeId)
                .sorted()
                .forEach(output -> out.add(edge(field.nodeId(), output)));
        return node;
    }

    /**
     * The page's view: the start node and what lies upstream and downstream of it, {@code depth} job hops each
     * way, following edges in their direction (a dataset's writers and their inputs upstream; its readers and
     * their outputs downstream). Without a start node: the most recently updated jobs and their datasets.
     */
    ObjectNode pageGraph(Optional<String> nodeId, int depth, int limit) {
        Set<String> ids = new LinkedHashSet<>();
        boolean truncated = false;
        if (nodeId.isPresent()) {
            String id = resolve(nodeId.get()).orElse(null);
            if (id == null) {
                return null;
            }
            ids.add(id);
            truncated |= walk(id, depth, true, ids, limit);
            truncated |= walk(id, depth, false, ids, limit);
        } else {
            List<Job> jobs = new ArrayList<>(graph.jobs());
            jobs.sort(Comparator.comparing(Job::updatedAt).reversed().thenComparing(Job::id));
            for (Job job : jobs) {
                List<String> adds = new ArrayList<>();
                adds.add(job.id().nodeId());
                job.inputs().forEach(input -> adds.add(input.nodeId()));
                job.outputs().forEach(output -> adds.add(output.nodeId()));
                long fresh =
                        adds.stream().distinct().filter(id -> !ids.contains(id)).count();
                if (ids.size() + fresh > limit) {
                    truncated = true;
                    break;
                }
                ids.addAll(adds);
            }
            if (!truncated) {
                List<Dataset> alone = graph.datasets().stream()
                        .filter(dataset -> !ids.contains(dataset.id().nodeId()))
                        .sorted(Comparator.comparing(Dataset::updatedAt).reversed())
                        .toList();
                for (Dataset dataset : alone) {
                    if (ids.size() >= limit) {
                        truncated = true;
                        break;
                    }
                    ids.add(dataset.id().nodeId());
                }
            }
        }
        ObjectNode json = JSON.objectNode();
        ArrayNode nodes = json.putArray("graph");
        for (String id : new TreeSet<>(ids)) {
            ObjectNode node = pageNode(id, ids);
            if (node != null) {
                nodes.add(node);
            }
        }
        json.put("truncated", truncated);
        return json;
    }

    /** Datasets and jobs upstream or downstream of a node, as node ids, up to {@code depth} job hops. */
    Set<String> reach(String nodeId, int depth, boolean upstream) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(nodeId);
        walk(nodeId, depth, upstream, ids, MAX_NODES);
        ids.remove(nodeId);
        return ids;
    }

    /** The canonical node id of a dataset or job id (an alias resolves to its table), if the hub knows it. */
    Optional<String> resolve(String nodeId) {
        if (NodeIds.isDataset(nodeId)) {
            return NodeIds.dataset(nodeId, graph).flatMap(graph::dataset).map(dataset -> dataset.id()
                    .nodeId());
        }
        if (NodeIds.isJob(nodeId)) {
            return NodeIds.job(nodeId, graph).flatMap(graph::job).map(job -> job.id()
                    .nodeId());
        }
        return Optional.empty();
    }

    /** Adds what the walk reaches; true if it stopped at {@code limit}. */
    private boolean walk(String startId, int depth, boolean upstream, Set<String> ids, int limit) {
        Deque<String> frontier = new ArrayDeque<>();
        frontier.add(startId);
        int jobHops = 0;
        while (!frontier.isEmpty()) {
            Deque<String> next = new ArrayDeque<>();
            boolean expandsJobs = NodeIds.isDataset(frontier.peek());
            if (expandsJobs && jobHops == depth) {
                break;
            }
            for (String id : frontier) {
                for (String neighbour : neighbours(id, upstream)) {
                    if (ids.contains(neighbour)) {
                        continue;
                    }
                    if (ids.size() >= limit) {
                        return true;
                    }
                    ids.add(neighbour);
                    next.add(neighbour);
                }
            }
            if (expandsJobs) {
                jobHops++;
            }
            frontier = next;
        }
        return false;
    }

    private List<String> neighbours(String nodeId, boolean upstream) {
        List<String> neighbours = new ArrayList<>();
        if (NodeIds.isDataset(nodeId)) {
            NodeIds.dataset(nodeId, graph).flatMap(graph::dataset).ifPresent(dataset -> {
                Set<JobId> jobs = upstream ? graph.writers(dataset.id()) : graph.readers(dataset.id());
                new TreeSet<>(jobs).forEach(job -> neighbours.add(job.nodeId()));
            });
        } else {
            NodeIds.job(nodeId, graph).flatMap(graph::job).ifPresent(job -> (upstream ? job.inputs() : job.outputs())
                    .forEach(dataset -> neighbours.add(dataset.nodeId())));
        }
        return neighbours;
    }

    private ObjectNode pageNode(String id, Set<String> ids) {
        if (NodeIds.isDataset(id)) {
            Optional<Dataset> found = NodeIds.dataset(id, graph).flatMap(graph::dataset);
            if (found.isEmpty()) {
                return null;
            }
            Dataset dataset = found.get();
            ObjectNode node = node(id, "DATASET");
            node.put("name", dataset.id().name());
            node.put("namespace", dataset.id().namespace());
            node.putNull("engine");
            node.putNull("state");
            node.put("governed", !dataset.governance().isEmpty());
            ArrayNode in = node.putArray("inEdges");
            new TreeSet<>(graph.writers(dataset.id()))
                    .stream().map(JobId::nodeId).filter(ids::contains).forEach(job -> in.add(edge(job, id)));
            ArrayNode out = node.putArray("outEdges");
            new TreeSet<>(graph.readers(dataset.id()))
                    .stream().map(JobId::nodeId).filter(ids::contains).forEach(job -> out.add(edge(id, job)));
            return node;
        }
        Optional<Job> found = NodeIds.job(id, graph).flatMap(graph::job);
        if (found.isEmpty()) {
            return null;
        }
        Job job = found.get();
        ObjectNode node = node(id, "JOB");
        node.put("name", job.id().name());
        node.put("namespace", job.id().namespace());
        node.put("engine", job.engine().orElse(null));
        node.put("state", graph.latestRun(job.id()).map(run -> run.state()).orElse(null));
        node.put("governed", processesMaskedData(job));
        ArrayNode in = node.putArray("inEdges");
        job.inputs().stream().map(DatasetId::nodeId).filter(ids::contains).forEach(input -> in.add(edge(input, id)));
        ArrayNode out = node.putArray("outEdges");
        job.outputs().stream()
                .map(DatasetId::nodeId)
                .filter(ids::contains)
                .forEach(output -> out.add(edge(id, output)));
        return node;
    }

    boolean processesMaskedData(Job job) {
        return job.inputs().stream()
                .map(graph::dataset)
                .flatMap(Optional::stream)
                .anyMatch(dataset -> dataset.governance().maskedColumnReaders().contains(job.id()));
    }

    private Set<DatasetId> datasetsOf(JobId id) {
        Optional<Job> job = graph.job(id);
        if (job.isEmpty()) {
            return Set.of();
        }
        Set<DatasetId> datasets = new TreeSet<>(job.get().inputs());
        datasets.addAll(job.get().outputs());
        return datasets;
    }

    private static void fieldsOf(Dataset dataset, Set<FieldRef> fields) {
        dataset.fields().forEach(field -> fields.add(new FieldRef(dataset.id(), field.name())));
        dataset.columnLineage().forEach(column -> fields.add(new FieldRef(dataset.id(), column.field())));
    }

    /** A request's view of column lineage, indexed once per dataset it touches (a dataset may have many columns). */
    private final class ColumnIndex {
        private final Map<DatasetId, Map<String, ColumnLineage>> byOutput = new HashMap<>();
        private final Map<DatasetId, Map<FieldRef, List<String>>> byInput = new HashMap<>();

        Optional<ColumnLineage> lineage(FieldRef field) {
            return Optional.ofNullable(byOutput.computeIfAbsent(field.dataset(), id -> {
                        Map<String, ColumnLineage> columns = new HashMap<>();
                        graph.dataset(id).ifPresent(dataset -> dataset.columnLineage()
                                .forEach(column -> columns.putIfAbsent(column.field(), column)));
                        return columns;
                    })
                    .get(field.field()));
        }

        List<FieldRef> inputs(FieldRef field) {
            return lineage(field)
                    .map(column -> column.inputs().stream()
                            .map(input -> new FieldRef(
                                    graph.dataset(input.dataset())
                                            .map(Dataset::id)
                                            .orElse(input.dataset()),
                                    input.field()))
                            .toList())
                    .orElse(List.of());
        }

        List<FieldRef> outputs(FieldRef field) {
            List<FieldRef> outputs = new ArrayList<>();
            for (DatasetId consumer : graph.columnConsumers(field.dataset())) {
                Map<FieldRef, List<String>> consumers = byInput.computeIfAbsent(consumer, id -> {
                    Map<FieldRef, List<String>> index = new HashMap<>();
                    graph.dataset(id).ifPresent(dataset -> dataset.columnLineage()
                            .forEach(column -> column.inputs().forEach(input -> index.computeIfAbsent(
                                            new FieldRef(input.dataset(), input.field()), ignored -> new ArrayList<>())
                                    .add(column.field()))));
                    return index;
                });
                consumers.getOrDefault(field, List.of()).forEach(output -> outputs.add(new FieldRef(consumer, output)));
            }
            return outputs;
        }
    }

    private static ObjectNode node(String id, String type) {
        ObjectNode node = JSON.objectNode();
        node.put("id", id);
        node.put("type", type);
        return node;
    }

    static ObjectNode edge(String origin, String destination) {
        ObjectNode edge = JSON.objectNode();
        edge.put("origin", origin);
        edge.put("destination", destination);
        return edge;
    }

    private static Set<JobId> concat(Set<JobId> first, Set<JobId> second) {
        Set<JobId> all = new HashSet<>(first);
        all.addAll(second);
        return all;
    }

    private record FieldRef(DatasetId dataset, String field) {
        String nodeId() {
            return NodeIds.fieldId(dataset, field);
        }
    }
}
