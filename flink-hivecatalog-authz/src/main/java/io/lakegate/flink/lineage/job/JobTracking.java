package io.lakegate.flink.lineage.job;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.lineage.capture.PlannedJob;
import io.lakegate.flink.lineage.config.LineageSettings;
import io.lakegate.flink.lineage.event.FlinkRunEvents;
import io.lakegate.lineage.emit.AdapterVersion;
import io.lakegate.lineage.emit.LineageEmitter;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.utils.UUIDUtils;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * The jobs being reported in this JVM: START when submitted, RUNNING at each tracking interval while a streaming job
 * runs, and COMPLETE, FAIL or ABORT when it ends, all queued to one emitter per transport (bounded, never blocking).
 * A job is watched through its {@link JobClient}'s futures only; it is forgotten when it ends.
 */
final class JobTracking {
    private static final System.Logger LOG = System.getLogger(JobTracking.class.getName());
    private static final JobTracking SHARED = new JobTracking();
    private static final String PLUGIN_VERSION = AdapterVersion.of(JobTracking.class);
    private static final int MAX_WATCH_ATTEMPTS = 60;

    private final Map<String, LineageEmitter> emitters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lakegate-lineage-tracker");
        thread.setDaemon(true);
        return thread;
    });

    private JobTracking() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "lakegate-lineage-shutdown"));
    }

    static JobTracking shared() {
        return SHARED;
    }

    /**
     * Reports {@code client}'s job, planned as {@code job}. Returns at once: the emitter, the events and the requests to
     * the cluster that watch the job are all made on the tracker's thread.
     */
    void track(JobClient client, PlannedJob job) {
        requireNonNull(client, "client is null");
        requireNonNull(job, "job is null");
        ticks.execute(() -> start(client, job));
    }

    private void start(JobClient client, PlannedJob job) {
        LineageEmitter emitter = emitter(job.settings());
        FlinkRunEvents events = new FlinkRunEvents(
                job, UUIDUtils.generateNewUUID(), EnvironmentInformation.getVersion(), PLUGIN_VERSION);
        emitter.submit(() -> Optional.of(events.event(EventType.START, Optional.empty())));
        Watch watch = new Watch();
        if (job.streaming()) {
            long interval = job.settings().trackingInterval().toMillis();
            watch.ticking(ticks.scheduleWithFixedDelay(
                    () -> running(client, emitter, events), interval, interval, TimeUnit.MILLISECONDS));
        }
        watchForEnd(client, emitter, events, watch, 1);
    }

    // A RUNNING event while the job runs; a tick that throws would stop the ticks, so none does.
    private static void running(JobClient client, LineageEmitter emitter, FlinkRunEvents events) {
        try {
            client.getJobStatus().thenAccept(status -> {
                if (status == JobStatus.RUNNING) {
                    emitter.submit(() -> Optional.of(events.event(EventType.RUNNING, Optional.empty())));
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "The status of job " + client.getJobID() + " is not known now", e);
        }
    }

    // The job's result says how it ended; a request that failed for another reason (the cluster's REST endpoint away,
    // a JobManager failover) says nothing about the job, which is asked again rather than reported failed.
    private void watchForEnd(
            JobClient client, LineageEmitter emitter, FlinkRunEvents events, Watch watch, int attempt) {
        client.getJobExecutionResult().whenComplete((result, error) -> {
            Optional<Throwable> failure = Optional.ofNullable(error).map(JobTracking::unwrap);
            EventType type;
            if (failure.isEmpty()) {
                type = EventType.COMPLETE;
            } else if (has(failure.get(), JobCancellationException.class)) {
                type = EventType.ABORT;
            } else if (has(failure.get(), JobExecutionException.class)) {
                type = EventType.FAIL;
            } else if (attempt < MAX_WATCH_ATTEMPTS) {
                LOG.log(Level.DEBUG, "Watching job " + client.getJobID() + " again", failure.get());
                ticks.schedule(() -> watchForEnd(client, emitter, events, watch, attempt + 1), 10, TimeUnit.SECONDS);
                return;
            } else {
                // Ten minutes without an answer about the job: its end is unknown, and said so.
                type = EventType.FAIL;
            }
            watch.end();
            emitter.submit(() -> Optional.of(events.event(type, failure.filter(ignored -> type == EventType.FAIL))));
        });
    }

    private LineageEmitter emitter(LineageSettings settings) {
        return emitters.computeIfAbsent(
                settings.transportKey(),
                key -> LineageEmitter.start("flink-" + emitters.size(), settings.transport(), settings.emitter()));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private void close() {
        ticks.shutdownNow();
        emitters.values().forEach(emitter -> {
            try {
                emitter.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing a lineage emitter failed", e);
            }
        });
    }

    // One job's watch: its periodic RUNNING, cancelled when the job ends, whichever comes first.
    private static final class Watch {
        private ScheduledFuture<?> tick;
        private boolean ended;

        synchronized void ticking(ScheduledFuture<?> scheduled) {
            if (ended) {
                scheduled.cancel(false);
            } else {
                tick = scheduled;
            }
        }

        synchronized void end() {
            ended = true;
            if (tick != null) {
                tick.cancel(false);
            }
        }
    }
}
