package io.lakegate.flink.lineage.job;

import io.lakegate.flink.lineage.capture.PlannedDatasets;
import java.lang.System.Logger.Level;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;

/**
 * Reports every Flink SQL job to OpenLineage, by configuration alone: {@code execution.job-listeners:
 * io.lakegate.flink.lineage.job.LineageJobListener}. Flink calls it on the thread that planned and submitted the
 * job, right after the submission; the tables the guarded catalogs built on that thread are the job's. It returns at
 * once and never throws into Flink: the job is handed to Lakegate's own thread, which builds and sends its events.
 */
public final class LineageJobListener implements JobListener {
    private static final System.Logger LOG = System.getLogger(LineageJobListener.class.getName());

    /** Flink makes one as each translation starts and as each translated statement becomes a pipeline. */
    public LineageJobListener() {
        PlannedDatasets.seal();
    }

    @Override
    public void onJobSubmitted(JobClient jobClient, Throwable throwable) {
        try {
            if (jobClient == null || throwable != null) {
                // Not submitted: nothing ran (and the next translation's seal drops what was planned for it).
                return;
            }
            PlannedDatasets.take().ifPresent(job -> JobTracking.shared().track(jobClient, job));
        } catch (RuntimeException | LinkageError e) {
            // A submitted job must not fail because of its lineage.
            LOG.log(Level.WARNING, "Lineage of a Flink job could not be reported", e);
        }
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable throwable) {
        // SQL jobs are submitted asynchronously and never reach this; their end is watched from onJobSubmitted.
    }
}
