package io.lakegate.flink.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.Listing;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Ranger's decisions for one user of a guarded catalog. Every decision is audited as Ranger audits it; a denial
 * names user, privilege and resource in the wording every Lakegate engine shares.
 */
public final class Guard {
    /** Ranger's "any access": what listing a database, table or function needs, as Ranger's Hive plugin asks. */
    private static final String ANY = "_any";

    private static final String SELECT = "select";

    private final RangerAuthorizer authorizer;
    private final String user;

    public Guard(RangerAuthorizer authorizer, String user) {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.user = requireNonNull(user, "user is null");
    }

    public String user() {
        return user;
    }

    // Groups may change while a session lives: resolved again for each statement's decisions (Hadoop caches them).
    private UserIdentity identity() {
        return authorizer.identify(user);
    }

    /** Refuses {@code operation} on the named object unless Ranger allows it. */
    public void require(Operation operation, String database, String name) {
        RangerResource resource = operation.resource(database, name);
        AccessDecision decision = authorizer.authorize(AccessRequest.of(identity(), resource, operation.accessType()));
        if (!decision.allowed()) {
            throw new AccessControlException(denial(operation.accessType(), resource.path(), decision));
        }
    }

    /**
     * Refuses a location a statement names (a table's or database's, a file table's path) unless Ranger allows
     * {@code read} and {@code write} on its {@code url}, as Spark's plugin asks of a location a user gives: data
     * placed there is read and written through whatever table names it.
     */
    public void requireLocation(String qualifiedUrl) {
        requireUrl(qualifiedUrl, List.of("read", "write"));
    }

    /** Refuses code or data the engine would load from {@code url} unless Ranger allows {@code read} on it. */
    public void requireReadable(String url) {
        requireUrl(url, List.of("read"));
    }

    private void requireUrl(String url, List<String> accessTypes) {
        RangerResource resource = RangerResource.url(requireNonNull(url, "url is null"));
        UserIdentity identity = identity();
        for (String accessType : accessTypes) {
            AccessDecision decision = authorizer.authorize(AccessRequest.of(identity, resource, accessType));
            if (!decision.allowed()) {
                throw new AccessControlException(denial(accessType, resource.path(), decision));
            }
        }
    }

    /**
     * Refuses a read of {@code columns} of a table unless Ranger allows {@code select} on each (audited as one
     * event); with no columns (a {@code count(*)}), {@code select} on the table. {@code why}, when not empty, says
     * why these columns were asked.
     */
    public void select(String database, String table, List<String> columns, String why) {
        requireNonNull(why, "why is null");
        RangerResource resource = RangerResource.table(database, table);
        UserIdentity identity = identity();
        List<String> asked = List.copyOf(new LinkedHashSet<>(columns));
        if (asked.isEmpty()) {
            AccessDecision decision = authorizer.authorize(AccessRequest.of(identity, resource, SELECT));
            if (!decision.allowed()) {
                throw new AccessControlException(withWhy(denial(SELECT, resource.path(), decision), why));
            }
            return;
        }
        List<AccessDecision> decisions = authorizer.authorizeColumns(identity, resource, asked, SELECT);
        List<String> denied = new ArrayList<>();
        AccessDecision anyDenial = null;
        for (int i = 0; i < decisions.size(); i++) {
            if (!decisions.get(i).allowed()) {
                denied.add(asked.get(i));
                anyDenial = decisions.get(i);
            }
        }
        if (anyDenial != null) {
            throw new AccessControlException(
                    withWhy(denial(SELECT, resource.path() + "/" + String.join(",", denied), anyDenial), why));
        }
    }

    /** The row filter and masks Ranger applies to this user's reads of {@code columns} of a table. */
    public TableProtection protection(String database, String table, List<String> columns) {
        return authorizer.protection(identity(), RangerResource.table(database, table), columns);
    }

    /** The databases, of {@code databases}, the user holds some privilege on. */
    public List<String> visibleDatabases(List<String> databases) {
        Listing listing = authorizer.listing(identity(), ANY);
        return databases.stream()
                .filter(database ->
                        listing.allows(List.of("database", database), () -> RangerResource.database(database)))
                .toList();
    }

    /** The tables and views, of {@code names} in {@code database}, the user holds some privilege on. */
    public List<String> visibleTables(String database, List<String> names) {
        Listing listing = authorizer.listing(identity(), ANY);
        return names.stream()
                .filter(name ->
                        listing.allows(List.of("table", database, name), () -> RangerResource.table(database, name)))
                .toList();
    }

    /** The functions, of {@code names} in {@code database}, the user holds some privilege on. */
    public List<String> visibleFunctions(String database, List<String> names) {
        Listing listing = authorizer.listing(identity(), ANY);
        return names.stream()
                .filter(name ->
                        listing.allows(List.of("udf", database, name), () -> RangerResource.udf(database, name)))
                .toList();
    }

    private String denial(String accessType, String resource, AccessDecision decision) {
        return AccessDecision.permissionDenied(
                user, List.of(new AccessDecision.Denial(accessType, resource)), decision.reason());
    }

    private static String withWhy(String message, String why) {
        return why.isEmpty() ? message : message + "; " + why;
    }
}
