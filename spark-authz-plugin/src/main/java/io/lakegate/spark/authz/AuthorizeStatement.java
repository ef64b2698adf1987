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
import scala.runtime.AbstractPartialFunction;

/**
 * Optimizer rule: refuses a statement about to run unless Ranger allows what it does to what it names (see
 * {@link CommandPrivileges}), every table it reads with every column it uses, and {@code read} on every path it
 * reads files from outside the catalog. Commands run through the optimizer too, before they change anything. It
 * runs on what executes, from SQL and the DataFrame API alike, so a DataFrame over a whole table that is then
 * narrowed is checked for the columns finally used. It keeps no state: a plan with markers has not been authorized
 * yet; authorizing removes them. Files read by path carry no marker and are checked on every run.
 */
final class AuthorizeStatement extends Rule<LogicalPlan> {
    private static final String SELECT = "select";
    private static final String READ = "read";

    private final SparkSession session;
    private final RangerAuthorizer authorizer;

    AuthorizeStatement(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        boolean pending = AuthzMarker.pendingIn(plan);
        List<TableRead> reads = pending ? TableReads.of(plan) : List.of();
        List<String> files = FileReads.of(plan);
        List<CommandPrivilege> commandPrivileges = CommandPrivileges.of(plan);
        List<String> v2Tables = DataSourceV2Tables.of(plan);
        if (!v2Tables.isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + SessionUser.of(session) + "] may not use "
                    + v2Tables + ": Lakegate does not authorize DataSource V2 catalogs and sources yet, so it refuses"
                    + " them");
        }
        if (!reads.isEmpty() || !files.isEmpty() || !commandPrivileges.isEmpty()) {
            UserIdentity identity = authorizer.identify(SessionUser.of(session));
            // Command privileges first: a statement that may not write is refused before anything else is asked or
            // done.
            for (CommandPrivilege privilege : commandPrivileges) {
                AccessDecision decision =
                        authorizer.authorize(AccessRequest.of(identity, privilege.resource(), privilege.accessType()));
                if (!decision.allowed()) {
                    throw new AccessControlException(decision.denialMessage());
                }
            }
            for (TableRead read : reads) {
                checkSelect(identity, read);
            }
            for (String path : files) {
                AccessDecision decision =
                        authorizer.authorize(AccessRequest.of(identity, RangerResource.url(path), READ));
                if (!decision.allowed()) {
                    throw new AccessControlException(decision.denialMessage());
                }
            }
        }
        if (!pending) {
            return plan;
        }
        return plan.transformUpWithSubqueries(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                return node instanceof AuthzMarker;
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                return ((AuthzMarker) node).child();
            }
        });
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
