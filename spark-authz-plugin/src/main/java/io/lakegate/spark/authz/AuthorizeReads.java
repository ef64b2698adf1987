package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;
import scala.runtime.AbstractPartialFunction;

/**
 * Optimizer rule: refuses a plan about to run unless Ranger allows every table it reads with every column it
 * uses. It runs on what executes, from SQL and the DataFrame API alike, so a DataFrame over a whole table that is
 * then narrowed is checked for the columns finally used. Runs once per plan, then removes the markers.
 */
final class AuthorizeReads extends Rule<LogicalPlan> {
    private static final String SELECT = "select";
    private static final TreeNodeTag<Object> AUTHORIZED = new TreeNodeTag<>("lakegate.authorized");

    private final SparkSession session;
    private final RangerAuthorizer authorizer;

    AuthorizeReads(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (plan.getTagValue(AUTHORIZED).isDefined()) {
            return plan;
        }
        List<TableRead> reads = TableReads.of(plan);
        if (!reads.isEmpty()) {
            UserIdentity identity = authorizer.identify(SessionUser.of(session));
            for (TableRead read : reads) {
                checkSelect(identity, read);
            }
        }
        LogicalPlan authorized =
                plan.transformUpWithSubqueries(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
                    @Override
                    public boolean isDefinedAt(LogicalPlan node) {
                        return node instanceof AuthzMarker;
                    }

                    @Override
                    public LogicalPlan apply(LogicalPlan node) {
                        return ((AuthzMarker) node).child();
                    }
                });
        authorized.setTagValue(AUTHORIZED, Boolean.TRUE);
        return authorized;
    }

    private void checkSelect(UserIdentity identity, TableRead read) {
        if (read.columns().isEmpty()) {
            AccessDecision decision = authorizer.authorize(
                    AccessRequest.of(identity, RangerResource.table(read.database(), read.table()), SELECT));
            if (!decision.allowed()) {
                throw new AccessControlException(decision.denialMessage());
            }
            return;
        }
        List<String> denied = new ArrayList<>();
        String firstDenial = null;
        for (String column : read.columns()) {
            AccessDecision decision = authorizer.authorize(
                    AccessRequest.of(identity, RangerResource.column(read.database(), read.table(), column), SELECT));
            if (!decision.allowed()) {
                denied.add(column);
                firstDenial = firstDenial == null ? decision.denialMessage() : firstDenial;
            }
        }
        if (denied.size() == 1) {
            throw new AccessControlException(firstDenial);
        }
        if (!denied.isEmpty()) {
            throw new AccessControlException(AccessDecision.permissionDenied(
                    identity.user(), SELECT, read.database() + "/" + read.table() + "/" + String.join(",", denied)));
        }
    }
}
