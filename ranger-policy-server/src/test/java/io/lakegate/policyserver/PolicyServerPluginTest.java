package io.lakegate.policyserver;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;
import org.apache.ranger.plugin.service.RangerBasePlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unmodified Ranger plugin, polling the policy server over HTTP as it would poll Ranger Admin. */
class PolicyServerPluginTest {
    private static final long POLL_INTERVAL_MS = 1_000;
    private static final String SERVICE = "hive_dev";

    @TempDir
    Path policies;

    @TempDir
    Path confDir;

    @TempDir
    Path cacheDir;

    private PolicyServer server;
    private RangerBasePlugin plugin;

    @BeforeEach
    void startServer() {
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
    }

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.cleanup();
        }
        server.close();
    }

    @Test
    void pluginEnforcesExportedPoliciesAndSeesAHotChangeWithinOnePollInterval() throws Exception {
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(
                        SERVICE,
                        access(1, "sales", "orders", "*", "select", List.of("alice", "bob"), List.of()),
                        rowFilter(2, "sales", "orders", List.of("bob"), "region = 'EU'"),
                        mask(3, "sales", "orders", "ssn", List.of("bob"), "MASK_SHOW_LAST_4")));
        plugin = startPlugin(Map.of());

        assertThat(select("alice", "ssn").getIsAllowed()).isTrue();
        assertThat(select("bob", "ssn").getIsAllowed()).isTrue();
        assertThat(select("carol", "ssn").getIsAllowed()).isFalse();

        RangerAccessResult filter = plugin.evalRowFilterPolicies(request("bob", null), null);
        assertThat(filter.isRowFilterEnabled()).isTrue();
        assertThat(filter.getFilterExpr()).isEqualTo("region = 'EU'");
        assertThat(plugin.evalRowFilterPolicies(request("alice", null), null).isRowFilterEnabled())
                .isFalse();

        RangerAccessResult mask = plugin.evalDataMaskPolicies(request("bob", "ssn"), null);
        assertThat(mask.isMaskEnabled()).isTrue();
        assertThat(mask.getMaskType()).isEqualTo("MASK_SHOW_LAST_4");
        assertThat(plugin.evalDataMaskPolicies(request("alice", "ssn"), null).isMaskEnabled())
                .isFalse();

        Semaphore changed = new Semaphore(0);
        plugin.registerAuthContextEventListener(changed::release);
        long versionBefore = plugin.getPoliciesVersion();
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(SERVICE, access(1, "sales", "orders", "*", "select", List.of("alice", "carol"), List.of())));

        assertThat(changed.tryAcquire(POLL_INTERVAL_MS + 500, TimeUnit.MILLISECONDS))
                .as("policy change seen within one poll interval")
                .isTrue();
        assertThat(plugin.getPoliciesVersion()).isGreaterThan(versionBefore);
        assertThat(select("carol", "ssn").getIsAllowed()).isTrue();
        assertThat(select("bob", "ssn").getIsAllowed()).isFalse();
    }

    @Test
    void malformedChangeKeepsTheLastGoodPoliciesInForce() throws Exception {
        Path file = policies.resolve(SERVICE + ".json");
        writeAtomically(
                file, export(SERVICE, access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));
        plugin = startPlugin(Map.of());
        long version = plugin.getPoliciesVersion();

        writeAtomically(file, "{\"policies\": [ {\"id\": 1, ");
        plugin.refreshPoliciesAndTags();

        assertThat(plugin.getPoliciesVersion()).isEqualTo(version);
        assertThat(select("alice", "ssn").getIsAllowed()).isTrue();
    }

    @Test
    void basicAuthIsRequiredWhenConfigured() throws Exception {
        server.close();
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies).withBasicAuth("ranger", "s3cret"));
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(SERVICE, access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));

        RangerBasePlugin withoutCredentials = startPlugin(Map.of());
        try {
            assertThat(withoutCredentials.getPoliciesVersion()).isEqualTo(-1);
        } finally {
            withoutCredentials.cleanup();
        }

        plugin = startPlugin(Map.of(
                "ranger.plugin.hive.policy.rest.client.username", "ranger",
                "ranger.plugin.hive.policy.rest.client.password", "s3cret"));
        assertThat(plugin.getPoliciesVersion()).isPositive();
        assertThat(select("alice", "ssn").getIsAllowed()).isTrue();
    }

    @Test
    void deletedServiceClearsThePoliciesAPluginHad() throws Exception {
        Path file = policies.resolve(SERVICE + ".json");
        writeAtomically(
                file, export(SERVICE, access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));
        plugin = startPlugin(Map.of());
        assertThat(select("alice", "ssn").getIsAllowed()).isTrue();

        Files.delete(file);
        plugin.refreshPoliciesAndTags();

        assertThat(select("alice", "ssn").getIsAllowed()).isFalse();
    }

    private RangerBasePlugin startPlugin(Map<String, String> extraKeys) {
        Map<String, String> keys = new LinkedHashMap<>(
                RangerPluginFiles.standardKeys("hive", SERVICE, server.baseUrl(), POLL_INTERVAL_MS, cacheDir));
        keys.putAll(extraKeys);
        Path xml = RangerPluginFiles.securityXml(confDir, "hive", keys);
        RangerPluginConfig config = new RangerPluginConfig(
                "hive",
                SERVICE,
                "policy-server-test",
                null,
                null,
                List.of(xml.toFile()),
                new RangerPolicyEngineOptions());
        RangerBasePlugin started = new RangerBasePlugin(config);
        started.init();
        return started;
    }

    private RangerAccessResult select(String user, String column) {
        return plugin.isAccessAllowed(request(user, column));
    }

    private static RangerAccessRequestImpl request(String user, String column) {
        RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
        resource.setValue("database", "sales");
        resource.setValue("table", "orders");
        if (column != null) {
            resource.setValue("column", column);
        }
        Set<String> none = new HashSet<>();
        return new RangerAccessRequestImpl(resource, "select", user, none, new HashSet<>());
    }
}
