package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule: refuses a statement that calls a permanent function the user has no {@code select} on, or runs a
 * script ({@code TRANSFORM ... USING}) without {@code tempudfadmin}. On the
 * analysed plan, because the optimizer would evaluate a call on constants (constant folding) before any
 * optimizer rule of Lakegate's could see it.
 */
public final class AuthorizeFunctionCalls extends AbstractFunction1<LogicalPlan, BoxedUnit> {
    private static final String SELECT = "select";

    private final SparkSession session;
    private final RangerAuthorizer authorizer;

    public AuthorizeFunctionCalls(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        List<RangerResource> functions = FunctionCalls.of(plan);
        boolean scripts = FunctionCalls.runsScripts(plan);
        if (functions.isEmpty() && !scripts) {
            return BoxedUnit.UNIT;
        }
        UserIdentity identity = authorizer.identify(SessionUser.of(session));
        // A script is a command of the user's choosing run with the engine's rights (its files included): the
        // trust a temporary function's class needs.
        if (scripts) {
            AccessDecision decision =
                    authorizer.authorize(AccessRequest.of(identity, RangerResource.global(), "tempudfadmin"));
            if (!decision.allowed()) {
                throw new AccessControlException(decision.denialMessage());
            }
        }
        for (RangerResource function : functions) {
            AccessDecision decision = authorizer.authorize(AccessRequest.of(identity, function, SELECT));
            if (!decision.allowed()) {
                throw new AccessControlException(decision.denialMessage());
            }
        }
        return BoxedUnit.UNIT;
    }
}
