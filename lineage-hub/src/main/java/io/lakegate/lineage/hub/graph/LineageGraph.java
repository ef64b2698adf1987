package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed lineage graph in memory, which every read is answered from: datasets, jobs, the latest run of each
 * job, namespaces, dataset aliases and the edges in both directions. One writer ({@link #apply}) and any number of
 * readers; each entity is an immutable value replaced whole, so a reader sees each node either before or after a
 * batch, never half of it.
 */
public final class LineageGraph {
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final Map<DatasetId, Dataset> datasets = new ConcurrentHashMap<>();
    private final Map<DatasetId, DatasetId> aliases = new ConcurrentHashMap<>();
    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final Map<JobId, Run> latestRuns = new ConcurrentHashMap<>();
    private final Map<DatasetId, Set<JobId>> writers = new ConcurrentHashMap<>();
    private final Map<DatasetId, Set<JobId>> readers = new ConcurrentHashMap<>();
    private final Map<DatasetId, Set<DatasetId>> columnConsumers = new ConcurrentHashMap<>();

    /** Shows a stored batch. Only the ingest writer calls this, after the batch committed. */
    public void apply(Changes changes) {
        requireNonNull(changes, "changes is null");
        changes.namespaces().forEach(namespace -> namespaces.put(namespace.name(), namespace));
        aliases.putAll(changes.newAliases());
        for (Dataset dataset : changes.datasets()) {
            Dataset previous = datasets.put(dataset.id(), dataset);
            Set<DatasetId> inputs = columnInputs(dataset);
            inputs.forEach(input -> add(columnConsumers, input, dataset.id()));
            if (previous != null) {
                columnInputs(previous).stream()
                        .filter(input -> !inputs.contains(input))
                        .forEach(input -> remove(columnConsumers, input, dataset.id()));
            }
        }
        for (Job job : changes.jobs()) {
            Job previous = jobs.put(job.id(), job);
            // New edges first, then only the edges that are gone: a reader never sees a kept edge missing.
            job.inputs().forEach(input -> add(readers, input, job.id()));
            job.outputs().forEach(output -> add(writers, output, job.id()));
            if (previous != null) {
                previous.inputs().stream()
                        .filter(input -> !job.inputs().contains(input))
                        .forEach(input -> remove(readers, input, job.id()));
                previous.outputs().stream()
                        .filter(output -> !job.outputs().contains(output))
                        .forEach(output -> remove(writers, output, job.id()));
            }
        }
        for (Run run : changes.runs()) {
            Job job = jobs.get(run.job());
            if (job != null && job.latestRunId().filter(run.id()::equals).isPresent()) {
                latestRuns.put(run.job(), run);
            }
        }
    }

    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    public Collection<Namespace> namespaces() {
        return namespaces.values();
    }

    /** The dataset of this id, or of the table it is an alias of. */
    public Optional<Dataset> dataset(DatasetId id) {
        Dataset dataset = datasets.get(id);
        if (dataset == null) {
            DatasetId canonical = aliases.get(id);
            dataset = canonical == null ? null : datasets.get(canonical);
        }
        return Optional.ofNullable(dataset);
    }

    /** The dataset filed under exactly this id: never through an alias. */
    public Optional<Dataset> datasetFiledAs(DatasetId id) {
        return Optional.ofNullable(datasets.get(id));
    }

    public Collection<Dataset> datasets() {
        return datasets.values();
    }

    /** The table a name is an alias of, if it is one. */
    public Optional<DatasetId> canonical(DatasetId id) {
        return Optional.ofNullable(aliases.get(id));
    }

    public Optional<Job> job(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public Collection<Job> jobs() {
        return jobs.values();
    }

    public Optional<Run> latestRun(JobId job) {
        return Optional.ofNullable(latestRuns.get(job));
    }

    public Set<JobId> writers(DatasetId dataset) {
        return view(writers.get(dataset));
    }

    public Set<JobId> readers(DatasetId dataset) {
        return view(readers.get(dataset));
    }

    /** Datasets with a column computed from a column of this one. */
    public Set<DatasetId> columnConsumers(DatasetId dataset) {
        return view(columnConsumers.get(dataset));
    }

    private static Set<DatasetId> columnInputs(Dataset dataset) {
        Set<DatasetId> inputs = new HashSet<>();
        dataset.columnLineage().forEach(column -> column.inputs().forEach(input -> inputs.add(input.dataset())));
        return inputs;
    }

    private static <K, V> void add(Map<K, Set<V>> index, K key, V value) {
        index.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(value);
    }

    private static <K, V> void remove(Map<K, Set<V>> index, K key, V value) {
        index.computeIfPresent(key, (ignored, values) -> {
            values.remove(value);
            return values.isEmpty() ? null : values;
        });
    }

    private static <V> Set<V> view(Set<V> values) {
        return values == null ? Set.of() : Collections.unmodifiableSet(values);
    }
}
