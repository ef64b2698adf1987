package io.lakegate.lineage.hub.graph;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.event.DatasetRef;
import io.lakegate.lineage.hub.event.LineageEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Folds a batch of events into the graph's next state without touching it: entities the batch changes are kept
 * here and read before the committed graph, so a batch sees its own earlier events. {@link #changes()} is what the
 * store writes; the graph shows it only after the write committed.
 */
public final class GraphUpdate {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "ABORTED");

    private final LineageGraph graph;
    private final Function<UUID, Optional<Run>> storedRuns;
    private final List<LineageEvent> events = new ArrayList<>();
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Map<DatasetId, Dataset> datasets = new LinkedHashMap<>();
    private final Map<JobId, Job> jobs = new LinkedHashMap<>();
    private final Map<UUID, Run> runs = new LinkedHashMap<>();
    private final Map<UUID, DatasetVersion> versions = new LinkedHashMap<>();
    private final Map<DatasetId, DatasetId> newAliases = new HashMap<>();
    private final Map<DatasetId, List<MaskedRead>> maskedReads = new HashMap<>();
    private final Set<String> insertedNamespaces = new HashSet<>();
    private final Set<DatasetId> insertedDatasets = new HashSet<>();
    private final Set<JobId> insertedJobs = new HashSet<>();
    private final Set<UUID> insertedRuns = new HashSet<>();
    private final Set<UUID> insertedVersions = new HashSet<>();

    /** {@code storedRuns} finds a run that is not its job's latest (a late event of an older run). */
    public GraphUpdate(LineageGraph graph, Function<UUID, Optional<Run>> storedRuns) {
        this.graph = requireNonNull(graph, "graph is null");
        this.storedRuns = requireNonNull(storedRuns, "storedRuns is null");
    }

    public void add(LineageEvent event) {
        requireNonNull(event, "event is null");
        events.add(event);
        switch (event.kind()) {
            case RUN -> addRun(event);
            case DATASET -> {
                DatasetRef ref = event.dataset().orElseThrow();
                touchNamespace(ref.id().namespace(), event.eventTime());
                dataset(ref, event, false, Optional.empty());
            }
            case JOB -> addJob(event);
        }
    }

    public Changes changes() {
        return new Changes(
                events,
                List.copyOf(namespaces.values()),
                List.copyOf(datasets.values()),
                List.copyOf(jobs.values()),
                List.copyOf(runs.values()),
                List.copyOf(versions.values()),
                newAliases,
                maskedReads,
                new Changes.Inserted(
                        insertedNamespaces, insertedDatasets, insertedJobs, insertedRuns, insertedVersions));
    }

    private void addRun(LineageEvent event) {
        Instant time = event.eventTime();
        UUID runId = event.runId().orElseThrow();
        JobId jobId = event.job().orElseThrow();
        touchNamespace(jobId.namespace(), time);
        Run run = run(runId).orElse(null);
        boolean newRun = run == null;
        if (newRun) {
            run = new Run(
                    runId,
                    jobId,
                    time,
                    time,
                    "NEW",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    JsonNodeFactory.instance.objectNode(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        } else if (!run.job().equals(jobId)) {
            // A run belongs to one job; an event that moves it is someone else's run id, kept raw only.
            return;
        }

        List<DatasetVersionRef> inputVersions = new ArrayList<>(run.inputVersions());
        List<DatasetVersionRef> outputVersions = new ArrayList<>(run.outputVersions());
        SortedSet<DatasetId> inputs = new TreeSet<>();
        SortedSet<DatasetId> outputs = new TreeSet<>();
        Optional<String> user = run.user();
        for (DatasetRef ref : event.inputs()) {
            touchNamespace(ref.id().namespace(), time);
            Dataset read = dataset(ref, event, false, Optional.empty());
            // As Marquez does: a dataset first seen as an input gets a version, which its readers then name.
            Dataset dataset = read.currentVersion().isPresent() ? read : withInputVersion(read, ref, time);
            inputs.add(dataset.id());
            Optional<String> reader = governanceUser(ref);
            if (reader.isPresent()) {
                user = reader;
            }
            if (inputVersions.stream().noneMatch(version -> version.dataset().equals(dataset.id()))) {
                dataset.currentVersion()
                        .ifPresent(version -> inputVersions.add(new DatasetVersionRef(dataset.id(), version)));
            }
        }
        Long rows = null;
        Long bytes = null;
        for (DatasetRef ref : event.outputs()) {
            touchNamespace(ref.id().namespace(), time);
            DatasetId canonical = canonicalId(ref);
            UUID version = outputVersions.stream()
                    .filter(existing -> existing.dataset().equals(canonical))
                    .map(DatasetVersionRef::version)
                    .findFirst()
                    .orElseGet(() -> versionId(canonical, runId));
            Dataset dataset = dataset(ref, event, true, Optional.of(version));
            outputs.add(dataset.id());
            if (outputVersions.stream().noneMatch(existing -> existing.version().equals(version))) {
                outputVersions.add(new DatasetVersionRef(dataset.id(), version));
            }
            version(version, dataset, ref, runId, time);
            JsonNode statistics = ref.ioFacets().path("outputStatistics");
            if (statistics.isObject()) {
                rows = sum(rows, statistics.path("rowCount"));
                bytes = sum(bytes, statistics.path("size"));
            }
        }

        ObjectNode runFacets = merge(run.facets(), event.runFacets());
        String state = nextState(run.state(), event.eventType());
        Optional<Instant> startedAt = run.startedAt();
        Optional<Instant> endedAt = run.endedAt();
        if (event.eventType()
                .filter(type -> type.equals("START") || type.equals("RUNNING"))
                .isPresent()) {
            startedAt = Optional.of(
                    startedAt.filter(started -> started.isBefore(time)).orElse(time));
        }
        if (TERMINAL.contains(state) && !TERMINAL.contains(run.state())) {
            endedAt = Optional.of(time);
        } else if (TERMINAL.contains(state) && endedAt.isPresent() && state.equals(run.state())) {
            endedAt = Optional.of(endedAt.get().isAfter(time) ? endedAt.get() : time);
        }
        JsonNode nominal = runFacets.path("nominalTime");
        Run merged = new Run(
                runId,
                jobId,
                run.createdAt(),
                time.isAfter(run.updatedAt()) ? time : run.updatedAt(),
                state,
                startedAt,
                endedAt,
                instant(nominal.path("nominalStartTime")).or(run::nominalStartTime),
                instant(nominal.path("nominalEndTime")).or(run::nominalEndTime),
                runFacets,
                inputVersions,
                outputVersions,
                rows == null ? run.rowCount() : Optional.of(rows),
                bytes == null ? run.bytes() : Optional.of(bytes),
                user);
        runs.put(runId, merged);
        if (newRun) {
            insertedRuns.add(runId);
        }
        job(jobId, event, merged, inputs, outputs);
    }

    private void addJob(LineageEvent event) {
        JobId jobId = event.job().orElseThrow();
        touchNamespace(jobId.namespace(), event.eventTime());
        SortedSet<DatasetId> inputs = new TreeSet<>();
        SortedSet<DatasetId> outputs = new TreeSet<>();
        for (DatasetRef ref : event.inputs()) {
            touchNamespace(ref.id().namespace(), event.eventTime());
            inputs.add(dataset(ref, event, false, Optional.empty()).id());
        }
        for (DatasetRef ref : event.outputs()) {
            touchNamespace(ref.id().namespace(), event.eventTime());
            outputs.add(dataset(ref, event, false, Optional.empty()).id());
        }
        job(jobId, event, null, inputs, outputs);
    }

    private void job(
            JobId jobId, LineageEvent event, Run run, SortedSet<DatasetId> inputs, SortedSet<DatasetId> outputs) {
        Instant time = event.eventTime();
        Job current = job(jobId).orElse(null);
        ObjectNode facets = merge(current == null ? null : current.facets(), event.jobFacets());
        Optional<UUID> latestRunId = current == null ? Optional.empty() : current.latestRunId();
        Optional<UUID> ioRunId = current == null ? Optional.empty() : current.ioRunId();
        SortedSet<DatasetId> jobInputs = current == null ? new TreeSet<>() : new TreeSet<>(current.inputs());
        SortedSet<DatasetId> jobOutputs = current == null ? new TreeSet<>() : new TreeSet<>(current.outputs());
        boolean namesDatasets = !inputs.isEmpty() || !outputs.isEmpty();
        if (run != null) {
            Optional<Run> latest = latestRunId.flatMap(this::run);
            boolean newest = latest.isEmpty()
                    || latest.get().id().equals(run.id())
                    || !run.createdAt().isBefore(latest.get().createdAt());
            if (newest) {
                latestRunId = Optional.of(run.id());
                if (namesDatasets) {
                    if (!ioRunId.filter(run.id()::equals).isPresent()) {
                        jobInputs.clear();
                        jobOutputs.clear();
                        ioRunId = Optional.of(run.id());
                    }
                    jobInputs.addAll(inputs);
                    jobOutputs.addAll(outputs);
                }
            }
        } else if (namesDatasets) {
            jobInputs = inputs;
            jobOutputs = outputs;
        }
        JsonNode jobType = facets.path("jobType");
        Optional<String> engine = engine(jobType.path("integration"))
                .or(() -> run == null
                        ? Optional.empty()
                        : engine(run.facets().path("processing_engine").path("name")))
                .or(() -> current == null ? Optional.empty() : current.engine());
        String type =
                switch (jobType.path("processingType").asText("")) {
                    case "STREAMING" -> "STREAM";
                    case "BATCH" -> "BATCH";
                    default -> current == null ? "BATCH" : current.type();
                };
        Optional<String> parent = run == null
                ? Optional.empty()
                : text(run.facets().path("parent").path("job").path("name"));
        Job next = new Job(
                jobId,
                type,
                current == null ? time : current.createdAt(),
                current == null || time.isAfter(current.updatedAt()) ? time : current.updatedAt(),
                jobInputs,
                jobOutputs,
                text(facets.path("sourceCodeLocation").path("url"))
                        .or(() -> current == null ? Optional.empty() : current.location()),
                text(facets.path("documentation").path("description"))
                        .or(() -> current == null ? Optional.empty() : current.description()),
                facets,
                latestRunId,
                ioRunId,
                parent.or(() -> current == null ? Optional.empty() : current.parentJobName()),
                engine);
        jobs.put(jobId, next);
        if (current == null) {
            insertedJobs.add(jobId);
        }
    }

    private Dataset dataset(DatasetRef ref, LineageEvent event, boolean output, Optional<UUID> version) {
        Instant time = event.eventTime();
        DatasetId id = canonicalId(ref);
        touchNamespace(id.namespace(), time);
        if (!id.equals(ref.id()) && graph.canonical(ref.id()).isEmpty() && !newAliases.containsKey(ref.id())) {
            newAliases.put(ref.id(), id);
        }
        Dataset current = dataset(id).orElse(null);
        ObjectNode facets = merge(current == null ? null : current.facets(), ref.facets());
        List<Field> fields = ref.facets().has("schema")
                ? fields(ref.facets().path("schema"))
                : current == null ? List.of() : current.fields();
        List<ColumnLineage> columnLineage = ref.facets().has("columnLineage")
                ? columnLineage(ref.facets().path("columnLineage"))
                : current == null ? List.of() : current.columnLineage();
        Set<DatasetId> aliases = new HashSet<>(current == null ? Set.of() : current.aliases());
        if (!id.equals(ref.id())) {
            aliases.add(ref.id());
        }
        Governance governance = current == null ? Governance.NONE : current.governance();
        if (!output && event.kind() == LineageEvent.Kind.RUN) {
            governance = governed(governance, id, ref, event);
        }
        Optional<String> lifecycle = output
                ? text(ref.facets().path("lifecycleStateChange").path("lifecycleStateChange"))
                : Optional.empty();
        boolean complete =
                output && event.eventType().filter("COMPLETE"::equals).isPresent();
        Dataset next = new Dataset(
                id,
                current == null ? time : current.createdAt(),
                current == null || time.isAfter(current.updatedAt()) ? time : current.updatedAt(),
                text(ref.facets().path("dataSource").path("name"))
                        .or(() -> Optional.ofNullable(current).map(Dataset::sourceName))
                        .orElse("default"),
                fields,
                facets,
                // As Marquez does: a run's output version becomes the dataset's current one when the run completes.
                complete || current == null || current.currentVersion().isEmpty()
                        ? version.or(() -> current == null ? Optional.empty() : current.currentVersion())
                        : current.currentVersion(),
                complete ? Optional.of(time) : current == null ? Optional.empty() : current.lastModifiedAt(),
                lifecycle.or(() -> current == null ? Optional.empty() : current.lastLifecycleState()),
                text(ref.facets().path("documentation").path("description"))
                        .or(() -> current == null ? Optional.empty() : current.description()),
                aliases,
                columnLineage,
                governance);
        datasets.put(id, next);
        if (current == null) {
            insertedDatasets.add(id);
        }
        return next;
    }

    private Dataset withInputVersion(Dataset dataset, DatasetRef ref, Instant time) {
        UUID version = UUID.nameUUIDFromBytes(
                (dataset.id().namespace() + '\0' + dataset.id().name() + "\0input").getBytes(UTF_8));
        Dataset versioned = new Dataset(
                dataset.id(),
                dataset.createdAt(),
                dataset.updatedAt(),
                dataset.sourceName(),
                dataset.fields(),
                dataset.facets(),
                Optional.of(version),
                dataset.lastModifiedAt(),
                dataset.lastLifecycleState(),
                dataset.description(),
                dataset.aliases(),
                dataset.columnLineage(),
                dataset.governance());
        datasets.put(dataset.id(), versioned);
        if (!versions.containsKey(version)) {
            versions.put(
                    version,
                    new DatasetVersion(
                            version,
                            dataset.id(),
                            time,
                            Optional.empty(),
                            dataset.fields(),
                            ref.facets().deepCopy(),
                            dataset.lastLifecycleState()));
            insertedVersions.add(version);
        }
        return versioned;
    }

    private void version(UUID version, Dataset dataset, DatasetRef ref, UUID runId, Instant time) {
        DatasetVersion current = versions.get(version);
        boolean exists = current != null || !insertedVersions.contains(version) && runVersionStored(runId, version);
        DatasetVersion next = new DatasetVersion(
                version,
                dataset.id(),
                current == null ? time : current.createdAt(),
                Optional.of(runId),
                dataset.fields(),
                merge(current == null ? null : current.facets(), ref.facets()),
                dataset.lastLifecycleState());
        versions.put(version, next);
        if (!exists) {
            insertedVersions.add(version);
        }
    }

    /** A version of a stored run was stored with it: runs name their versions only after these are written. */
    private boolean runVersionStored(UUID runId, UUID version) {
        if (insertedRuns.contains(runId)) {
            return false;
        }
        Optional<Run> stored = storedRun(runId);
        return stored.isPresent()
                && stored.get().outputVersions().stream()
                        .anyMatch(ref -> ref.version().equals(version));
    }

    private Governance governed(Governance governance, DatasetId id, DatasetRef ref, LineageEvent event) {
        JsonNode facet = ref.ioFacets().path("lakegate_governance");
        if (!facet.isObject()) {
            return governance;
        }
        String user = facet.path("user").asText("unknown");
        Map<String, Set<String>> masks = new TreeMap<>();
        for (JsonNode column : facet.path("maskedColumns")) {
            Optional<String> name = text(column.path("name"));
            name.ifPresent(value -> masks.computeIfAbsent(value, ignored -> new TreeSet<>())
                    .add(column.path("maskType").asText("MASKED")));
        }
        Set<String> filters = new TreeSet<>();
        JsonNode filter = facet.path("rowFilter");
        text(filter.path("expression")).ifPresent(filters::add);
        MaskedRead read = null;
        if (!masks.isEmpty()) {
            read = new MaskedRead(
                    user,
                    event.job().orElseThrow(),
                    event.runId().orElseThrow(),
                    event.eventTime(),
                    List.copyOf(masks.keySet()));
            if (!governance.latestMaskedReads().contains(read)) {
                maskedReads.computeIfAbsent(id, ignored -> new ArrayList<>()).add(read);
            }
        }
        return governance.plus(masks, filters, user, read);
    }

    private static Optional<String> governanceUser(DatasetRef ref) {
        return text(ref.ioFacets().path("lakegate_governance").path("user"));
    }

    private DatasetId canonicalId(DatasetRef ref) {
        // Files are filed under the table they store (Spark names a Hive table by its location); a Kafka topic stays a
        // node of its own, whatever catalog table Flink read it through: other jobs use the topic, not that table.
        Iterable<JsonNode> symlinks = ref.id().namespace().startsWith("kafka://")
                ? List.of()
                : ref.facets().path("symlinks").path("identifiers");
        for (JsonNode identifier : symlinks) {
            Optional<String> namespace = text(identifier.path("namespace"));
            Optional<String> name = text(identifier.path("name"));
            if ("TABLE".equalsIgnoreCase(identifier.path("type").asText())
                    && namespace.isPresent()
                    && name.isPresent()) {
                // A symlink to a name that is itself an alias files the dataset under that alias's table.
                return canonicalId(new DatasetId(namespace.get(), name.get()));
            }
        }
        DatasetId alias = newAliases.get(ref.id());
        return alias != null ? alias : graph.canonical(ref.id()).orElse(ref.id());
    }

    private DatasetId canonicalId(DatasetId id) {
        DatasetId alias = newAliases.get(id);
        return alias != null ? alias : graph.canonical(id).orElse(id);
    }

    private List<ColumnLineage> columnLineage(JsonNode facet) {
        List<ColumnLineage> columns = new ArrayList<>();
        for (var entry : facet.path("fields").properties()) {
            JsonNode column = entry.getValue();
            List<ColumnInput> inputs = new ArrayList<>();
            for (JsonNode input : column.path("inputFields")) {
                JsonNode transformation = input.path("transformations").path(0);
                inputs.add(new ColumnInput(
                        canonicalId(new DatasetId(
                                input.path("namespace").asText(),
                                input.path("name").asText())),
                        input.path("field").asText(),
                        text(transformation.path("type")),
                        text(transformation.path("subtype")),
                        text(transformation.path("description")),
                        transformation.path("masking").asBoolean(false)));
            }
            columns.add(new ColumnLineage(
                    entry.getKey(),
                    inputs,
                    text(column.path("transformationDescription")),
                    text(column.path("transformationType"))));
        }
        return columns;
    }

    private static List<Field> fields(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode field : schema.path("fields")) {
            Optional<String> name = text(field.path("name"));
            if (name.isEmpty()) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            for (JsonNode tag : field.path("tags")) {
                text(tag.isTextual() ? tag : tag.path("key")).ifPresent(tags::add);
            }
            fields.add(new Field(name.get(), text(field.path("type")), text(field.path("description")), tags));
        }
        return fields;
    }

    private void touchNamespace(String name, Instant time) {
        Namespace current = namespaces.get(name);
        if (current == null) {
            current = graph.namespace(name).orElse(null);
        }
        if (current == null) {
            namespaces.put(name, new Namespace(name, time, time));
            insertedNamespaces.add(name);
        } else if (time.isAfter(current.updatedAt())) {
            namespaces.put(name, new Namespace(name, current.createdAt(), time));
        }
    }

    /** The dataset filed under this canonical id, pending or committed; an alias's table is not it. */
    private Optional<Dataset> dataset(DatasetId id) {
        Dataset pending = datasets.get(id);
        return pending != null ? Optional.of(pending) : graph.datasetFiledAs(id);
    }

    private Optional<Job> job(JobId id) {
        Job pending = jobs.get(id);
        return pending != null ? Optional.of(pending) : graph.job(id);
    }

    private Optional<Run> run(UUID id) {
        Run pending = runs.get(id);
        return pending != null ? Optional.of(pending) : storedRun(id);
    }

    private Optional<Run> storedRun(UUID id) {
        return storedRuns.apply(id);
    }

    private static String nextState(String current, Optional<String> eventType) {
        if (eventType.isEmpty()) {
            return current;
        }
        String next =
                switch (eventType.get()) {
                    case "START", "RUNNING" -> "RUNNING";
                    case "COMPLETE" -> "COMPLETED";
                    case "FAIL" -> "FAILED";
                    case "ABORT" -> "ABORTED";
                    default -> current;
                };
        // Events can arrive out of order: a run that ended stays ended.
        return TERMINAL.contains(current) && !TERMINAL.contains(next) ? current : next;
    }

    /** The current facets with the update's replacing them by name; the current tree itself if nothing differs. */
    private static ObjectNode merge(ObjectNode current, ObjectNode update) {
        if (current == null) {
            return update.deepCopy();
        }
        boolean changes = false;
        for (var facet : update.properties()) {
            if (!facet.getValue().equals(current.get(facet.getKey()))) {
                changes = true;
                break;
            }
        }
        if (!changes) {
            return current;
        }
        ObjectNode merged = current.deepCopy();
        update.properties()
                .forEach(facet -> merged.set(facet.getKey(), facet.getValue().deepCopy()));
        return merged;
    }

    private static Optional<String> engine(JsonNode name) {
        return text(name).map(value -> value.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Long sum(Long total, JsonNode value) {
        if (!value.canConvertToLong()) {
            return total;
        }
        return total == null ? value.asLong() : total + value.asLong();
    }

    private static UUID versionId(DatasetId dataset, UUID runId) {
        return UUID.nameUUIDFromBytes((dataset.namespace() + '\0' + dataset.name() + '\0' + runId).getBytes(UTF_8));
    }
}
