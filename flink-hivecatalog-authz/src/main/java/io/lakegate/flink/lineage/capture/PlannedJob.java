package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.lineage.config.LineageSettings;
import java.util.List;
import java.util.Optional;

/**
 * What the planner built for the job about to be submitted: the tables it reads and writes, and whose session
 * planned it.
 *
 * @param settings the session's lineage settings
 * @param user the session's user
 * @param streaming whether the job runs in streaming mode
 * @param pipelineName the job name the session set ({@code pipeline.name}), if any
 * @param inputs tables read, each once
 * @param outputs tables written, each once
 */
public record PlannedJob(
        LineageSettings settings,
        String user,
        boolean streaming,
        Optional<String> pipelineName,
        List<TableUse> inputs,
        List<TableUse> outputs) {
    public PlannedJob {
        requireNonNull(settings, "settings is null");
        requireNonNull(user, "user is null");
        requireNonNull(pipelineName, "pipelineName is null");
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
    }
}
