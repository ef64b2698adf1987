package io.lakegate.ranger;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.accessForRole;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.policyserver.HivePolicies;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerAuditLog;
import io.lakegate.policyserver.RangerPluginFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangerAuthorizerTest {
    private static final String SERVICE = "hive_dev";
    private static final long POLL_INTERVAL_MS = 1_000;

    @TempDir
    Path policies;

    @TempDir
    Path confDir;

    @TempDir
    Path cacheDir;

    private PolicyServer server;
    private RangerAuthorizer authorizer;

    @BeforeEach
    void startServer() {
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(
                        SERVICE,
                        access(1, "sales", "orders", "*", "select", List.of("alice"), List.of("analysts")),
                        accessForRole(2, "sales", "audit_log", "*", "select", "auditors"),
                        rowFilter(3, "sales", "orders", List.of("bob"), "region = 'EU'"),
                        mask(4, "sales", "orders", "ssn", List.of("bob"), "MASK_SHOW_LAST_4"),
                        mask(5, "sales", "orders", "email", List.of("bob"), "MASK_NONE"),
                        access(6, "owned", "*", "*", "select", List.of("{OWNER}"), List.of())));
        writeAtomically(policies.resolve(SERVICE + "_roles.json"), HivePolicies.roles("auditors", List.of("dave")));
        writeAtomically(
                policies.resolve(SERVICE + "_userstore.json"),
                HivePolicies.userStore(Map.of("bob", List.of("analysts"))));
    }

    @AfterEach
    void stop() {
        if (authorizer != null) {
            authorizer.close();
        }
        server.close();
    }

    @Test
    void allowsDeniesAndSaysWhoWasDeniedWhatOnWhich() {
        authorizer = start(Map.of());

        AccessDecision alice = authorizer.authorize(select("alice", "ssn"));
        AccessDecision carol = authorizer.authorize(select("carol", "ssn"));

        assertThat(alice.allowed()).isTrue();
        assertThat(alice.policyId()).isEqualTo(1);
        assertThat(carol.allowed()).isFalse();
        assertThat(carol.denialMessage())
                .isEqualTo("Permission denied: user [carol] does not have [select] privilege on [sales/orders/ssn]");
    }

    @Test
    void ownerPoliciesMatchTheOwnerTheHostNamesForATableAndItsColumns() {
        authorizer = start(Map.of());
        UserIdentity erin = authorizer.identify("erin");
        RangerResource erinsTable = RangerResource.table("owned", "t").ownedBy(Optional.of("erin"));
        RangerResource frankTable = RangerResource.table("owned", "t").ownedBy(Optional.of("frank"));

        assertThat(authorizer.authorizeColumns(erin, erinsTable, List.of("a", "b"), "select"))
                .extracting(AccessDecision::allowed)
                .containsExactly(true, true);
        assertThat(authorizer.authorizeColumns(erin, frankTable, List.of("a"), "select"))
                .extracting(AccessDecision::allowed)
                .containsExactly(false);
        assertThat(authorizer
                        .authorize(AccessRequest.of(erin, RangerResource.table("owned", "t"), "select"))
                        .allowed())
                .as("no owner known")
                .isFalse();
        assertThat(RangerResource.table("owned", "t").ownedBy(Optional.of(" ")).owner())
                .as("a blank owner is none")
                .isEmpty();
    }

    @Test
    void policyConditionsSeeTheClientAddressAndAuditRecordsItWithTheStatement() throws IOException {
        writeAtomically(
                policies.resolve("hive_ip.json"),
                HivePolicies.servicePoliciesWithIpCondition(
                        "hive_ip",
                        HivePolicies.withCondition(
                                access(1, "sales", "orders", "*", "select", List.of("gus"), List.of()),
                                "ip-range",
                                "10.1.*")));
        authorizer = start(Map.of("ranger.plugin.hive.service.name", "hive_ip"));
        UserIdentity gus = authorizer.identify("gus");
        RangerResource ssn = RangerResource.column("sales", "orders", "ssn");
        String statement = "SELECT ssn FROM sales.orders -- " + UUID.randomUUID();

        AccessDecision inside = authorizer.authorize(AccessRequest.of(
                gus.within(new RequestContext(Optional.of("10.1.2.3"), Optional.of(statement))), ssn, "select"));
        AccessDecision outside = authorizer.authorize(AccessRequest.of(
                gus.within(new RequestContext(Optional.of("192.168.0.9"), Optional.empty())), ssn, "select"));
        AccessDecision unknown = authorizer.authorize(AccessRequest.of(gus, ssn, "select"));

        assertThat(inside.allowed()).isTrue();
        assertThat(outside.allowed()).isFalse();
        // Ranger's RangerIpMatcher holds for a request that carries no address: what a host cannot tell, an allow
        // item's ip-range does not restrict (the README says so).
        assertThat(unknown.allowed()).isTrue();
        assertThat(authorizer
                        .authorize(AccessRequest.of(
                                gus.within(new RequestContext(Optional.of("10.1.2.3"), Optional.empty())),
                                ssn,
                                "select"))
                        .allowed())
                .as("answered from the cache for the same address")
                .isTrue();
        assertThat(RangerAuditLog.eventsOf("gus", 4))
                .filteredOn(event -> event.contains(statement))
                .singleElement()
                .satisfies(event -> assertThat(event).contains("\"cliIP\":\"10.1.2.3\""));
    }

    @Test
    void everyDenialOfAStatementIsOneMessage() {
        assertThat(AccessDecision.permissionDenied(
                        "bob",
                        List.of(
                                new AccessDecision.Denial("select", "sales/orders/amount,ssn"),
                                new AccessDecision.Denial("read", "file:/tmp/x")),
                        ""))
                .isEqualTo("Permission denied: user [bob] does not have [select] privilege on"
                        + " [sales/orders/amount,ssn], [read] privilege on [file:/tmp/x]");
    }

    @Test
    void groupsComeFromTheHostAndRolesFromRanger() {
        authorizer = start(Map.of());

        UserIdentity erin = authorizer.identify("erin");
        UserIdentity dave = authorizer.identify("dave");

        assertThat(erin.groups()).containsExactly("host-group");
        assertThat(erin.roles()).isEmpty();
        assertThat(dave.roles()).containsExactly("auditors");
        assertThat(authorizer
                        .authorize(AccessRequest.of(dave, RangerResource.column("sales", "audit_log", "x"), "select"))
                        .allowed())
                .isTrue();
        assertThat(authorizer
                        .authorize(AccessRequest.of(erin, RangerResource.column("sales", "orders", "id"), "select"))
                        .allowed())
                .isFalse();
    }

    @Test
    void rowFiltersAndMasksApplyPerUser() {
        authorizer = start(Map.of());
        UserIdentity bob = authorizer.identify("bob");
        UserIdentity alice = authorizer.identify("alice");

        assertThat(authorizer.rowFilter(bob, RangerResource.table("sales", "orders")))
                .contains(new RowFilter("region = 'EU'", 3));
        assertThat(authorizer.rowFilter(alice, RangerResource.table("sales", "orders")))
                .isEmpty();

        Optional<ColumnMask> ssn = authorizer.columnMask(bob, RangerResource.column("sales", "orders", "ssn"));
        assertThat(ssn).isPresent();
        assertThat(ssn.get().maskType()).isEqualTo("MASK_SHOW_LAST_4");
        assertThat(ssn.get().policyId()).isEqualTo(4);
        assertThat(ssn.get().transformer())
                .hasValueSatisfying(transformer -> assertThat(transformer).contains("mask_show_last_n"));
        assertThat(authorizer.columnMask(bob, RangerResource.column("sales", "orders", "email")))
                .as("MASK_NONE is no mask")
                .isEmpty();
        assertThat(authorizer.columnMask(alice, RangerResource.column("sales", "orders", "ssn")))
                .isEmpty();
    }

    @Test
    void cachedDecisionsFollowAPolicyChange() throws Exception {
        authorizer = start(Map.of());
        Semaphore changed = new Semaphore(0);
        authorizer.addPolicyChangeListener(changed::release);
        assertThat(authorizer.authorize(select("carol", "ssn")).allowed()).isFalse();
        assertThat(authorizer.authorize(select("carol", "ssn")).allowed()).isFalse();

        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(SERVICE, access(1, "sales", "orders", "*", "select", List.of("carol"), List.of())));

        assertThat(changed.tryAcquire(POLL_INTERVAL_MS + 500, TimeUnit.MILLISECONDS))
                .isTrue();
        assertThat(authorizer.authorize(select("carol", "ssn")).allowed()).isTrue();
        assertThat(authorizer.authorize(select("alice", "ssn")).allowed()).isFalse();
    }

    @Test
    void deniesEverythingAndSaysWhyWhenNoPolicyHasEverLoaded() {
        authorizer = start(Map.of("ranger.plugin.hive.service.name", "not_in_ranger"));

        AccessDecision decision = authorizer.authorize(select("alice", "ssn"));

        assertThat(authorizer.policiesLoaded()).isFalse();
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.denialMessage())
                .isEqualTo("Permission denied: user [alice] does not have [select] privilege on [sales/orders/ssn]:"
                        + " no Ranger policies are loaded for service [not_in_ranger] (Ranger Admin unreachable or"
                        + " the service unknown to it, and no policy cache)");
    }

    @Test
    void lastPoliciesKeepWorkingFromTheCacheDirWhenRangerAdminIsDown() {
        start(Map.of()).close();
        server.close();

        authorizer = start(Map.of());

        assertThat(authorizer.policiesLoaded()).isTrue();
        assertThat(authorizer.authorize(select("alice", "ssn")).allowed()).isTrue();
        assertThat(authorizer.authorize(select("carol", "ssn")).allowed()).isFalse();
    }

    @Test
    void everyDecisionIsAuditedIncludingThoseAnsweredFromTheCache() throws IOException {
        authorizer = start(Map.of());
        String user = "audited-" + UUID.randomUUID();
        UserIdentity identity = new UserIdentity(user, Set.of("analysts"), Set.of());
        AccessRequest request = AccessRequest.of(identity, RangerResource.column("sales", "orders", "ssn"), "select");

        authorizer.authorize(request);
        authorizer.authorize(request);
        authorizer.authorize(AccessRequest.of(identity, RangerResource.column("sales", "customers", "ssn"), "select"));
        List<String> events = RangerAuditLog.eventsOf(user, 3);

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).contains("\"resource\":\"sales/orders/ssn\"").contains("\"result\":1");
        assertThat(events.get(1)).contains("\"resource\":\"sales/orders/ssn\"").contains("\"result\":1");
        assertThat(events.get(2))
                .contains("\"resource\":\"sales/customers/ssn\"")
                .contains("\"result\":0");
    }

    @Test
    void theColumnsOfOneTableAreDecidedOneByOneAndAuditedAsOneEvent() throws IOException {
        authorizer = start(Map.of());
        String user = "columns-" + UUID.randomUUID();
        UserIdentity identity = new UserIdentity(user, Set.of("analysts"), Set.of());
        RangerResource orders = RangerResource.table("sales", "orders");

        assertThat(authorizer.authorizeColumns(identity, orders, List.of("id", "ssn"), "select"))
                .extracting(AccessDecision::allowed)
                .containsExactly(true, true);
        authorizer.authorizeColumns(identity, orders, List.of("id", "ssn"), "select");
        assertThat(authorizer.authorizeColumns(
                        identity, RangerResource.table("sales", "customers"), List.of("id", "name"), "select"))
                .extracting(AccessDecision::allowed)
                .containsExactly(false, false);
        List<String> events = RangerAuditLog.eventsOf(user, 3);

        assertThat(events).hasSize(3);
        assertThat(events.get(0))
                .contains("\"resource\":\"sales/orders/id,ssn\"")
                .contains("\"result\":1");
        assertThat(events.get(1))
                .contains("\"resource\":\"sales/orders/id,ssn\"")
                .contains("\"result\":1");
        assertThat(events.get(2))
                .contains("\"resource\":\"sales/customers/id,name\"")
                .contains("\"result\":0");
    }

    @Test
    void accessesDecidedTogetherAreAuditedOnlyWhenAllAreAllowed() throws IOException {
        authorizer = start(Map.of());
        String user = "together-" + UUID.randomUUID();
        UserIdentity identity = new UserIdentity(user, Set.of("analysts"), Set.of());
        TableAccess orders = new TableAccess(RangerResource.table("sales", "orders"), List.of("id", "ssn"), "select");
        TableAccess customers = new TableAccess(RangerResource.table("sales", "customers"), List.of(), "select");

        assertThat(authorizer.authorizeIfAllAllowed(identity, List.of(orders, customers)))
                .isFalse();
        assertThat(authorizer.authorizeIfAllAllowed(identity, List.of(orders))).isTrue();
        // Audit events are written in the order of the decisions: had the refused pair been audited, its events
        // would come first.
        List<String> events = RangerAuditLog.eventsOf(user, 1);

        assertThat(events).hasSize(1);
        assertThat(events.get(0))
                .contains("\"resource\":\"sales/orders/id,ssn\"")
                .contains("\"result\":1");
    }

    @Test
    void rangerUserStoreAddsGroupsWhenRangerGroupsAreOn() {
        authorizer = start(Map.of("ranger.plugin.hive.use.rangerGroups", "true"));

        UserIdentity bob = authorizer.identify("bob");

        assertThat(bob.groups()).containsExactlyInAnyOrder("analysts", "host-group");
        assertThat(authorizer.identify("erin").groups()).containsExactly("host-group");
        assertThat(authorizer
                        .authorize(AccessRequest.of(bob, RangerResource.column("sales", "orders", "id"), "select"))
                        .allowed())
                .isTrue();
    }

    @Test
    void rangerUserStoreReplacesHostGroupsWhenOnlyRangerGroupsAreOn() {
        authorizer = start(Map.of(
                "ranger.plugin.hive.use.rangerGroups", "true", "ranger.plugin.hive.use.only.rangerGroups", "true"));

        assertThat(authorizer.identify("bob").groups()).containsExactly("analysts");
    }

    @Test
    void rangerUserStoreIsIgnoredUnlessRangerGroupsAreOn() {
        authorizer = start(Map.of());

        assertThat(authorizer.identify("bob").groups()).containsExactly("host-group");
    }

    @Test
    void groupsTheHostHandsOverStandWhereItsLookupsWould() {
        authorizer = start(Map.of("ranger.plugin.hive.use.rangerGroups", "true"));

        assertThat(authorizer.identify("erin", Set.of("analysts")).groups()).containsExactly("analysts");
        assertThat(authorizer.identify("erin", Set.of()).groups()).isEmpty();
        // Ranger's user store still adds its own, as with a lookup.
        assertThat(authorizer.identify("bob", Set.of("trino-group")).groups())
                .containsExactlyInAnyOrder("analysts", "trino-group");
        assertThat(authorizer
                        .authorize(AccessRequest.of(
                                authorizer.identify("erin", Set.of("analysts")),
                                RangerResource.column("sales", "orders", "id"),
                                "select"))
                        .allowed())
                .isTrue();
    }

    @Test
    void aListingAnswersAsAuthorizeDoesAndDecidesAgainAfterAPolicyChange() throws Exception {
        authorizer = start(Map.of());
        UserIdentity alice = authorizer.identify("alice");
        Listing before = authorizer.listing(alice, "select");

        assertThat(before.allows("orders", () -> RangerResource.table("sales", "orders")))
                .isTrue();
        assertThat(before.allows("audit_log", () -> RangerResource.table("sales", "audit_log")))
                .isFalse();
        // Answered by the host's name now: the decisions made for each name stand, whatever resource comes with it
        // (which is built only to audit the request again).
        assertThat(before.allows("orders", () -> RangerResource.table("sales", "audit_log")))
                .isTrue();
        assertThat(authorizer
                        .listing(alice, "select")
                        .allows("audit_log", () -> RangerResource.table("sales", "orders")))
                .isFalse();

        long version = authorizer.policyVersion();
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(SERVICE, access(7, "sales", "audit_log", "*", "select", List.of("alice"), List.of())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (authorizer.policyVersion() == version && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Listing after = authorizer.listing(alice, "select");
        assertThat(after.allows("audit_log", () -> RangerResource.table("sales", "audit_log")))
                .isTrue();
        assertThat(after.allows("orders", () -> RangerResource.table("sales", "orders")))
                .isFalse();
    }

    @Test
    void aSetListedAgainIsAnsweredWholeWhileTheSetIsTheSame() {
        authorizer = start(Map.of());
        UserIdentity alice = authorizer.identify("alice");
        AtomicInteger built = new AtomicInteger();
        Function<String, RangerResource> table = name -> {
            built.incrementAndGet();
            return RangerResource.table("sales", name);
        };
        Set<String> tables = new LinkedHashSet<>(List.of("orders", "audit_log", "customers"));

        assertThat(authorizer.listing(alice, "select").filter("sales", tables, table))
                .containsExactly("orders");
        // The same set again (another instance): from then on, one answer for the whole set, the same each time.
        assertThat(authorizer.listing(alice, "select").filter("sales", new LinkedHashSet<>(tables), table))
                .containsExactly("orders");
        Set<String> again = authorizer.listing(alice, "select").filter("sales", new LinkedHashSet<>(tables), table);
        assertThat(again).containsExactly("orders");
        assertThat(authorizer.listing(alice, "select").filter("sales", Set.copyOf(tables), table))
                .isSameAs(again);
        // Another scope is other objects, each decided: the same names are finance's tables there.
        int before = built.get();
        assertThat(authorizer.listing(alice, "select").filter("finance", tables, name -> {
                    built.incrementAndGet();
                    return RangerResource.table("finance", name);
                }))
                .isEmpty();
        assertThat(built.get() - before).isEqualTo(3);
        assertThat(authorizer.listing(alice, "select").filter("sales", Set.of("orders", "payments"), table))
                .containsExactly("orders");
        // Another user's listing is that user's decisions.
        assertThat(authorizer.listing(authorizer.identify("mallory"), "select").filter("sales", tables, table))
                .isEmpty();
    }

    @Test
    void serviceNameFromTheHostsFileWinsOverTheClasspaths() {
        Map<String, String> keys = new LinkedHashMap<>(
                RangerPluginFiles.standardKeys("cptest", SERVICE, server.baseUrl(), POLL_INTERVAL_MS, cacheDir));
        Path xml = RangerPluginFiles.securityXml(confDir, "cptest", keys);

        authorizer = RangerAuthorizer.start(
                new RangerAuthorizerConfig("cptest", "lakegate-test", List.of(xml), GroupLookup.NONE));

        assertThat(authorizer.serviceName()).isEqualTo(SERVICE);
        assertThat(authorizer.authorize(select("alice", "ssn")).allowed()).isTrue();
    }

    @Test
    void rowFilterIsEvaluatedFromUserGroupsToo() {
        authorizer = start(Map.of());
        UserIdentity bob = new UserIdentity("bob", Set.of("analysts"), Set.of());

        assertThat(authorizer
                        .authorize(AccessRequest.of(bob, RangerResource.column("sales", "orders", "id"), "select"))
                        .allowed())
                .isTrue();
        assertThat(authorizer.rowFilter(bob, RangerResource.table("sales", "orders")))
                .map(RowFilter::expression)
                .contains("region = 'EU'");
    }

    @Test
    void cachedEvaluationsAreAuditedExactlyAsRangerAuditedThem() throws IOException {
        authorizer = start(Map.of());
        String user = "unfiltered-" + UUID.randomUUID();
        UserIdentity identity = new UserIdentity(user, Set.of("analysts"), Set.of());
        for (int i = 0; i < 2; i++) {
            assertThat(authorizer.rowFilter(identity, RangerResource.table("sales", "orders")))
                    .isEmpty();
            assertThat(authorizer.columnMask(identity, RangerResource.column("sales", "orders", "ssn")))
                    .isEmpty();
            assertThat(authorizer.columnMask(identity, RangerResource.column("sales", "customers", "ssn")))
                    .isEmpty();
        }
        authorizer.authorize(AccessRequest.of(identity, RangerResource.column("sales", "orders", "id"), "select"));

        List<String> events = RangerAuditLog.eventsOf(user, 5);

        // Ranger audits a filter or mask evaluation on a resource that has such policies, even when none applies
        // to the user, and none on a resource without: the replays from the cache must do the same.
        assertTwoFilterAndTwoSsnMaskEvaluations(events);
        assertThat(events).noneMatch(event -> event.contains("sales/customers"));
    }

    @Test
    void aScansProtectionIsItsRowFilterAndMasksAuditedOnEveryAnswer() throws IOException {
        authorizer = start(Map.of());
        UserIdentity bob = authorizer.identify("bob");
        RangerResource orders = RangerResource.table("sales", "orders");

        TableProtection protection = authorizer.protection(bob, orders, List.of("id", "ssn", "email"));

        assertThat(protection.rowFilter()).isEqualTo(authorizer.rowFilter(bob, orders));
        assertThat(protection.rowFilter()).contains(new RowFilter("region = 'EU'", 3));
        assertThat(protection.masks()).as("MASK_NONE on email is no mask").containsOnlyKeys("ssn");
        assertThat(protection.masks().get("ssn"))
                .isEqualTo(authorizer
                        .columnMask(bob, RangerResource.column("sales", "orders", "ssn"))
                        .orElseThrow());
        assertThat(authorizer.protection(authorizer.identify("alice"), orders, List.of("id", "ssn")))
                .isEqualTo(new TableProtection(Optional.empty(), Map.of()));

        String user = "scanner-" + UUID.randomUUID();
        UserIdentity identity = new UserIdentity(user, Set.of("analysts"), Set.of());
        for (int i = 0; i < 2; i++) {
            assertThat(authorizer.protection(identity, orders, List.of("id", "ssn")))
                    .isEqualTo(new TableProtection(Optional.empty(), Map.of()));
        }
        authorizer.authorize(AccessRequest.of(identity, RangerResource.column("sales", "orders", "id"), "select"));

        List<String> events = RangerAuditLog.eventsOf(user, 5);

        // As rowFilter and columnMask audit them: the filter and the mask of ssn, which have policies, each time.
        assertTwoFilterAndTwoSsnMaskEvaluations(events);
    }

    private static void assertTwoFilterAndTwoSsnMaskEvaluations(List<String> events) {
        assertThat(events).hasSize(5);
        assertThat(events)
                .filteredOn(event -> event.contains("\"resource\":\"sales/orders\""))
                .hasSize(2);
        assertThat(events)
                .filteredOn(event -> event.contains("\"resource\":\"sales/orders/ssn\""))
                .hasSize(2);
    }

    private RangerAuthorizer start(Map<String, String> extraKeys) {
        Map<String, String> keys = new LinkedHashMap<>(
                RangerPluginFiles.standardKeys("hive", SERVICE, server.baseUrl(), POLL_INTERVAL_MS, cacheDir));
        keys.putAll(extraKeys);
        Path xml = RangerPluginFiles.securityXml(confDir, "hive", keys);
        return RangerAuthorizer.start(
                new RangerAuthorizerConfig("hive", "lakegate-test", List.of(xml), user -> Set.of("host-group")));
    }

    private static AccessRequest select(String user, String column) {
        return AccessRequest.of(
                new UserIdentity(user, Set.of(), Set.of()), RangerResource.column("sales", "orders", column), "select");
    }
}
