package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.SparkAuthz;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.identity.RequestContexts;
import io.lakegate.spark.authz.identity.SessionUser;
import io.lakegate.spark.authz.listing.ColumnListings;
import io.lakegate.spark.authz.listing.ListingFilters;
import io.lakegate.spark.authz.listing.Statistics;
import io.lakegate.spark.authz.marker.AuthzMarker;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import io.lakegate.spark.authz.protection.ProtectionChanges;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;

/**
 * Optimizer rule: refuses a statement about to run unless Ranger allows everything it does. A command must be one
 * Lakegate knows ({@link Commands}), or one the operator lets run unchecked; it needs its privileges on what it
 * names, and the queries it runs their reads. A read needs {@code select} on every column used of every table,
 * {@code read} on every path it reads files from outside the catalog; Iceberg metadata tables need every column of
 * their table, unfiltered and unmasked; sources Ranger cannot name, and catalogs the engine did not start with, are
 * refused. Everything is decided before anything is refused, so a denial names all that is denied. It runs on what
 * executes, from SQL and the DataFrame API alike, so a DataFrame over a whole table that is then narrowed is checked
 * for the columns finally used; commands run through the optimizer too, before they change anything. It keeps no
 * state in the plan: a plan with markers has not been authorized yet; authorizing removes them.
 */
public final class AuthorizeStatement extends Rule<LogicalPlan> {
    // The optimizer runs the rule on every iteration of two batches: the plan it returned, unchanged, is authorized.
    private static final ThreadLocal<WeakReference<LogicalPlan>> LAST_AUTHORIZED = new ThreadLocal<>();

    private final SparkSession session;
    private final SparkAuthz authz;
    private final RangerAuthorizer authorizer;
    private final SessionUser sessionUser;

    public AuthorizeStatement(SparkSession session, SparkAuthz authz) {
        this.session = requireNonNull(session, "session is null");
        this.authz = requireNonNull(authz, "authz is null");
        this.authorizer = authz.authorizer();
        this.sessionUser = authz.sessionUser(session);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        WeakReference<LogicalPlan> last = LAST_AUTHORIZED.get();
        if (last != null && last.get() == plan) {
            return plan;
        }
        LogicalPlan authorized = authorize(plan);
        LAST_AUTHORIZED.set(new WeakReference<>(authorized));
        return authorized;
    }

    private LogicalPlan authorize(LogicalPlan plan) {
        Supplier<String> user = sessionUser.deferred();
        CommandContext context = new CommandContext(session, authz, user);
        Optional<Commands.Known> command = Optional.empty();
        if (plan instanceof Command) {
            command = Commands.of(plan);
            if (command.isEmpty() && !authz.config().allowsUnknownCommand(plan.getClass())) {
                throw new AccessControlException("Permission denied: user [" + user.get() + "] may not run ["
                        + plan.getClass().getName() + "]: Lakegate does not know what this command reads or writes,"
                        + " so it refuses it (an operator can let it run with only its reads checked:"
                        + " ranger.plugin.spark.lakegate.allowed.commands)");
            }
        }
        boolean pending = AuthzMarker.pendingIn(plan);
        List<LogicalPlan> queries = command.map(known -> known.queries(context)).orElse(List.of());
        Sources sources = Sources.of(plan, context::location);
        List<TableRead> reads = new ArrayList<>(pending ? TableReads.of(plan) : List.of());
        for (LogicalPlan query : queries) {
            reads.addAll(TableReads.of(query));
            sources = sources.plus(Sources.of(query, context::location));
        }
        command.ifPresent(known -> reads.addAll(known.reads(context)));
        if (!sources.refused().isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + user.get() + "] may not use "
                    + sources.refused() + ": Lakegate cannot authorize this source, so it refuses it");
        }
        for (CatalogPlugin catalog : sources.catalogs()) {
            authz.startupCatalogs().check(catalog, session.sessionState().conf());
        }
        List<CommandPrivilege> privileges =
                command.map(known -> known.privileges(context)).orElse(List.of());
        if (!pending
                && privileges.isEmpty()
                && queries.isEmpty()
                && sources.files().isEmpty()
                && sources.metadataTables().isEmpty()
                && !ColumnListings.isListing(plan)
                && !ListingFilters.isListing(plan)
                && !Statistics.mayShow(plan)
                // Spark Thrift Server opens a session with USE before the session has a user.
                && command.map(Commands.Known::decidesNothing).orElse(true)) {
            return plan;
        }
        UserIdentity identity = authorizer.identify(user.get()).within(RequestContexts.of(session, plan));
        Denials denials = new Denials(authorizer, identity);
        for (CommandPrivilege privilege : privileges) {
            denials.require(privilege.accessType(), privilege.resource());
        }
        for (TableRead read : merged(reads)) {
            denials.select(read);
        }
        for (String path : sources.files()) {
            denials.require(Commands.READ, io.lakegate.ranger.RangerResource.url(path));
        }
        for (Sources.MetadataTableRead metadata : sources.metadataTables()) {
            List<String> denied = denials.select(new TableRead(metadata.table(), metadata.columns()));
            if (!denied.isEmpty()) {
                denials.note("[" + metadata.name() + "] is an Iceberg metadata table, which shows values of every"
                        + " column of [" + metadata.table().resource().path() + "]");
            }
        }
        denials.throwIfDenied();

