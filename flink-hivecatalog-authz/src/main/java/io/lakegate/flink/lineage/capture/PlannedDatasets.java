package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.lineage.config.LineageSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables planned on this thread for the job about to be submitted from it. Flink 1.20 tells no configured hook
 * which tables a SQL job reads and writes; the planner builds them on the thread that submits the job right after, so
 * what the guarded catalogs saw built there is that job's.
 *
 * <p>Flink makes the job listeners anew, from the configuration, each time it configures the environment: as a
 * statement's translation starts ({@code PlannerBase.beforeTranslation}) and as the translated statement becomes the
 * pipeline it submits. Each {@link #seal} ends a round: {@link #take} hands out only the tables planned between the
 * last two seals, the translation of the job just submitted, so that a statement that failed on the way (a refusal,
 * an error in translation) lends its tables to no later job, whichever session the thread serves next.
 */
public final class PlannedDatasets {
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private PlannedDatasets() {}

    static void read(Job job, TableUse table) {
        STATE.get().round(job).read(table);
    }

    static void written(Job job, TableUse table) {
        STATE.get().round(job).written(table);
    }

    /** Flink made a job listener on this thread: a statement starts, or its pipeline is about to be submitted. */
    public static void seal() {
        STATE.get().seals++;
    }

    /**
     * What this thread planned between the last two seals, for the job it just submitted; empty when it planned
     * nothing there. Each round is handed out once.
     */
    public static Optional<PlannedJob> take() {
        State state = STATE.get();
        Round round = state.round;
        state.round = null;
        return Optional.ofNullable(round)
                .filter(planned -> planned.seal == state.seals - 1)
                .map(Round::job);
    }

    /** The session a table was planned in: the first table of a round decides for the round. */
    record Job(LineageSettings settings, String user, boolean streaming, Optional<String> pipelineName) {
        Job {
            requireNonNull(settings, "settings is null");
            requireNonNull(user, "user is null");
            requireNonNull(pipelineName, "pipelineName is null");
        }
    }

    private static final class State {
        private long seals;
        private Round round;

        Round round(Job job) {
            if (round == null || round.seal != seals) {
                round = new Round(job, seals);
            }
            return round;
        }
    }

    private static final class Round {
        private final Job job;
        private final long seal;
        private final Map<String, TableUse> inputs = new LinkedHashMap<>();
        private final Map<String, TableUse> outputs = new LinkedHashMap<>();

        Round(Job job, long seal) {
            this.job = job;
            this.seal = seal;
        }

        // The planner builds a scan for each time a statement names a table (a self-join: twice); one input each.
        void read(TableUse table) {
            inputs.putIfAbsent(table.key(), table);
        }

        void written(TableUse table) {
            outputs.putIfAbsent(table.key(), table);
        }

        PlannedJob job() {
            return new PlannedJob(
                    job.settings(),
                    job.user(),
                    job.streaming(),
                    job.pipelineName(),
                    List.copyOf(inputs.values()),
                    List.copyOf(outputs.values()));
        }
    }
}
