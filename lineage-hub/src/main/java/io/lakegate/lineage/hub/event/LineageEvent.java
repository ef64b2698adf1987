package io.lakegate.lineage.hub.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.graph.JobId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One validated OpenLineage event: a run event, or a static dataset or job event (no run). {@code key} identifies
 * it for idempotence: (run id, event type, event time) for run events, (dataset or job, event time) otherwise.
 * {@code dataset} is a dataset event's dataset. {@code json} is the event exactly as received, which the store keeps
 * raw.
 */
public record LineageEvent(
        Kind kind,
        String key,
        Optional<String> eventType,
        Instant eventTime,
        String producer,
        Optional<UUID> runId,
        ObjectNode runFacets,
        Optional<JobId> job,
        ObjectNode jobFacets,
        List<DatasetRef> inputs,
        List<DatasetRef> outputs,
        Optional<DatasetRef> dataset,
        String json) {
    public enum Kind {
        RUN,
        DATASET,
        JOB
    }

    public LineageEvent {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(producer, "producer is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(runFacets, "runFacets is null");
        requireNonNull(job, "job is null");
        requireNonNull(jobFacets, "jobFacets is null");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        requireNonNull(dataset, "dataset is null");
        requireNonNull(json, "json is null");
    }
}
