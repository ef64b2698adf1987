package io.lakegate.spark.authz.identity;

import io.lakegate.ranger.RequestContext;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.util.Utils;

/**
 * What Ranger's requests for a statement carry besides the user: the client's address, which Kyuubi puts in the
 * session's conf ({@value #KYUUBI_CLIENT_ADDRESS}), taken only from an operation of Kyuubi's (one with Kyuubi's
 * session user): a client of Spark Thrift Server could pass that key itself when it opens a session; and the
 * statement's text for audit: the job description Kyuubi's
 * engine and Spark Thrift Server set for each statement, else the text Spark parsed the plan from; redacted with the
 * session's {@code spark.sql.redaction.string.regex}, as Spark redacts it for its UI.
 */
public final class RequestContexts {
    public static final String KYUUBI_CLIENT_ADDRESS = "kyuubi.client.ipAddress";
    // SparkContext.SPARK_JOB_DESCRIPTION, which setJobGroup sets.
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private RequestContexts() {}

    public static RequestContext of(SparkSession session, LogicalPlan plan) {
        Optional<String> address = session.sparkContext().getLocalProperty(SessionUser.KYUUBI_SESSION_USER) == null
                ? Optional.empty()
                : Optional.ofNullable(session.conf().get(KYUUBI_CLIENT_ADDRESS, null));
        Optional<String> statement = Optional.ofNullable(session.sparkContext().getLocalProperty(JOB_DESCRIPTION))
                .or(() -> plan.origin().sqlText().isDefined()
                        ? Optional.of(plan.origin().sqlText().get())
                        : Optional.empty())
                .map(text -> Utils.redact(session.sessionState().conf().stringRedactionPattern(), text));
        return new RequestContext(address, statement);
    }
}
