package io.lakegate.install.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink homes are recognised and refused (nothing ships for Flink yet), and a refusal for one host changes no other
 * (a Trino home among them included); homes that are not what their option says, and bad options, are refused with the fix.
 */
class OtherHostsTest {
    @TempDir
    Path work;

    private Path dist;

    @BeforeEach
    void layOut() throws Exception {
        dist = Layouts.distribution(work.resolve("lakegate"));
    }

    @Test
    void refusesFlinkAndTouchesNoHostAtAll() throws Exception {
        Path spark = Layouts.sparkHome(work.resolve("spark"), "spark.sql.extensions org.example.Existing\n");
        Path kyuubi = Layouts.kyuubiHome(work.resolve("kyuubi"), "1.10.3", null);
        Path flink = Layouts.flinkHome(work.resolve("flink-1.20.1"));
        Path trino = Layouts.trinoHome(work.resolve("trino-server-483"));
        Map<String, String> before = Layouts.tree(work);

        Cli cli = Cli.run(
                dist,
                "install",
                "--spark-home",
                spark.toString(),
                "--kyuubi-home",
                kyuubi.toString(),
                "--flink-home",
                flink.toString(),
                "--trino-home",
                trino.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains("Flink 1.20.1 at " + flink + ": Lakegate " + Layouts.VERSION
                        + " does not install into Flink yet")
                .contains("leave out --flink-home")
                .endsWith("Nothing was changed.\n");
        assertThat(cli.out()).isEmpty();
        assertThat(Layouts.tree(work)).isEqualTo(before);
    }

    @Test
    void readsTrinosVersionFromItsServerDirectoryToo() throws Exception {
        Path trino = Layouts.emptyFiles(work.resolve("trino-server-480"), "bin/launcher", "lib/launcher.jar");

        Cli cli = Cli.run(dist, "install", "--trino-home", trino.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("Trino 480 at " + trino + " is not supported");
    }

    @Test
    void refusesAHomeThatIsNotWhatItsOptionSays() throws Exception {
        Path kyuubi = Layouts.kyuubiHome(work.resolve("kyuubi"), "1.10.3", null);
        Path flink = Layouts.flinkHome(work.resolve("flink"));

        Cli asSpark = Cli.run(dist, "install", "--spark-home", kyuubi.toString());
        Cli asKyuubi = Cli.run(dist, "install", "--kyuubi-home", flink.toString());
        Cli asTrino = Cli.run(dist, "install", "--trino-home", flink.toString());

        assertThat(asSpark.status()).isEqualTo(1);
        assertThat(asSpark.err())
                .contains(kyuubi + " is not a Spark home: it has no jars/spark-core_<scala>-<version>.jar");
        assertThat(asKyuubi.err()).contains(flink + " is not a Kyuubi home");
        assertThat(asTrino.err()).contains(flink + " is not a Trino home");
    }

    @Test
    void refusesBadOptionsWithUsage() throws Exception {
        Path spark = Layouts.emptyFiles(work.resolve("spark"), "jars/spark-core_2.12-3.5.4.jar");

        Cli noHome = Cli.run(dist, "install");
        Cli badUrl = Cli.run(dist, "install", "--spark-home", spark.toString(), "--ranger-url", "ranger:6080");
        Cli noPort = Cli.run(dist, "install", "--spark-home", spark.toString(), "--ranger-url", "http://ranger");
        Cli badService = Cli.run(dist, "install", "--spark-home", spark.toString(), "--ranger-service", "a b");
        Cli missing =
                Cli.run(dist, "install", "--spark-home", work.resolve("nowhere").toString());
        Cli unknown = Cli.run(dist, "install", "--hive-home", spark.toString());
        Cli uninstallUrl = Cli.run(dist, "uninstall", "--spark-home", spark.toString(), "--lineage-url", "http://x:1");

        assertThat(noHome.status()).isEqualTo(2);
        assertThat(noHome.err()).contains("name at least one home", "Usage: lakegate install");
        assertThat(badUrl.err()).contains("--ranger-url [ranger:6080] is not http(s)://host:port");
        assertThat(noPort.err()).contains("--ranger-url [http://ranger] is not http(s)://host:port");
        assertThat(badService.err()).contains("--ranger-service [a b] is no Ranger service name");
        assertThat(missing.err()).contains("--spark-home " + work.resolve("nowhere") + " is not a directory");
        assertThat(unknown.err()).contains("unknown option --hive-home");
        assertThat(uninstallUrl.err()).contains("--lineage-url is for install only");
        assertThat(Files.exists(spark.resolve(".lakegate"))).isFalse();
    }

    @Test
    void refusesAnIncompleteDistribution() throws Exception {
        Path spark = Layouts.sparkHome(work.resolve("spark"), null);
        Files.delete(dist.resolve("spark/" + Layouts.RUNTIME_NAME));

        Cli cli = Cli.run(dist, "install", "--spark-home", spark.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains("the distribution at " + dist + " has no spark/" + Layouts.RUNTIME_NAME)
                .contains("pass --dist the directory of a complete Lakegate");
    }
}
