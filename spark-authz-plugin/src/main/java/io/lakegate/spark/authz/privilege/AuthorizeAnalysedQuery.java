package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.TableAccess;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.identity.SessionUser;
import io.lakegate.spark.authz.marker.AuthzMarker;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.AnalysisContext;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;

/**
 * Analyzer rule, last of analysis: authorizes the tables a query reads as soon as the whole query is analysed,
 * DataFrames it is built on included (for what this query reads of them). If Ranger allows every read, audits them
 * and takes the markers out, leaving each protected scan under its {@link io.lakegate.spark.authz.marker.ReaderTag}: the optimizer then works on
 * the query as it would without Lakegate, and the query needs no authorization of its reads later. Otherwise it
 * audits nothing and leaves the plan as it is, for {@link AuthorizeStatement} to authorize, and deny, what finally
 * runs: a DataFrame over a whole table is analysed before the user narrows it to the columns they may read. Statements that change anything, view bodies (their
 * reader is the view) and subqueries on their own (authorized with their query) are left to it as well.
 */
public final class AuthorizeAnalysedQuery extends Rule<LogicalPlan> {
    private static final String SELECT = "select";

    private final SparkSession session;
    private final RangerAuthorizer authorizer;

    public AuthorizeAnalysedQuery(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        AnalysisContext context = AnalysisContext.get();
        if (context.nestedViewDepth() > 0
                || context.outerPlan().isDefined()
                || !plan.resolved()
                || plan instanceof Command
                || RowLevelChanges.targetOf(plan).isPresent()
                || !TableReads.anyInAnalysed(plan)) {
            return plan;
        }
        List<TableRead> reads = TableReads.ofAnalysed(plan);
        UserIdentity identity = authorizer.identify(SessionUser.of(session));
        List<TableAccess> accesses = reads.stream()
                .map(read ->
                        new TableAccess(RangerResource.table(read.database(), read.table()), read.columns(), SELECT))
                .toList();
        if (!authorizer.authorizeIfAllAllowed(identity, accesses)) {
            // Without a marker, nothing is left for the optimizer to authorize: a query over DataFrames whose reads
            // were authorized, reading more of them now, is refused here.
            if (!AuthzMarker.pendingWithSubqueries(plan)) {
                reads.forEach(read -> AuthorizeStatement.checkSelect(authorizer, identity, read));
            }
            return plan;
        }
        return Subqueries.replace(
                plan,
                node -> node instanceof AuthzMarker,
                node -> node instanceof ReaderScanMarker marker ? marker.authorized() : ((AuthzMarker) node).child());
    }
}
