package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.lineage.config.LineageSettings;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.connector.sink.DynamicTableSink;

/**
 * A guarded catalog's part in lineage: it tells {@link PlannedDatasets} each table the planner builds from it, with
 * the session's settings and user. The planner builds a job's tables on the thread that then submits it, where
 * {@link io.lakegate.flink.lineage.job.LineageJobListener} picks them up.
 */
public final class CatalogLineage {
    private static final String LISTENER = "io.lakegate.flink.lineage.job.LineageJobListener";
    // Flink's private planner methods (1.20): a Flink upgrade must keep LineageTest's EXPLAIN case passing.
    private static final Set<String> EXPLAIN_METHODS =
            Set.of("explain", "explainPlan", "getExplainGraphs", "compilePlan");

    private final LineageSettings settings;
    private final String user;
    private final String hiveNamespace;

    public CatalogLineage(LineageSettings settings, String user, String hiveNamespace) {
        this.settings = requireNonNull(settings, "settings is null");
        this.user = requireNonNull(user, "user is null");
        this.hiveNamespace = requireNonNull(hiveNamespace, "hiveNamespace is null");
    }

    /** The planner builds the scan it will run of {@code table}. */
    public void read(ObjectIdentifier table, ResolvedCatalogTable catalogTable, ReadableConfig session) {
        if (!explaining()) {
            PlannedDatasets.read(job(session), use(table, catalogTable));
        }
    }

    /**
     * {@code sink}, which writes {@code table}: it is the planned job's output once the planner asks it for what it
     * will run.
     */
    public DynamicTableSink writing(
            DynamicTableSink sink, ObjectIdentifier table, ResolvedCatalogTable catalogTable, ReadableConfig session) {
        return WrittenSink.wrap(sink, () -> {
            if (!explaining()) {
                PlannedDatasets.written(job(session), use(table, catalogTable));
            }
        });
    }

    // EXPLAIN (and COMPILE PLAN) build a statement's scans and sinks as its job would, and submit nothing: what they
    // build is no job's. Flink says so only by where it is called from: its planner's explain methods.
    private static boolean explaining() {
        return StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(
                        frame -> frame.getClassName().startsWith("org.apache.flink.table.planner.delegation.")
                                && EXPLAIN_METHODS.contains(frame.getMethodName())));
    }

    private TableUse use(ObjectIdentifier table, ResolvedCatalogTable catalogTable) {
        return new TableUse(table, catalogTable.getResolvedSchema(), catalogTable.getOptions(), hiveNamespace);
    }

    // A session whose statements could drop the listener (SET 'execution.job-listeners' = '') would read and write
    // unreported: with lineage on, a statement runs only with Lakegate's listener.
    private PlannedDatasets.Job job(ReadableConfig session) {
        if (session.getOptional(DeploymentOptions.JOB_LISTENERS).orElse(List.of()).stream()
                .map(String::strip)
                .noneMatch(LISTENER::equals)) {
            throw new AccessControlException("Permission denied: user [" + user + "] may not run statements without"
                    + " lineage: OpenLineage is on for this session (" + LineageSettings.TRANSPORT_TYPE + "), and "
                    + DeploymentOptions.JOB_LISTENERS.key() + " no longer names " + LISTENER + " (a SET changed it)");
        }
        return new PlannedDatasets.Job(
                settings,
                user,
                session.get(ExecutionOptions.RUNTIME_MODE) != RuntimeExecutionMode.BATCH,
                session.getOptional(PipelineOptions.NAME).filter(LineageSettings::validName));
    }
}
