package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import io.lakegate.lineage.hub.event.LineageEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of events changes, computed before anything is stored: the store writes it in one transaction and
 * only then does the graph show it, so readers never see what a failed write would lose. {@code inserted} sets say
 * which entities are new (the rest exist and are updated).
 */
public record Changes(
        List<LineageEvent> events,
        List<Namespace> namespaces,
        List<Dataset> datasets,
        List<Job> jobs,
        List<Run> runs,
        List<DatasetVersion> versions,
        Map<DatasetId, DatasetId> newAliases,
        Map<DatasetId, List<MaskedRead>> maskedReads,
        Inserted inserted) {
    public Changes {
        events = List.copyOf(events);
        namespaces = List.copyOf(namespaces);
        datasets = List.copyOf(datasets);
        jobs = List.copyOf(jobs);
        runs = List.copyOf(runs);
        versions = List.copyOf(versions);
        newAliases = Map.copyOf(newAliases);
        maskedReads = Map.copyOf(maskedReads);
        requireNonNull(inserted, "inserted is null");
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** The keys of entities this batch creates. */
    public record Inserted(
            Set<String> namespaces, Set<DatasetId> datasets, Set<JobId> jobs, Set<UUID> runs, Set<UUID> versions) {
        public Inserted {
            namespaces = Set.copyOf(namespaces);
            datasets = Set.copyOf(datasets);
            jobs = Set.copyOf(jobs);
            runs = Set.copyOf(runs);
            versions = Set.copyOf(versions);
        }
    }
}
