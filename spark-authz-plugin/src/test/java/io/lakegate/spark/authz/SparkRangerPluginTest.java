package io.lakegate.spark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.ranger.InvalidRangerConfigException;
import io.lakegate.ranger.RangerAuthorizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Ranger files and overrides the plugin starts with: Spark's conf dir's files, then those of the directory a
 * launcher names, and the launcher's policy cache dir over every file's; a launcher's key that cannot work stops
 * the engine, naming the key and the fix.
 */
class SparkRangerPluginTest {
    @TempDir
    Path tmp;

    @Test
    void withoutLauncherKeysOnlySparksConfDirIsRead() throws IOException {
        Path sparkConf = dir("spark-conf", "security", "audit");

        RangerAuthorizerConfig config = SparkRangerPlugin.rangerConfig(Optional.of(sparkConf), Optional.empty());

        assertThat(config.configFiles())
                .containsExactly(
                        sparkConf.resolve("ranger-spark-audit.xml"), sparkConf.resolve("ranger-spark-security.xml"));
        assertThat(config.overrides()).isEmpty();
        assertThat(SparkRangerPlugin.rangerConfig(Optional.of(sparkConf), Optional.of(new SparkConf(false)))
                        .configFiles())
                .isEqualTo(config.configFiles());
    }

    @Test
    void theLaunchersDirectoryIsReadAfterSparksConfDir() throws IOException {
        Path sparkConf = dir("spark-conf", "security", "audit");
        Path engine = dir("engine-1", "security", "policymgr-ssl");
        SparkConf conf = new SparkConf(false).set(SparkRangerPlugin.RANGER_CONF_DIR, engine.toString());

        assertThat(SparkRangerPlugin.rangerConfig(Optional.of(sparkConf), Optional.of(conf))
                        .configFiles())
                .containsExactly(
                        sparkConf.resolve("ranger-spark-audit.xml"),
                        sparkConf.resolve("ranger-spark-security.xml"),
                        engine.resolve("ranger-spark-security.xml"),
                        engine.resolve("ranger-spark-policymgr-ssl.xml"));
        assertThat(SparkRangerPlugin.rangerConfig(Optional.empty(), Optional.of(conf))
                        .configFiles())
                .containsExactly(
                        engine.resolve("ranger-spark-security.xml"), engine.resolve("ranger-spark-policymgr-ssl.xml"));
    }

    @Test
    void aLauncherDirectoryThatDoesNotExistStopsTheEngine() {
        Path missing = tmp.resolve("no-such-dir");
        SparkConf conf = new SparkConf(false).set(SparkRangerPlugin.RANGER_CONF_DIR, missing.toString());

        assertThatThrownBy(() -> SparkRangerPlugin.rangerConfig(Optional.empty(), Optional.of(conf)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageStartingWith("Spark conf key spark.lakegate.ranger.conf.dir is [" + missing
                        + "], which is not an existing directory: point it at the directory holding this engine's"
                        + " ranger-spark-security.xml")
                .hasMessageContaining("or unset it")
                .hasMessageEndingWith("the plugin does not start on other Ranger files than those it was pointed at");
    }

    @Test
    void aLauncherDirectoryWithoutTheSecurityFileStopsTheEngine() throws IOException {
        Path sparkConf = dir("spark-conf", "security");
        Path engine = dir("engine-1", "audit");
        SparkConf conf = new SparkConf(false).set(SparkRangerPlugin.RANGER_CONF_DIR, engine.toString());

        assertThatThrownBy(() -> SparkRangerPlugin.rangerConfig(Optional.of(sparkConf), Optional.of(conf)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageStartingWith("Spark conf key spark.lakegate.ranger.conf.dir is [" + engine
                        + "], a directory that holds no ranger-spark-security.xml: point it at");
        SparkConf file = new SparkConf(false)
                .set(
                        SparkRangerPlugin.RANGER_CONF_DIR,
                        engine.resolve("ranger-spark-audit.xml").toString());
        assertThatThrownBy(() -> SparkRangerPlugin.rangerConfig(Optional.empty(), Optional.of(file)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageContaining("which is not an existing directory");
        SparkConf blank = new SparkConf(false).set(SparkRangerPlugin.RANGER_CONF_DIR, " ");
        assertThatThrownBy(() -> SparkRangerPlugin.rangerConfig(Optional.of(sparkConf), Optional.of(blank)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessage("Spark conf key spark.lakegate.ranger.conf.dir is set but empty: set it to a directory,"
                        + " or unset it");
    }

    @Test
    void theLaunchersPolicyCacheDirOverridesTheFiles() throws IOException {
        Path cache = tmp.resolve("engine-1-cache");
        SparkConf conf = new SparkConf(false).set(SparkRangerPlugin.POLICY_CACHE_DIR, cache.toString());

        assertThat(SparkRangerPlugin.rangerConfig(Optional.empty(), Optional.of(conf))
                        .overrides())
                .isEqualTo(Map.of("ranger.plugin.spark.policy.cache.dir", cache.toString()));

        Path file = Files.writeString(tmp.resolve("not-a-dir"), "");
        SparkConf toFile = new SparkConf(false).set(SparkRangerPlugin.POLICY_CACHE_DIR, file.toString());
        assertThatThrownBy(() -> SparkRangerPlugin.rangerConfig(Optional.empty(), Optional.of(toFile)))
                .isInstanceOf(InvalidRangerConfigException.class)
                .hasMessageStartingWith("Spark conf key spark.lakegate.ranger.policy.cache.dir is [" + file
                        + "], which is not a directory: set it to a directory of this engine's own");
    }

    private Path dir(String name, String... kinds) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String kind : kinds) {
            Files.writeString(dir.resolve("ranger-spark-" + kind + ".xml"), "<configuration/>\n");
        }
        return dir;
    }
}
