package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ranger.audit.model.AuthzAuditEvent;
import org.apache.ranger.audit.provider.AuditProviderFactory;
import org.apache.ranger.audit.provider.DummyAuditProvider;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.audit.RangerDefaultAuditHandler;
import org.apache.ranger.plugin.contextenricher.RangerUserStoreEnricher;
import org.apache.ranger.plugin.model.RangerServiceDef.RangerDataMaskTypeDef;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerAccessResultProcessor;
import org.apache.ranger.plugin.service.RangerBasePlugin;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Ranger plugin, as every Lakegate engine plugin uses it: started from Ranger's standard files, polling
 * policies in the background, answering from memory. Fails closed: until a policy set has loaded (from Ranger
 * Admin or the policy cache dir), every access is denied and the denial says why. Every decision, cached or not,
 * is sent to Ranger's audit destinations, in order, from a background thread: a caller never waits for its audit
 * event. Thread-safe.
 */
public final class RangerAuthorizer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RangerAuthorizer.class);
    private static final String SELECT = "select";
    private static final int AUDIT_QUEUE_CAPACITY = 10_000;

    private final RangerBasePlugin plugin;
    private final RangerDefaultAuditHandler auditHandler;
    private final GroupLookup groupLookup;
    private final DecisionCache cache;
    private final AuditQueue auditQueue;
    private final AtomicBoolean notLoadedLogged = new AtomicBoolean();
    // Ranger builds an event for every audited decision even with xasecure.audit.is.enabled=false, for its dummy
    // provider to drop: no event, and nothing to audit again from the caches, where no audit is written.
    private final boolean auditing;

    private RangerAuthorizer(
            RangerBasePlugin plugin,
            RangerDefaultAuditHandler auditHandler,
            GroupLookup groupLookup,
            DecisionCache cache,
            AuditQueue auditQueue) {
        this.plugin = requireNonNull(plugin, "plugin is null");
        AuditProviderFactory audits = plugin.getAuditProviderFactory();
        this.auditing = audits != null && !(audits.getAuditProvider() instanceof DummyAuditProvider);
        this.auditHandler = requireNonNull(auditHandler, "auditHandler is null");
        this.groupLookup = requireNonNull(groupLookup, "groupLookup is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.auditQueue = requireNonNull(auditQueue, "auditQueue is null");
    }

    /**
     * Validates the configuration, then starts the Ranger plugin: the first policy download (or cache-dir read)
     * happens before this returns; later ones in Ranger's background refresher.
     *
     * @throws InvalidRangerConfigException if the files lack a key the plugin cannot work without
     */
    public static RangerAuthorizer start(RangerAuthorizerConfig config) {
        requireNonNull(config, "config is null");
        RangerSettings settings = RangerSettings.load(config);
        RangerBasePlugin plugin = new RangerBasePlugin(settings.pluginConfig());
        plugin.init();
        RangerAuthorizer authorizer = new RangerAuthorizer(
                plugin,
                new RangerDefaultAuditHandler(settings.pluginConfig()),
                config.groupLookup(),
                new DecisionCache(settings.decisionCacheSize(), settings.decisionCacheTtl()),
                new AuditQueue(AUDIT_QUEUE_CAPACITY));
        if (!authorizer.policiesLoaded()) {
            authorizer.logNotLoaded();
        }
        return authorizer;
    }

    public String serviceName() {
        return plugin.getServiceName();
    }

    /**
     * A host plugin's own setting, {@code ranger.plugin.<type>.<name>}, from the same files as Ranger's keys (see
     * {@link #settingKey}); empty when unset or blank.
     */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(plugin.getConfig().get(settingKey(name)))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
    }

    /** The full key of a host setting, as messages about it must name it: {@code ranger.plugin.<type>.<name>}. */
    public String settingKey(String name) {
        requireNonNull(name, "name is null");
        return "ranger.plugin." + plugin.getServiceType() + "." + name;
    }

    /** Whether a policy set has ever loaded; until one has, everything is denied. */
    public boolean policiesLoaded() {
        return plugin.getPoliciesVersion() >= 0;
    }

    /** Version of the policy set in force, or -1 before any has loaded. */
    public long policyVersion() {
        return plugin.getPoliciesVersion();
    }

    /**
     * The user's groups and the Ranger roles held through the user or those groups. Groups come from the host's
     * {@link GroupLookup}; with {@code ranger.plugin.<type>.use.rangerGroups=true}, Ranger's user store adds the
     * groups it knows for the user, and with {@code .use.only.rangerGroups=true} its groups replace the host's,
     * exactly as Ranger itself resolves them during evaluation. Remembered as long as decisions are (a new role or
     * user store version applies at once; the host's group changes within the decision cache's time-to-live).
     */
    public UserIdentity identify(String user) {
        requireNonNull(user, "user is null");
        return cache.identity(
                new DecisionCache.IdentityKey(
                        user, Optional.empty(), plugin.getRolesVersion(), plugin.getUserStoreVersion()),
                () -> lookUp(user, () -> groupLookup.groupsOf(user)));
    }

    /**
     * As {@link #identify(String)}, for a host that resolves the user's groups itself and hands them over with the
     * user (Trino's group provider): {@code hostGroups} stand where the {@link GroupLookup}'s would.
     */
    public UserIdentity identify(String user, Set<String> hostGroups) {
        requireNonNull(user, "user is null");
        Set<String> groups = Set.copyOf(requireNonNull(hostGroups, "hostGroups is null"));
        return cache.identity(
                new DecisionCache.IdentityKey(
                        user, Optional.of(groups), plugin.getRolesVersion(), plugin.getUserStoreVersion()),
                () -> lookUp(user, () -> groups));
    }

    private UserIdentity lookUp(String user, Supplier<Set<String>> hostGroups) {
        Set<String> groups = groups(user, hostGroups);
        Set<String> roles = plugin.getRolesFromUserAndGroups(user, groups);
        return new UserIdentity(user, groups, roles == null ? Set.of() : roles);
    }

    public AccessDecision authorize(AccessRequest request) {
        requireNonNull(request, "request is null");
        Optional<RangerAccessResult> result = evaluate(
                DecisionCache.Kind.ACCESS,
                request,
                (rangerRequest, auditor) -> plugin.isAccessAllowed(rangerRequest, auditor));
        return decision(request, result);
    }

    /**
     * The user's decisions on {@code accessType} over the objects a host lists (see {@link Listing}), for the
     * policies in force now: a listing asked for after a policy, role, tag or user-store change decides afresh.
     */
    public Listing listing(UserIdentity identity, String accessType) {
        requireNonNull(identity, "identity is null");
        requireNonNull(accessType, "accessType is null");
        DecisionCache.Versions versions = versions();
        // Nothing loaded, or not cached: every object asked of Ranger (and denied while nothing is loaded).
        if (!cache.cachesListings() || versions.policies() < 0) {
            return (key, resource) -> authorize(AccessRequest.of(identity, resource.get(), accessType))
                    .allowed();
        }
        return new CachedListing(
                new DecisionCache.ListingKey(versions, DecisionCache.Requester.of(identity), accessType),
                identity,
                accessType);
    }

    /** A listing answered from the decision cache: object by object, and whole sets of objects. */
    private final class CachedListing implements Listing {
        private final DecisionCache.ListingKey listing;
        private final UserIdentity identity;
        private final String accessType;

        CachedListing(DecisionCache.ListingKey listing, UserIdentity identity, String accessType) {
            this.listing = listing;
            this.identity = identity;
            this.accessType = accessType;
        }

        @Override
        public boolean allows(Object key, Supplier<RangerResource> resource) {
            requireNonNull(key, "key is null");
            return decide(key, resource).allowed();
        }

        @Override
        public <K> Set<K> filter(Object scope, Set<K> keys, Function<? super K, RangerResource> resource) {
            requireNonNull(scope, "scope is null");
            requireNonNull(keys, "keys is null");
            requireNonNull(resource, "resource is null");
            DecisionCache.AnswerKey answerKey = new DecisionCache.AnswerKey(listing, scope, keys);
            DecisionCache.Answer cached = cache.answer(answerKey);
            if (cached != null) {
                if (!cached.audited().isEmpty()) {
                    Date accessTime = new Date();
                    for (Map.Entry<Object, RangerAccessResult> audited : cached.audited()) {
                        @SuppressWarnings("unchecked")
                        K key = (K) audited.getKey();
                        audit(
                                audited.getValue(),
                                AccessRequest.of(identity, resource.apply(key), accessType),
                                accessTime);
                    }
                }
                @SuppressWarnings("unchecked")
                Set<K> allowed = (Set<K>) cached.allowed();
                return allowed;
            }
            Set<K> allowed = new LinkedHashSet<>();
            List<Map.Entry<Object, RangerAccessResult>> audited = new ArrayList<>();
            boolean cacheable = true;
            for (K key : keys) {
                Decided decided =
                        decide(new Scoped(scope, requireNonNull(key, "key is null")), () -> resource.apply(key));
                if (decided.allowed()) {
                    allowed.add(key);
                }
                decided.audited().ifPresent(result -> audited.add(Map.entry(key, result)));
                cacheable &= decided.cacheable();
            }
            // Kept only under the versions it was decided for: a change since the listing began decides afresh. And
            // only for a set listed before: a set that changes at each call (a catalog being loaded) is not copied.
            if (cacheable && policiesLoaded() && versions().equals(listing.versions()) && cache.seenBefore(answerKey)) {
                cache.putAnswer(
                        answerKey.withObjects(Set.copyOf(keys)),
                        new DecisionCache.Answer(Collections.unmodifiableSet(allowed), List.copyOf(audited)));
            }
            return allowed;
        }

        private Decided decide(Object key, Supplier<RangerResource> resource) {
            DecisionCache.Listed listed = cache.listed(listing, key);
            if (listed != null && policiesLoaded()) {
                // Answered from the cache: audited again, for this request, if Ranger audited the decision.
                listed.audited()
                        .ifPresent(result ->
                                audit(result, AccessRequest.of(identity, resource.get(), accessType), new Date()));
                return new Decided(listed.allowed(), listed.audited(), true);
            }
            AccessRequest request = AccessRequest.of(identity, resource.get(), accessType);
            Optional<DecisionCache.Evaluated> evaluated = evaluated(
                    DecisionCache.Kind.ACCESS,
                    request,
                    (rangerRequest, auditor) -> plugin.isAccessAllowed(rangerRequest, auditor));
            boolean allowed = decision(request, evaluated.map(DecisionCache.Evaluated::result))
                    .allowed();
            Optional<RangerAccessResult> audited =
                    evaluated.filter(DecisionCache.Evaluated::audited).map(DecisionCache.Evaluated::result);
            // Kept only under the versions it was decided for: a change since the listing began decides afresh.
            boolean cacheable =
                    evaluated.isPresent() && policiesLoaded() && versions().equals(listing.versions());
            if (cacheable) {
                cache.putListed(listing, key, new DecisionCache.Listed(allowed, audited));
            }
            return new Decided(allowed, audited, cacheable);
        }
    }

    /** One object's decision in a listing, the result to audit again if Ranger audited it, and whether it is kept. */
    private record Decided(boolean allowed, Optional<RangerAccessResult> audited, boolean cacheable) {}

    /**
     * Decides {@code accessType} on each of {@code columns} of {@code table}, in order, and audits them as one
     * event, as Ranger's Hive plugin audits the columns a statement uses of one table: resource
     * {@code db/table/a,b}, or, when any is denied, a denied event naming the denied columns.
     */
    public List<AccessDecision> authorizeColumns(
            UserIdentity identity, RangerResource table, List<String> columns, String accessType) {
        ColumnDecisions decided = decideColumns(identity, new TableAccess(table, columns, accessType));
        decided.audit();
        return decided.decisions();
    }

    /**
     * Decides every access of {@code accesses}. If Ranger allows them all, audits each as
     * {@link #authorizeColumns} does and returns true. Otherwise audits nothing and returns false: a host that asks
     * before it knows what will finally run (Spark's analysis of a DataFrame that may yet be narrowed) leaves the
     * denial, and its audit event, to the authorization of what does run.
     */
    public boolean authorizeIfAllAllowed(UserIdentity identity, List<TableAccess> accesses) {
        requireNonNull(accesses, "accesses is null");
        List<ColumnDecisions> decided = new ArrayList<>(accesses.size());
        for (TableAccess access : accesses) {
            ColumnDecisions decisions = decideColumns(identity, access);
            if (!decisions.allAllowed()) {
                return false;
            }
            decided.add(decisions);
        }
        // One hand-over for the whole statement: each wakes the audit thread.
        if (decided.stream().anyMatch(ColumnDecisions::audited)) {
            auditQueue.submit(() -> decided.forEach(ColumnDecisions::write));
        }
        return true;
    }

    // One cache entry for the columns a statement uses of a table: a query asks for tens of columns, each a lookup.
    private ColumnDecisions decideColumns(UserIdentity identity, TableAccess access) {
        requireNonNull(identity, "identity is null");
        requireNonNull(access, "access is null");
        Date accessTime = new Date();
        DecisionCache.Columns decided = cache.columns(
                new DecisionCache.ColumnsKey(versions(), DecisionCache.Requester.of(identity), access),
                () -> decide(identity, access));
        return new ColumnDecisions(decided, accessTime);
    }

    private DecisionCache.Columns decide(UserIdentity identity, TableAccess access) {
        List<AccessRequest> requests = new ArrayList<>();
        if (access.columns().isEmpty()) {
            requests.add(AccessRequest.of(identity, access.table(), access.accessType()));
        }
        for (String column : access.columns()) {
            requests.add(AccessRequest.of(identity, access.table().child("column", column), access.accessType()));
        }
        List<AccessDecision> decisions = new ArrayList<>(requests.size());
        boolean complete = policiesLoaded();
        AccessRequest auditedRequest = null;
        RangerAccessResult audited = null;
        List<String> auditedColumns = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            AccessRequest request = requests.get(i);
            Optional<RangerAccessResult> result = evaluate(
                    DecisionCache.Kind.ACCESS_UNAUDITED,
                    request,
                    (rangerRequest, auditor) -> plugin.isAccessAllowed(rangerRequest, null));
            AccessDecision decision = decision(request, result);
            decisions.add(decision);
            if (result.isEmpty()) {
                complete = false;
                continue;
            }
            if (!decision.allowed() && (audited == null || audited.getIsAllowed())) {
                auditedRequest = request;
                audited = result.get();
                auditedColumns.clear();
            }
            if (audited == null) {
                auditedRequest = request;
                audited = result.get();
            }
            if (decision.allowed() == audited.getIsAllowed()
                    && !access.columns().isEmpty()) {
                auditedColumns.add(access.columns().get(i));
            }
        }
        String auditedPath = auditedColumns.isEmpty()
                ? access.table().path()
                : access.table().path() + "/" + String.join(",", auditedColumns);
        return new DecisionCache.Columns(
                decisions,
                audited == null || !audited.getIsAudited()
                        ? Optional.empty()
                        : Optional.of(new DecisionCache.Audited(auditedRequest, audited)),
                auditedPath,
                complete);
    }

    /** The decisions on a table's columns at one time; audited as one event when the host goes ahead with them. */
    private final class ColumnDecisions {
        private final DecisionCache.Columns decided;
        private final Date accessTime;

        ColumnDecisions(DecisionCache.Columns decided, Date accessTime) {
            this.decided = decided;
            this.accessTime = accessTime;
        }

        List<AccessDecision> decisions() {
            return decided.decisions();
        }

        boolean allAllowed() {
            return decided.decisions().stream().allMatch(AccessDecision::allowed);
        }

        boolean audited() {
            return decided.audit().isPresent();
        }

        void audit() {
            if (audited()) {
                auditQueue.submit(this::write);
            }
        }

        // On the audit thread.
        void write() {
            decided.audit().ifPresent(audit -> {
                RangerAccessResult result = resultFor(audit.result(), toRangerRequest(audit.request(), accessTime));
                AuthzAuditEvent event = auditHandler.getAuthzEvents(result);
                if (event != null) {
                    event.setResourcePath(decided.auditPath());
                    auditHandler.logAuthzAudit(event);
                }
            });
        }
    }

    private AccessDecision decision(AccessRequest request, Optional<RangerAccessResult> result) {
        // Ranger answers from an empty policy engine after Admin reports the service unknown: still "not loaded".
        if (result.isEmpty() || !policiesLoaded()) {
            logNotLoaded();
            return AccessDecision.denied(
                    AccessDecision.NO_POLICY,
                    request,
                    "no Ranger policies are loaded for service [" + serviceName()
                            + "] (Ranger Admin unreachable or the service unknown to it, and no policy cache)");
        }
        RangerAccessResult decided = result.get();
        if (decided.getIsAllowed()) {
            return AccessDecision.allowed(decided.getPolicyId());
        }
        return AccessDecision.denied(decided.getPolicyId(), request, "");
    }

    /**
     * The row filter on {@code table} for the user, if a row-filter policy applies. Hosts check access first:
     * before any policy has loaded, access is denied and this returns empty.
     */
    public Optional<RowFilter> rowFilter(UserIdentity identity, RangerResource table) {
        AccessRequest request = AccessRequest.of(identity, table, SELECT);
        return evaluate(
                        DecisionCache.Kind.ROW_FILTER,
                        request,
                        (rangerRequest, auditor) -> plugin.evalRowFilterPolicies(rangerRequest, auditor))
                .flatMap(RangerAuthorizer::toRowFilter);
    }

    /**
     * The mask on {@code column} for the user, if a data-mask policy other than {@code MASK_NONE} applies. Hosts
     * check access first: before any policy has loaded, access is denied and this returns empty.
     */
    public Optional<ColumnMask> columnMask(UserIdentity identity, RangerResource column) {
        AccessRequest request = AccessRequest.of(identity, column, SELECT);
        return evaluate(
                        DecisionCache.Kind.DATA_MASK,
                        request,
                        (rangerRequest, auditor) -> plugin.evalDataMaskPolicies(rangerRequest, auditor))
                .flatMap(RangerAuthorizer::toMask);
    }

    private static Optional<RowFilter> toRowFilter(RangerAccessResult result) {
        return Optional.of(result)
                .filter(RangerAccessResult::isRowFilterEnabled)
                .filter(enabled -> enabled.getFilterExpr() != null
                        && !enabled.getFilterExpr().isBlank())
                .map(enabled -> new RowFilter(enabled.getFilterExpr(), enabled.getPolicyId()));
    }

    private static Optional<ColumnMask> toMask(RangerAccessResult result) {
        return Optional.of(result)
                .filter(RangerAccessResult::isMaskEnabled)
                .filter(enabled -> !"MASK_NONE".equalsIgnoreCase(enabled.getMaskType()))
                .map(RangerAuthorizer::toColumnMask);
    }

    /**
     * The row filter on {@code table} and the masks on its {@code columns} for the user: what {@link #rowFilter} and
     * {@link #columnMask} answer, and audit, for each, answered for a whole scan from one cache entry. Hosts check
     * access first: before any policy has loaded, access is denied and this finds neither filter nor mask.
     */
    public TableProtection protection(UserIdentity identity, RangerResource table, List<String> columns) {
        requireNonNull(identity, "identity is null");
        requireNonNull(table, "table is null");
        List<String> columnList = List.copyOf(requireNonNull(columns, "columns is null"));
        DecisionCache.ProtectionKey key =
                new DecisionCache.ProtectionKey(versions(), DecisionCache.Requester.of(identity), table, columnList);
        DecisionCache.Protection cached = cache.protection(key);
        if (cached != null) {
            if (!cached.audited().isEmpty()) {
                Date accessTime = new Date();
                // One hand-over for the table: each wakes the audit thread.
                auditQueue.submit(() -> cached.audited()
                        .forEach(audited -> writeAudit(audited.result(), audited.request(), accessTime)));
            }
            return cached.protection();
        }
        List<DecisionCache.Audited> audited = new ArrayList<>();
        AccessRequest tableRequest = AccessRequest.of(identity, table, SELECT);
        Optional<RowFilter> rowFilter = evaluated(
                        DecisionCache.Kind.ROW_FILTER,
                        tableRequest,
                        (rangerRequest, auditor) -> plugin.evalRowFilterPolicies(rangerRequest, auditor))
                .flatMap(evaluated -> remember(evaluated, tableRequest, audited))
                .flatMap(RangerAuthorizer::toRowFilter);
        Map<String, ColumnMask> masks = new HashMap<>();
        for (String column : columnList) {
            AccessRequest request = AccessRequest.of(identity, table.child("column", column), SELECT);
            evaluated(
                            DecisionCache.Kind.DATA_MASK,
                            request,
                            (rangerRequest, auditor) -> plugin.evalDataMaskPolicies(rangerRequest, auditor))
                    .flatMap(evaluated -> remember(evaluated, request, audited))
                    .flatMap(RangerAuthorizer::toMask)
                    .ifPresent(mask -> masks.put(column, mask));
        }
        TableProtection protection = new TableProtection(rowFilter, masks);
        if (policiesLoaded()) {
            cache.putProtection(key, new DecisionCache.Protection(protection, List.copyOf(audited)));
        }
        return protection;
    }

    private static Optional<RangerAccessResult> remember(
            DecisionCache.Evaluated evaluated, AccessRequest request, List<DecisionCache.Audited> audited) {
        if (evaluated.audited()) {
            audited.add(new DecisionCache.Audited(request, evaluated.result()));
        }
        return Optional.of(evaluated.result());
    }

    /**
     * Runs {@code listener} on Ranger's refresher thread after each change of policies, roles or user store, so
     * that a host can drop what it derived from older decisions (cached plans, say).
     */
    public void addPolicyChangeListener(Runnable listener) {
        requireNonNull(listener, "listener is null");
        plugin.registerAuthContextEventListener(listener::run);
    }

    /**
     * Stops polling, after handing every pending audit event to Ranger's audit pipeline. Events already there are
     * written by Ranger's audit pipeline, which is shared by every
     * Ranger plugin in the JVM and drained by Ranger's own shutdown hook, so it is left running here.
     */
    @Override
    public void close() {
        plugin.cleanup();
        auditQueue.close();
    }

    private interface Evaluation {
        RangerAccessResult apply(RangerAccessRequestImpl request, RangerAccessResultProcessor auditor);
    }

    /**
     * Audits what Ranger hands it, and remembers whether that made an event: Ranger decides both whether to
     * hand a result over and whether it is worth an event, and a replay from the cache must decide the same.
     */
    private final class AuditRecorder implements RangerAccessResultProcessor {
        private boolean audited;

        @Override
        public void processResult(RangerAccessResult result) {
            if (!auditing) {
                return;
            }
            AuthzAuditEvent event = auditHandler.getAuthzEvents(result);
            if (event != null) {
                audited = true;
                auditQueue.submit(() -> auditHandler.logAuthzAudit(event));
            }
        }

        @Override
        public void processResults(Collection<RangerAccessResult> results) {
            results.forEach(this::processResult);
        }
    }

    private Optional<RangerAccessResult> evaluate(
            DecisionCache.Kind kind, AccessRequest request, Evaluation evaluation) {
        return evaluated(kind, request, evaluation).map(DecisionCache.Evaluated::result);
    }

    private DecisionCache.Versions versions() {
        return new DecisionCache.Versions(
                plugin.getPoliciesVersion(),
                plugin.getTagsVersion(),
                plugin.getRolesVersion(),
                plugin.getUserStoreVersion());
    }

    private Optional<DecisionCache.Evaluated> evaluated(
            DecisionCache.Kind kind, AccessRequest request, Evaluation evaluation) {
        Date accessTime = new Date();
        DecisionCache.CachedResult cached = cache.get(kind, versions(), request, () -> {
            AuditRecorder recorder = new AuditRecorder();
            RangerAccessResult result = evaluation.apply(toRangerRequest(request, accessTime), recorder);
            return result == null ? null : new DecisionCache.Evaluated(result, recorder.audited);
        });
        if (cached.fromCache()) {
            cached.evaluated()
                    .filter(DecisionCache.Evaluated::audited)
                    .ifPresent(evaluated -> audit(evaluated.result(), request, accessTime));
        }
        return cached.evaluated();
    }

    /**
     * Audits a decision answered from the cache, which Ranger audited when it made it, as Ranger audits it: for
     * this request.
     */
    private void audit(RangerAccessResult cached, AccessRequest request, Date accessTime) {
        auditQueue.submit(() -> writeAudit(cached, request, accessTime));
    }

    private void writeAudit(RangerAccessResult cached, AccessRequest request, Date accessTime) {
        auditHandler.processResult(resultFor(cached, toRangerRequest(request, accessTime)));
    }

    private static RangerAccessResult resultFor(RangerAccessResult decided, RangerAccessRequestImpl rangerRequest) {
        RangerAccessResult result = new RangerAccessResult(
                decided.getPolicyType(), decided.getServiceName(), decided.getServiceDef(), rangerRequest);
        result.setAccessResultFrom(decided);
        result.setAuditResultFrom(decided);
        Map<String, Object> additionalInfo = decided.getAdditionalInfo();
        if (additionalInfo != null) {
            result.setAdditionalInfo(new HashMap<>(additionalInfo));
        }
        return result;
    }

    private RangerAccessRequestImpl toRangerRequest(AccessRequest request, Date accessTime) {
        UserIdentity identity = request.identity();
        RangerAccessResourceImpl resource = request.resource().toRangerResource();
        // Ranger sets this itself while evaluating; a decision answered from the cache needs it for its audit event.
        resource.setServiceDef(plugin.getServiceDef());
        RangerAccessRequestImpl rangerRequest = new RangerAccessRequestImpl(
                resource,
                request.accessType(),
                identity.user(),
                new HashSet<>(identity.groups()),
                new HashSet<>(identity.roles()));
        rangerRequest.setAction(request.accessType());
        rangerRequest.setClusterName(plugin.getClusterName());
        // As Ranger's Hive plugin hands them over: the client's address for policy conditions, the statement for
        // audit.
        identity.context().clientAddress().ifPresent(address -> {
            rangerRequest.setClientIPAddress(address);
            rangerRequest.setRemoteIPAddress(address);
        });
        identity.context().statement().ifPresent(rangerRequest::setRequestData);
        // The audit event's time: events are built after the decision, on the audit thread.
        rangerRequest.setAccessTime(accessTime);
        return rangerRequest;
    }

    private Set<String> groups(String user, Supplier<Set<String>> hostGroups) {
        RangerPluginConfig config = plugin.getConfig();
        RangerUserStoreEnricher enricher = plugin.getUserStoreEnricher();
        RangerUserStore store = enricher == null ? null : enricher.getRangerUserStore();
        Set<String> rangerGroups = store == null || store.getUserGroupMapping() == null
                ? null
                : store.getUserGroupMapping().get(user);
        if (!config.isUseRangerGroups() || rangerGroups == null) {
            return hostGroups.get();
        }
        if (config.isUseOnlyRangerGroups()) {
            return rangerGroups;
        }
        Set<String> groups = new HashSet<>(hostGroups.get());
        groups.addAll(rangerGroups);
        return groups;
    }

    private static ColumnMask toColumnMask(RangerAccessResult result) {
        RangerDataMaskTypeDef typeDef = result.getMaskTypeDef();
        return new ColumnMask(
                result.getMaskType(),
                Optional.ofNullable(result.getMaskedValue()).filter(value -> !value.isBlank()),
                Optional.ofNullable(result.getMaskCondition()).filter(value -> !value.isBlank()),
                Optional.ofNullable(typeDef == null ? null : typeDef.getTransformer())
                        .filter(value -> !value.isBlank()),
                result.getPolicyId());
    }

    private void logNotLoaded() {
        if (notLoadedLogged.compareAndSet(false, true)) {
            log.error(
                    "No Ranger policies have been loaded for service [{}] (plugin {}): denying all access until"
                            + " Ranger Admin answers or the policy cache dir has a copy",
                    serviceName(),
                    plugin.getServiceType());
        }
    }
}
