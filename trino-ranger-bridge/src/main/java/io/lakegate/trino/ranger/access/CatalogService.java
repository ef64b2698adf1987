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
import io.trino.spi.security.Identity;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Ranger service's plugin, the catalogs it governs and how it names their objects. Thread-safe. */
public final class CatalogService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    /** In {@code ranger.trino.catalogs}: every catalog that no other service governs. */
    public static final String EVERY_OTHER_CATALOG = "*";

    private final PolicyModel model;
    private final RangerAuthorizer authorizer;
    private final Set<String> catalogs;
    private final Set<String> excluded;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    /**
     * @param catalogs the catalogs governed, or {@link #EVERY_OTHER_CATALOG} for all but {@code excluded}
     */
    public CatalogService(PolicyModel model, RangerAuthorizer authorizer, Set<String> catalogs, Set<String> excluded) {
        this.model = requireNonNull(model, "model is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.catalogs = Set.copyOf(requireNonNull(catalogs, "catalogs is null"));
        this.excluded = Set.copyOf(requireNonNull(excluded, "excluded is null"));
    }

    public PolicyModel model() {
        return model;
    }

    public boolean governs(String catalog) {
        if (!catalogs.contains(EVERY_OTHER_CATALOG)) {
            return catalogs.contains(catalog);
        }
        if (excluded.contains(catalog)) {
            return false;
        }
        // A catalog an operator forgot in (or misspelt out of) the Hive list falls to this service: say so, once.
        // Checked before added: every check asks this, and only the first may write.
        if (!announced.contains(catalog) && announced.add(catalog)) {
            log.info(
                    "Catalog [{}] is governed by the Ranger {} service's policies ({} = *)",
                    catalog,
                    model.pluginType(),
                    model.catalogsProperty());
        }
        return true;
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

    public AccessDecision authorize(Identity identity, RangerResource resource, String accessType) {
        return authorize(identify(identity), resource, accessType);
    }

    public AccessDecision administrator(Identity identity) {
        return authorize(identity, model.administration(), model.administratorAccess());
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

    @Override
    public void close() {
        authorizer.close();
    }
}
