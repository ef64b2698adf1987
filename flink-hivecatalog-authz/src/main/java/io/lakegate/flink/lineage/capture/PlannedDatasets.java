package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.lineage.config.LineageSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables planned on this thread since the last job was submitted from it. Flink 1.20 tells no configured hook
 * which tables a SQL job reads and writes; the planner builds them on the thread that submits the job right after, so
 * what the guarded catalogs saw built there is that job's. A statement that fails after some of its tables were built
 * must {@link #discard} them, or the next job would claim them.
 */
public final class PlannedDatasets {
    private static final ThreadLocal<Round> ROUND = new ThreadLocal<>();

    private PlannedDatasets() {}

    static void read(Job job, TableUse table, List<String> columns) {
        round(job).read(table, columns);
    }

    static void written(Job job, TableUse table) {
        round(job).written(table);
    }

    /** Forgets what this thread planned: its statement failed. */
    public static void discard() {
        ROUND.remove();
    }

    /** What this thread planned since the last call, for the job it just submitted; empty when it planned nothing. */
    public static Optional<PlannedJob> take() {
        Round round = ROUND.get();
        ROUND.remove();
        return Optional.ofNullable(round).map(Round::job);
    }

    private static Round round(Job job) {
        Round round = ROUND.get();
        if (round == null) {
            round = new Round(job);
            ROUND.set(round);
        }
        return round;
    }

    /** The session a table was planned in: the first table of a round decides for the round. */
    record Job(LineageSettings settings, String user, boolean streaming, Optional<String> pipelineName) {
        Job {
            requireNonNull(settings, "settings is null");
            requireNonNull(user, "user is null");
            requireNonNull(pipelineName, "pipelineName is null");
        }
    }

    private static final class Round {
        private final Job job;
        private final Map<String, TableUse> inputs = new LinkedHashMap<>();
        private final Map<String, Set<String>> columns = new LinkedHashMap<>();
        private final Map<String, TableUse> outputs = new LinkedHashMap<>();

        Round(Job job) {
            this.job = job;
        }

        // The planner builds a scan for each time a statement names a table (a self-join: twice); one input each.
        void read(TableUse table, List<String> read) {
            String key = table.table().asSummaryString();
            inputs.putIfAbsent(key, table);
            columns.computeIfAbsent(key, ignored -> new LinkedHashSet<>()).addAll(read);
        }

        void written(TableUse table) {
            outputs.putIfAbsent(table.table().asSummaryString(), table);
        }

        PlannedJob job() {
            List<PlannedJob.Read> reads = new ArrayList<>();
            inputs.forEach((key, table) -> reads.add(new PlannedJob.Read(table, List.copyOf(columns.get(key)))));
            return new PlannedJob(
                    job.settings(),
                    job.user(),
                    job.streaming(),
                    job.pipelineName(),
                    reads,
                    List.copyOf(outputs.values()));
        }
    }
}
