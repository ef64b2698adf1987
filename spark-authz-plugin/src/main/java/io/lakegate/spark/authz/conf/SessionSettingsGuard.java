package io.lakegate.spark.authz.conf;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.LakegateSparkExtension;
import io.lakegate.spark.authz.SparkAuthz;
import java.util.Arrays;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Check rule: refuses every statement while {@value #EXCLUDED_RULES} names a Lakegate rule, or a restricted setting
 * holds another value than the engine's, whether it was set with SQL, the conf API or when the session opened.
 * Without the first the plan would still fail (the markers Lakegate's rules remove have no physical plan), but with
 * a message that does not say why. SET and RESET stay allowed, so the setting can be undone.
 */
public final class SessionSettingsGuard extends AbstractFunction1<LogicalPlan, BoxedUnit> {
    public static final String EXCLUDED_RULES = "spark.sql.optimizer.excludedRules";
    private static final String LAKEGATE_PACKAGE = LakegateSparkExtension.class.getPackageName() + ".";

    private final SparkSession session;
    private final SparkAuthz authz;

    public SessionSettingsGuard(SparkSession session, SparkAuthz authz) {
        this.session = requireNonNull(session, "session is null");
        this.authz = requireNonNull(authz, "authz is null");
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        if (plan instanceof SetCommand || plan instanceof ResetCommand) {
            return BoxedUnit.UNIT;
        }
        String excluded = session.sessionState().conf().getConfString(EXCLUDED_RULES, "");
        if (Arrays.stream(excluded.split(",")).map(String::trim).anyMatch(rule -> rule.startsWith(LAKEGATE_PACKAGE))) {
            throw new AccessControlException("Permission denied: Lakegate's authorization rules cannot be excluded;"
                    + " remove them from " + EXCLUDED_RULES + " (now [" + excluded + "])");
        }
        authz.config().restrictedSettings().checkSession(session.sessionState().conf(), authz.startupConf());
        return BoxedUnit.UNIT;
    }
}
