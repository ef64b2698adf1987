package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.SparkAuthz;
import io.lakegate.spark.authz.identity.RequestContexts;
import io.lakegate.spark.authz.identity.SessionUser;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule: refuses a statement that calls a permanent function the user has no {@code select} on, or runs code
 * of the user's choosing (a script, {@code reflect}) without {@code tempudfadmin} (see {@link FunctionCalls}). On
 * the analysed plan, because the optimizer would evaluate a call on constants (constant folding) before any
 * optimizer rule of Lakegate's could see it.
 */
public final class AuthorizeFunctionCalls extends AbstractFunction1<LogicalPlan, BoxedUnit> {
    private final SparkSession session;
    private final SparkAuthz authz;
    private final SessionUser sessionUser;

    public AuthorizeFunctionCalls(SparkSession session, SparkAuthz authz) {
        this.session = requireNonNull(session, "session is null");
        this.authz = requireNonNull(authz, "authz is null");
        this.sessionUser = authz.sessionUser(session);
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        FunctionCalls calls = FunctionCalls.of(plan, authz.config());
        if (!calls.any()) {
            return BoxedUnit.UNIT;
        }
        Denials denials = new Denials(
                authz.authorizer(),
                authz.authorizer().identify(sessionUser.current()).within(RequestContexts.of(session, plan)));
        calls.require(denials);
        denials.throwIfDenied();
        return BoxedUnit.UNIT;
    }
}
