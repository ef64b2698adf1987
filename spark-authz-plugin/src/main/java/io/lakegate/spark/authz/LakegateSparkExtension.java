package io.lakegate.spark.authz;

import io.lakegate.spark.authz.conf.SessionSettingsGuard;
import io.lakegate.spark.authz.marker.MarkPermanentViews;
import io.lakegate.spark.authz.marker.PlanRowFilterBarriers;
import io.lakegate.spark.authz.privilege.AuthorizeAnalysedQuery;
import io.lakegate.spark.authz.privilege.AuthorizeFunctionCalls;
import io.lakegate.spark.authz.privilege.AuthorizeStatement;
import io.lakegate.spark.authz.privilege.AuthorizingParser;
import io.lakegate.spark.authz.protection.ApplyRowFiltersAndMasks;
import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Enforces Ranger Hive-service policies in Spark SQL. Enable with
 * {@code spark.sql.extensions=io.lakegate.spark.authz.LakegateSparkExtension} and Ranger's
 * {@code ranger-spark-security.xml} (and {@code ranger-spark-audit.xml}) in {@code $SPARK_CONF_DIR} or on the
 * classpath; a launcher may add a directory of the engine's own ({@code spark.lakegate.ranger.conf.dir}) and its
 * own policy cache dir ({@code spark.lakegate.ranger.policy.cache.dir}). The Ranger plugin starts with the first
 * session: a configuration it cannot work with fails session creation, naming the key to fix.
 */
public final class LakegateSparkExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        // Fails here, with the key to fix, rather than at the first statement.
        SparkRangerPlugin.authorizer();
        extensions.injectParser(
                (session, delegate) -> new AuthorizingParser(session, SparkRangerPlugin.of(session), delegate));
        extensions.injectResolutionRule(session -> new ApplyRowFiltersAndMasks(session, SparkRangerPlugin.of(session)));
        extensions.injectPostHocResolutionRule(session -> new MarkPermanentViews());
        extensions.injectPostHocResolutionRule(
                session -> new AuthorizeAnalysedQuery(session, SparkRangerPlugin.of(session)));
        extensions.injectOptimizerRule(session -> new AuthorizeStatement(session, SparkRangerPlugin.of(session)));
        extensions.injectPlannerStrategy(session -> new PlanRowFilterBarriers());
        extensions.injectCheckRule(session -> new SessionSettingsGuard(session, SparkRangerPlugin.of(session)));
        extensions.injectCheckRule(session -> new AuthorizeFunctionCalls(session, SparkRangerPlugin.of(session)));
        return BoxedUnit.UNIT;
    }
}
