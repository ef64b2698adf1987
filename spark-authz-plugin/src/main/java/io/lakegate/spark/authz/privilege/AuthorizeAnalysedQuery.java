package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.TableAccess;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.SparkAuthz;
import io.lakegate.spark.authz.identity.RequestContexts;
import io.lakegate.spark.authz.identity.SessionUser;
import io.lakegate.spark.authz.marker.AuthzMarker;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.AnalysisContext;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
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
    private final SparkSession session;
    private final SparkAuthz authz;
    private final RangerAuthorizer authorizer;
    private final SessionUser sessionUser;

    public AuthorizeAnalysedQuery(SparkSession session, SparkAuthz authz) {
        this.session = requireNonNull(session, "session is null");
        this.authz = requireNonNull(authz, "authz is null");
        this.authorizer = authz.authorizer();
        this.sessionUser = authz.sessionUser(session);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        AnalysisContext context = AnalysisContext.get();
        if (context.outerPlan().isDefined() && context.outerPlan().get() instanceof RelationTimeTravel) {
            return authorizedForAnalysis(plan);
        }
        if (context.nestedViewDepth() > 0
                || context.outerPlan().isDefined()
                || !plan.resolved()
                || plan instanceof Command
                || RowLevelChanges.targetOf(plan).isPresent()
                || !TableReads.anyInAnalysed(plan)) {
            return plan;
        }
        List<TableRead> reads = TableReads.ofAnalysed(plan);
        UserIdentity identity = identity(plan);
        List<TableAccess> accesses = reads.stream()
                .map(read -> new TableAccess(read.table().resource(), read.columns(), Commands.SELECT))
                .toList();
        if (!authorizer.authorizeIfAllAllowed(identity, accesses)) {
            // Without a marker, nothing is left for the optimizer to authorize: a query over DataFrames whose reads
            // were authorized, reading more of them now, is refused here.
            if (!AuthzMarker.pendingWithSubqueries(plan)) {
                Denials denials = new Denials(authorizer, identity);
                reads.forEach(denials::select);
                denials.throwIfDenied();
            }
            return plan;
        }
        return withoutMarkers(plan);
    }

    /**
     * A subquery of a time-travel clause ({@code TIMESTAMP AS OF (SELECT ...)}): Spark plans and runs it during
     * analysis, with no optimizer pass in between, so everything it reads and calls is authorized now, and its
     * markers, which have no physical plan, are taken out.
     */
    private LogicalPlan authorizedForAnalysis(LogicalPlan plan) {
        if (!plan.resolved()) {
            return plan;
        }
        UserIdentity identity = identity(plan);
        CommandContext commandContext = new CommandContext(session, authz, identity::user);
        Sources sources = Sources.of(plan, commandContext::location);
        if (!sources.refused().isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + identity.user() + "] may not use "
                    + sources.refused() + ": Lakegate cannot authorize this source, so it refuses it");
        }
        sources.catalogs().forEach(catalog -> authz.startupCatalogs()
                .check(catalog, session.sessionState().conf()));
        Denials denials = new Denials(authorizer, identity);
        TableReads.ofAnalysed(plan).forEach(denials::select);
        sources.files().forEach(path -> denials.require(Commands.READ, RangerResource.url(path)));
        sources.metadataTables()
                .forEach(metadata -> denials.select(new TableRead(metadata.table(), metadata.columns())));
        FunctionCalls.of(plan, authz.config()).require(denials);
        denials.throwIfDenied();
        return withoutMarkers(plan);
    }

    private UserIdentity identity(LogicalPlan plan) {
        return authorizer.identify(sessionUser.current()).within(RequestContexts.of(session, plan));
    }

    private static LogicalPlan withoutMarkers(LogicalPlan plan) {
        return Subqueries.replace(
                plan,
                node -> node instanceof AuthzMarker,
                node -> node instanceof ReaderScanMarker marker ? marker.authorized() : ((AuthzMarker) node).child());
    }
}
