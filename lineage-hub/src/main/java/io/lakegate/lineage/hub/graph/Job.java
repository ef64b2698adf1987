package io.lakegate.lineage.hub.graph;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A job node. {@code inputs} and {@code outputs} are those of its latest run that named any (so a run's first event
 * without datasets does not drop the job's edges), which is how Marquez draws a job's current version.
 * {@code engine} is the engine that ran it ({@code spark}, {@code trino}, {@code flink}), from the {@code jobType}
 * or {@code processing_engine} facets.
 */
public record Job(
        JobId id,
        String type,
        Instant createdAt,
        Instant updatedAt,
        SortedSet<DatasetId> inputs,
        SortedSet<DatasetId> outputs,
        Optional<String> location,
        Optional<String> description,
        ObjectNode facets,
        Optional<UUID> latestRunId,
        Optional<UUID> ioRunId,
        Optional<String> parentJobName,
        Optional<String> engine) {
    public Job {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        inputs = Collections.unmodifiableSortedSet(new TreeSet<>(inputs));
        outputs = Collections.unmodifiableSortedSet(new TreeSet<>(outputs));
        requireNonNull(location, "location is null");
        requireNonNull(description, "description is null");
        requireNonNull(facets, "facets is null");
        requireNonNull(latestRunId, "latestRunId is null");
        requireNonNull(ioRunId, "ioRunId is null");
        requireNonNull(parentJobName, "parentJobName is null");
        requireNonNull(engine, "engine is null");
    }

    /** Marquez's job version: the same name, inputs, outputs and location give the same version. */
    public UUID currentVersion() {
        StringBuilder key = new StringBuilder(id.namespace()).append('\0').append(id.name());
        inputs.forEach(input ->
                key.append("\0in\0").append(input.namespace()).append('\0').append(input.name()));
        outputs.forEach(output ->
                key.append("\0out\0").append(output.namespace()).append('\0').append(output.name()));
        location.ifPresent(value -> key.append("\0loc\0").append(value));
        return UUID.nameUUIDFromBytes(key.toString().getBytes(UTF_8));
    }
}
