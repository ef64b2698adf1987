package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The run a query belongs to, as its client says with Trino client tags (Trino has no session property an event
 * listener could declare): {@code openlineage.parent.run-id=<uuid>}, {@code openlineage.parent.job-namespace=<ns>}
 * and {@code openlineage.parent.job-name=<name>}, all three, as a scheduler's task sets them (e.g. {@code trino
 * --client-tags} or the JDBC driver's {@code clientTags}).
 */
record ParentRun(UUID runId, String jobNamespace, String jobName) {
    static final String RUN_ID = "openlineage.parent.run-id=";
    static final String JOB_NAMESPACE = "openlineage.parent.job-namespace=";
    static final String JOB_NAME = "openlineage.parent.job-name=";

    ParentRun {
        requireNonNull(runId, "runId is null");
        requireNonNull(jobNamespace, "jobNamespace is null");
        requireNonNull(jobName, "jobName is null");
    }

    /** The parent the tags name; empty unless all three are there and the run id is a UUID. */
    static Optional<ParentRun> fromClientTags(Set<String> tags) {
        String runId = null;
        String namespace = null;
        String name = null;
        for (String tag : tags) {
            if (tag.startsWith(RUN_ID)) {
                runId = tag.substring(RUN_ID.length());
            } else if (tag.startsWith(JOB_NAMESPACE)) {
                namespace = tag.substring(JOB_NAMESPACE.length());
            } else if (tag.startsWith(JOB_NAME)) {
                name = tag.substring(JOB_NAME.length());
            }
        }
        if (runId == null || namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ParentRun(UUID.fromString(runId), namespace, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
