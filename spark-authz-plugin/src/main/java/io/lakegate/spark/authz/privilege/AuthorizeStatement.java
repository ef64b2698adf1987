package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.identity.SessionUser;
import io.lakegate.spark.authz.listing.ColumnListings;
import io.lakegate.spark.authz.listing.ListingFilters;
import io.lakegate.spark.authz.marker.AuthzMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Optimizer rule: refuses a statement about to run unless Ranger allows what it does to what it names (see
 * {@link CommandPrivileges}), every table it reads with every column it uses, and {@code read} on every path it
 * reads files from outside the catalog. Commands run through the optimizer too, before they change anything. It
 * runs on what executes, from SQL and the DataFrame API alike, so a DataFrame over a whole table that is then
 * narrowed is checked for the columns finally used. It keeps no state: a plan with markers has not been authorized
 * yet; authorizing removes them. Files read by path carry no marker and are checked on every run.
 */
public final class AuthorizeStatement extends Rule<LogicalPlan> {
    private static final String SELECT = "select";
    private static final String READ = "read";

    private final SparkSession session;
    private final RangerAuthorizer authorizer;

    public AuthorizeStatement(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        boolean pending = AuthzMarker.pendingIn(plan);
        Configuration hadoopConf = session.sparkContext().hadoopConfiguration();
        List<TableRead> reads = new ArrayList<>(pending ? TableReads.of(plan) : List.of());
        List<String> files = new ArrayList<>(FileReads.of(plan, hadoopConf));
        List<CommandPrivilege> commandPrivileges = CommandPrivileges.of(plan, hadoopConf);
        CommandPrivileges.viewQuery(plan).ifPresent(query -> {
            reads.addAll(TableReads.of(query));
            files.addAll(FileReads.of(query, hadoopConf));
        });
        Optional<ColumnListings.Listing> columnListing = ColumnListings.of(plan, session);
        List<String> refused = RefusedSources.of(plan, !commandPrivileges.isEmpty() || columnListing.isPresent());
        if (!refused.isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + SessionUser.of(session) + "] may not use "
                    + refused + ": Lakegate cannot authorize this source or command, so it refuses it");
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
            RowLevelChanges.targetOf(plan).ifPresent(target -> refuseIfFilteredOrMasked(identity, target));
            for (TableRead read : reads) {
                checkSelect(authorizer, identity, read);
            }
            for (String path : files) {
                AccessDecision decision =
                        authorizer.authorize(AccessRequest.of(identity, RangerResource.url(path), READ));
                if (!decision.allowed()) {
                    throw new AccessControlException(decision.denialMessage());
                }
            }
        }
        if (columnListing.isPresent()) {
            return ColumnListings.filtered(
                    plan, columnListing.get(), authorizer, authorizer.identify(SessionUser.of(session)));
        }
        if (ListingFilters.isListing(plan)) {
            return ListingFilters.filtered(plan, session, authorizer, authorizer.identify(SessionUser.of(session)));
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

    // Spark changes rows by re-reading the target and writing back what it read: through a row filter or a mask
    // that would drop the rows the user may not see, or write masked values over the real ones.
    private void refuseIfFilteredOrMasked(UserIdentity identity, LogicalPlan target) {
        Optional<TableName> table = CatalogTables.scannedBy(target);
        if (table.isEmpty()) {
            return;
        }
        boolean masked = JavaConverters.seqAsJavaList(target.output()).stream().anyMatch(column -> authorizer
                .columnMask(identity, table.get().column(column.name()))
                .isPresent());
        if (masked || authorizer.rowFilter(identity, table.get().resource()).isPresent()) {
            throw new AccessControlException("Permission denied: user [" + identity.user()
                    + "] may not update, delete or merge rows of ["
                    + table.get().resource().path()
                    + "]: Ranger filters or masks what the user sees of it, and Spark would write that back");
        }
    }

    /** Refuses, in Ranger's words, unless {@code read} is allowed; audits the decision either way. */
    public static void checkSelect(RangerAuthorizer authorizer, UserIdentity identity, TableRead read) {
        RangerResource table = RangerResource.table(read.database(), read.table());
        if (read.columns().isEmpty()) {
            AccessDecision decision = authorizer.authorize(AccessRequest.of(identity, table, SELECT));
            if (!decision.allowed()) {
                throw new AccessControlException(decision.denialMessage());
            }
            return;
        }
        // One audit event for the table, as Ranger's Hive plugin writes it, rather than one per column.
        List<AccessDecision> decisions = authorizer.authorizeColumns(identity, table, read.columns(), SELECT);
        List<String> denied = new ArrayList<>();
        String firstDenial = null;
        for (int i = 0; i < decisions.size(); i++) {
            if (!decisions.get(i).allowed()) {
                denied.add(read.columns().get(i));
                firstDenial = firstDenial == null ? decisions.get(i).denialMessage() : firstDenial;
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