        for (Sources.MetadataTableRead metadata : sources.metadataTables()) {
            refuseIfProtected(
                    identity,
                    metadata.table(),
                    metadata.columns(),
                    "read [" + metadata.name() + "]",
                    "an Iceberg metadata table shows values of every column of ["
                            + metadata.table().resource().path() + "] unfiltered and unmasked");
        }
        if (command.isPresent()) {
            for (Commands.Whole whole : command.get().seenWhole(context)) {
                refuseIfProtected(
                        identity,
                        whole.table(),
                        whole.columns(),
                        whole.action() + " [" + whole.table().resource().path() + "]",
                        whole.consequence());
            }
            Optional<TableName> overwritten = command.get().overwritten(context);
            if (overwritten.isPresent()) {
                refuseOverwriteThroughProtection(user.get(), overwritten.get(), plan, queries);
            }
        }
        refuseIfProtectionChanged(identity, plan, queries);
        command.flatMap(known -> known.created(context))
                .ifPresent(created -> StatementScope.enter(session, user.get(), created));

        LogicalPlan result = plan;
        if (ColumnListings.isListing(plan)) {
            result = ColumnListings.filtered(result, plan, session, authorizer, identity);
        }
        if (ListingFilters.isListing(plan)) {
            result = ListingFilters.filtered(result, plan, session, authorizer, identity);
        }
        if (Statistics.mayShow(plan)) {
            result = Statistics.hiddenWhereProtected(result, plan, session, authorizer, identity);
        }
        if (!pending) {
            return result;
        }
        return Subqueries.replace(
                result,
                node -> node instanceof AuthzMarker,
                node -> node instanceof ReaderScanMarker marker ? marker.unmarked() : ((AuthzMarker) node).child());
    }

    // A statement reads a table once, with every column any of its parts uses.
    private static List<TableRead> merged(List<TableRead> reads) {
        Map<TableName, TreeSet<String>> columns = new LinkedHashMap<>();
        for (TableRead read : reads) {
            columns.computeIfAbsent(read.table(), table -> new TreeSet<>()).addAll(read.columns());
        }
        List<TableRead> result = new ArrayList<>();
        columns.forEach((table, names) -> result.add(new TableRead(table, List.copyOf(names))));
        return result;
    }

    private void refuseIfProtected(
            UserIdentity identity, TableName table, List<String> columns, String what, String consequence) {
        if (isProtection(authorizer.protection(identity, table.resource(), columns))) {
            throw new AccessControlException("Permission denied: user [" + identity.user() + "] may not " + what
                    + ": Ranger filters or masks what the user sees of it, and " + consequence);
        }
    }

    // INSERT OVERWRITE t SELECT ... FROM t through the user's filter or masks would write the filtered or masked rows
    // over all of t's.
    private static void refuseOverwriteThroughProtection(
            String user, TableName target, LogicalPlan plan, List<LogicalPlan> queries) {
        List<LogicalPlan> all = new ArrayList<>(queries);
        all.add(plan);
        for (LogicalPlan each : all) {
            boolean readProtected = Subqueries.anyNode(
                    each,
                    node -> node instanceof ReaderScanMarker marker
                            && sameTable(marker.table(), target)
                            && isProtection(marker.protection()));
            if (readProtected) {
                throw new AccessControlException("Permission denied: user [" + user + "] may not overwrite ["
                        + target.resource().path() + "] with what the statement reads of it: Ranger filters or"
                        + " masks what the user sees of it, and Spark would write that over all of it");
            }
        }
    }

    private static boolean sameTable(TableName one, TableName other) {
        return one.database().equals(other.database()) && one.table().equals(other.table());
    }

    private static boolean isProtection(TableProtection protection) {
        return protection.rowFilter().isPresent() || !protection.masks().isEmpty();
    }

    // A plan analysed under other policies than those now in force (before the first policies loaded, say) applies
    // the row filter and masks of then: it runs only if Ranger still decides the same ones.
    private void refuseIfProtectionChanged(UserIdentity identity, LogicalPlan plan, List<LogicalPlan> queries) {
        long version = authorizer.policyVersion();
        List<LogicalPlan> all = new ArrayList<>(queries);
        all.add(plan);
        for (LogicalPlan each : all) {
            Subqueries.anyNode(each, node -> {
                if (node instanceof ReaderScanMarker marker
                        && ProtectionChanges.isStale(
                                marker.reader(), marker.policyVersion(), identity.user(), version)) {
                    ProtectionChanges.refuseIfChanged(authorizer, identity, marker);
                }
                return false;
            });
        }
    }
}
