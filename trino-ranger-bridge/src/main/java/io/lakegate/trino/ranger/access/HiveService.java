package io.lakegate.trino.ranger.access;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.Listing;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.RequestContext;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.security.Identity;
import java.util.List;
import java.util.Set;

/**
 * The catalogs governed by a Ranger Hive service, and that service's plugin: a Trino schema is a Hive database, so a
 * table has the name, and the policies, it has in Spark and Flink. Thread-safe.
 */
public final class HiveService implements AutoCloseable {
    private final RangerAuthorizer authorizer;
    private final Set<String> catalogs;

    public HiveService(RangerAuthorizer authorizer, Set<String> catalogs) {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.catalogs = Set.copyOf(requireNonNull(catalogs, "catalogs is null"));
    }

    public boolean governs(String catalog) {
        return catalogs.contains(catalog);
    }

    public Set<String> catalogs() {
        return catalogs;
    }

    /** The Trino user, with the groups Trino's group provider gave it, as Ranger sees them. */
    public UserIdentity identify(Identity identity) {
        return authorizer.identify(identity.getUser(), identity.getGroups()).within(RequestContext.NONE);
    }

    public AccessDecision authorize(UserIdentity user, RangerResource resource, String accessType) {
        return authorizer.authorize(AccessRequest.of(user, resource, accessType));
    }

    public List<AccessDecision> authorizeColumns(
            UserIdentity user, RangerResource table, List<String> columns, String accessType) {
        return authorizer.authorizeColumns(user, table, columns, accessType);
    }

    /** The user's decisions on {@code accessType} over listed objects, answered once per policy version. */
    public Listing listing(UserIdentity user, String accessType) {
        return authorizer.listing(user, accessType);
    }

    public TableProtection protection(UserIdentity user, RangerResource table, List<String> columns) {
        return authorizer.protection(user, table, columns);
    }

    public static RangerResource database(String schema) {
        return RangerResource.database(schema);
    }

    public static RangerResource table(CatalogSchemaTableName table) {
        return RangerResource.table(
                table.getSchemaTableName().getSchemaName(),
                table.getSchemaTableName().getTableName());
    }

    @Override
    public void close() {
        authorizer.close();
    }
}
