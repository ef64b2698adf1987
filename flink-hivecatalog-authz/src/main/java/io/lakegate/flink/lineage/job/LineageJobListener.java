package io.lakegate.flink.lineage.job;

import io.lakegate.flink.lineage.capture.PlannedDatasets;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;

/**
 * Reports every Flink SQL job to OpenLineage, by configuration alone: {@code execution.job-listeners:
 * io.lakegate.flink.lineage.job.LineageJobListener}. Flink calls it on the thread that planned and submitted the
 * job, right after the submission; the tables the guarded catalogs built on that thread are the job's. It returns at
 * once: the events are built and sent on Lakegate's own threads, and watching the job for its end is an asynchronous
 * request to the cluster.
 */
public final class LineageJobListener implements JobListener {
    @Override
    public void onJobSubmitted(JobClient jobClient, Throwable throwable) {
        if (jobClient == null || throwable != null) {
            // Not submitted: nothing ran, and what was planned for it is not the next job's.
            PlannedDatasets.discard();
            return;
        }
        PlannedDatasets.take().ifPresent(job -> JobTracking.shared().track(jobClient, job));
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable throwable) {
        // SQL jobs are submitted asynchronously and never reach this; their end is watched from onJobSubmitted.
    }
}
