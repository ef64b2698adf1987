package io.lakegate.ranger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.policyserver.RangerPluginFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration under which the plugin could never load a policy stops startup, naming key and fix. */
class RangerSettingsTest {
    @TempDir
    Path confDir;

    @Test
    void missingServiceName() {
        assertThatThrownBy(() -> start(Map.of("ranger.plugin.spark.policy.rest.url", "http://ranger:6080")))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.spark.service.name is not set in ranger-spark-security.xml")
                .hasMessageContaining("set it to the name of the Ranger service");
    }

    @Test
    void missingPolicySource() {
        assertThatThrownBy(() -> start(Map.of("ranger.plugin.spark.service.name", "hive_dev")))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.spark.policy.rest.url is not set")
                .hasMessageContaining("ranger.plugin.spark.policy.source.impl");
    }

    @Test
    void malformedAdminUrl() {
        assertThatThrownBy(() -> start(Map.of(
                        "ranger.plugin.spark.service.name", "hive_dev",
                        "ranger.plugin.spark.policy.rest.url", "http://ranger:6080,ranger-standby:6080")))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.spark.policy.rest.url")
                .hasMessageContaining("[ranger-standby:6080]");
    }

    @Test
    void nonNumericPollInterval() {
        assertThatThrownBy(() -> start(Map.of(
                        "ranger.plugin.spark.service.name", "hive_dev",
                        "ranger.plugin.spark.policy.rest.url", "http://ranger:6080",
                        "ranger.plugin.spark.policy.pollIntervalMs", "30s")))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.spark.policy.pollIntervalMs")
                .hasMessageContaining("[30s]");
    }

    @Test
    void negativeDecisionCacheSize() {
        assertThatThrownBy(() -> start(Map.of(
                        "ranger.plugin.spark.service.name", "hive_dev",
                        "ranger.plugin.spark.policy.rest.url", "http://ranger:6080",
                        "ranger.plugin.spark.lakegate.decision.cache.size", "-1")))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.spark.lakegate.decision.cache.size")
                .hasMessageContaining("0 or more");
    }

    @Test
    void configFileThatDoesNotExist() {
        Path missing = confDir.resolve("nope/ranger-spark-security.xml");
        assertThatThrownBy(() -> RangerAuthorizer.start(
                        new RangerAuthorizerConfig("spark", "test", List.of(missing), GroupLookup.NONE)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void readsTheClasspathFileAndSaysWhichFilesItRead() {
        assertThatThrownBy(() -> RangerAuthorizer.start(
                        new RangerAuthorizerConfig("cptest", "test", List.of(), GroupLookup.NONE)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.cptest.policy.rest.url is not set")
                .hasMessageContaining("ranger-cptest-security.xml]");
    }

    @Test
    void hostFilesOverrideTheClasspathFile() {
        Path xml = RangerPluginFiles.securityXml(
                confDir,
                "cptest",
                Map.of(
                        "ranger.plugin.cptest.service.name", "from_host",
                        "ranger.plugin.cptest.policy.rest.url", "http://127.0.0.1:9",
                        "ranger.plugin.cptest.policy.pollIntervalMs", "-5"));

        assertThatThrownBy(() -> RangerAuthorizer.start(
                        new RangerAuthorizerConfig("cptest", "test", List.of(xml), GroupLookup.NONE)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.cptest.policy.pollIntervalMs")
                .hasMessageContaining("not -5");
    }

    @Test
    void overridesWinOverTheFiles() {
        Path xml = RangerPluginFiles.securityXml(
                confDir,
                "spark",
                Map.of(
                        "ranger.plugin.spark.service.name", "hive_dev",
                        "ranger.plugin.spark.policy.rest.url", "http://ranger:6080",
                        "ranger.plugin.spark.policy.cache.dir", "/var/lib/shared-cache"));

        RangerSettings settings = RangerSettings.load(new RangerAuthorizerConfig(
                "spark",
                "test",
                List.of(xml),
                Map.of("ranger.plugin.spark.policy.cache.dir", "/var/lib/engine-1/cache"),
                GroupLookup.NONE));

        assertThat(settings.pluginConfig().get("ranger.plugin.spark.policy.cache.dir"))
                .isEqualTo("/var/lib/engine-1/cache");
        assertThat(settings.pluginConfig().get("ranger.plugin.spark.policy.rest.url"))
                .isEqualTo("http://ranger:6080");
    }

    @Test
    void anOverrideIsValidatedAsAFilesValueAndNamedAsItsSource() {
        Path xml = RangerPluginFiles.securityXml(
                confDir,
                "spark",
                Map.of(
                        "ranger.plugin.spark.service.name", "hive_dev",
                        "ranger.plugin.spark.policy.rest.url", "http://ranger:6080"));

        assertThatThrownBy(() -> RangerSettings.load(new RangerAuthorizerConfig(
                        "spark",
                        "test",
                        List.of(xml),
                        Map.of("ranger.plugin.spark.policy.pollIntervalMs", "30s"),
                        GroupLookup.NONE)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("ranger.plugin.spark.policy.pollIntervalMs")
                .hasMessageContaining("then the host's overrides of [ranger.plugin.spark.policy.pollIntervalMs])")
                .hasMessageContaining("[30s]");
    }

    @Test
    void anOverrideNeedsAPropertyName() {
        assertThatThrownBy(() -> new RangerAuthorizerConfig(
                        "spark",
                        "test",
                        List.of(),
                        Map.of(" ranger.plugin.spark.policy.cache.dir", "/x"),
                        GroupLookup.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[ ranger.plugin.spark.policy.cache.dir]");
    }

    private void start(Map<String, String> keys) {
        Path xml = RangerPluginFiles.securityXml(confDir, "spark", new LinkedHashMap<>(keys));
        RangerAuthorizer.start(new RangerAuthorizerConfig("spark", "test", List.of(xml), GroupLookup.NONE))
                .close();
    }
}
