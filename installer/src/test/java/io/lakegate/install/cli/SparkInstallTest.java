package io.lakegate.install.cli;

import static io.lakegate.install.cli.Layouts.RUNTIME_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakegate install --spark-home} on a SPARK_HOME of Spark 3.5.4's distribution jars, and its uninstall. */
class SparkInstallTest {
    private static final String EXISTING =
            "# the operator's\nspark.sql.extensions org.example.Existing\nspark.ui.port=4041\n";

    @TempDir
    Path work;

    private Path dist;
    private Path spark;

    @BeforeEach
    void layOut() throws Exception {
        dist = Layouts.distribution(work.resolve("lakegate"));
        spark = Layouts.sparkHome(work.resolve("spark-3.5.4-bin-hadoop3"), EXISTING);
    }

    @Test
    void copiesTheJarsAndAppendsLakegateToTheOperatorsSettings() throws Exception {
        Cli cli = Cli.run(
                dist,
                "install",
                "--spark-home",
                spark.toString(),
                "--ranger-url",
                "http://ranger.example.com:6080",
                "--ranger-service",
                "hive_prod",
                "--lineage-url",
                "http://marquez.example.com:5000");

        assertThat(cli.status()).as(cli.toString()).isZero();
        assertThat(spark.resolve("jars/" + RUNTIME_NAME)).hasSameBinaryContentAs(Layouts.SPARK_RUNTIME);
        assertThat(spark.resolve("jars/" + Layouts.OPENLINEAGE_SPARK.getFileName()))
                .hasSameBinaryContentAs(Layouts.OPENLINEAGE_SPARK);
        assertThat(spark.resolve("conf/spark-defaults.conf"))
                .hasContent("# the operator's\n"
                        + "spark.sql.extensions org.example.Existing,io.lakegate.spark.authz.LakegateSparkExtension\n"
                        + "spark.ui.port=4041\n"
                        + "spark.extraListeners io.openlineage.spark.agent.OpenLineageSparkListener\n"
                        + "spark.openlineage.transport.type http\n"
                        + "spark.openlineage.transport.url http://marquez.example.com:5000\n"
                        + "spark.openlineage.transport.endpoint /api/v1/lineage\n");
        assertThat(Files.readString(spark.resolve("conf/ranger-spark-security.xml")))
                .contains("<name>ranger.plugin.spark.service.name</name>\n    <value>hive_prod</value>")
                .contains("<name>ranger.plugin.spark.policy.rest.url</name>\n"
                        + "    <value>http://ranger.example.com:6080</value>");
        assertThat(Files.readString(spark.resolve("conf/ranger-spark-audit.xml")))
                .contains("<value>" + spark.resolve("logs/ranger-audit") + "</value>");
        assertThat(cli.out()).contains("created jars/" + RUNTIME_NAME, "modified conf/spark-defaults.conf", "Done.");
    }

    @Test
    void withoutALineageUrlSwitchesNoListenerOnAndUsesRangersDefaults() throws Exception {
        Files.delete(spark.resolve("conf/spark-defaults.conf"));

        Cli cli = Cli.run(dist, "install", "--spark-home", spark.toString());

        assertThat(cli.status()).as(cli.toString()).isZero();
        assertThat(spark.resolve("conf/spark-defaults.conf"))
                .hasContent("spark.sql.extensions io.lakegate.spark.authz.LakegateSparkExtension\n");
        assertThat(Files.readString(spark.resolve("conf/ranger-spark-security.xml")))
                .contains("<value>hive</value>", "<value>http://localhost:6080</value>");
    }

    @Test
    void keepsTheOperatorsRangerFiles() throws Exception {
        Path security = spark.resolve("conf/ranger-spark-security.xml");
        Files.writeString(security, "<configuration><!-- the operator's --></configuration>\n");

        Cli cli = Cli.run(dist, "install", "--spark-home", spark.toString(), "--ranger-url", "http://other:6080");

        assertThat(cli.status()).as(cli.toString()).isZero();
        assertThat(security).hasContent("<configuration><!-- the operator's --></configuration>");
        assertThat(cli.out()).contains("kept conf/ranger-spark-security.xml, which exists already");
        assertThat(spark.resolve("conf/ranger-spark-audit.xml")).exists();
    }

    @Test
    void dryRunPrintsEveryFileAndTheDiffAndTouchesNothing() throws Exception {
        Map<String, String> before = Layouts.tree(spark);

        Cli cli = Cli.run(
                dist, "install", "--dry-run", "--spark-home", spark.toString(), "--lineage-url", "http://hub:5000");

        assertThat(cli.status()).as(cli.toString()).isZero();
        assertThat(Layouts.tree(spark)).isEqualTo(before);
        assertThat(cli.out())
                .contains("create jars/" + RUNTIME_NAME + " (" + Files.size(Layouts.SPARK_RUNTIME) + " bytes, sha256 "
                        + Layouts.sha256(Layouts.SPARK_RUNTIME) + ")")
                .contains("create jars/" + Layouts.OPENLINEAGE_SPARK.getFileName())
                .contains("create .lakegate/install.json (Lakegate's record, for uninstall)")
                .contains("create .lakegate/backup/conf/spark-defaults.conf")
                .contains("modify conf/spark-defaults.conf\n"
                        + "    --- a/conf/spark-defaults.conf\n"
                        + "    +++ b/conf/spark-defaults.conf\n"
                        + "    @@ -1,3 +1,7 @@\n"
                        + "     # the operator's\n"
                        + "    -spark.sql.extensions org.example.Existing\n"
                        + "    +spark.sql.extensions org.example.Existing,"
                        + "io.lakegate.spark.authz.LakegateSparkExtension\n"
                        + "     spark.ui.port=4041\n"
                        + "    +spark.extraListeners io.openlineage.spark.agent.OpenLineageSparkListener\n")
                .contains("create conf/ranger-spark-security.xml\n    --- /dev/null\n"
                        + "    +++ b/conf/ranger-spark-security.xml\n")
                .contains("    +    <value>http://localhost:6080</value>")
                .endsWith("Dry run: nothing was changed.\n");
    }

    @Test
    void aSecondInstallChangesNothingAndSaysSo() throws Exception {
        assertThat(Cli.run(dist, "install", "--spark-home", spark.toString()).status())
                .isZero();
        Map<String, String> installed = Layouts.tree(spark);

        Cli again = Cli.run(dist, "install", "--spark-home", spark.toString());

        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(Layouts.tree(spark)).isEqualTo(installed);
        assertThat(again.out()).contains("nothing to change", "Nothing to change: install had been done already.");
    }

    @Test
    void aLaterLineageUrlAddsOnlyTheListenerAndUninstallStillRestoresAll() throws Exception {
        Map<String, String> original = Layouts.tree(spark);
        assertThat(Cli.run(dist, "install", "--spark-home", spark.toString()).status())
                .isZero();

        Cli lineage = Cli.run(dist, "install", "--spark-home", spark.toString(), "--lineage-url", "http://hub:5000");

        assertThat(lineage.status()).as(lineage.toString()).isZero();
        assertThat(lineage.out()).contains("modified conf/spark-defaults.conf").doesNotContain("created jars/");
        assertThat(Files.readString(spark.resolve("conf/spark-defaults.conf")))
                .contains("spark.openlineage.transport.url http://hub:5000");
        assertThat(Cli.run(dist, "uninstall", "--spark-home", spark.toString()).status())
                .isZero();
        assertThat(Layouts.tree(spark)).isEqualTo(original);
    }

    @Test
    void uninstallRestoresTheTreeByteForByteAndTwiceIsHarmless() throws Exception {
        Map<String, String> original = Layouts.tree(spark);
        assertThat(Cli.run(dist, "install", "--spark-home", spark.toString(), "--lineage-url", "http://hub:5000")
                        .status())
                .isZero();
        assertThat(Layouts.tree(spark)).isNotEqualTo(original);

        Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(uninstall.status()).as(uninstall.toString()).isZero();
        assertThat(Layouts.tree(spark)).isEqualTo(original);
        assertThat(uninstall.out()).contains("deleted jars/" + RUNTIME_NAME, "modified conf/spark-defaults.conf");
        Cli again = Cli.run(dist, "uninstall", "--spark-home", spark.toString());
        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(again.out()).contains("no Lakegate installation here");
        assertThat(Layouts.tree(spark)).isEqualTo(original);
    }

    @Test
    void uninstallKeepsTheOperatorsEditsMadeAfterInstall() throws Exception {
        assertThat(Cli.run(dist, "install", "--spark-home", spark.toString(), "--lineage-url", "http://hub:5000")
                        .status())
                .isZero();
        Path defaults = spark.resolve("conf/spark-defaults.conf");
        Files.writeString(
                defaults,
                Files.readString(defaults)
                                .replace("LakegateSparkExtension", "LakegateSparkExtension, org.example.AddedLater")
                        + "spark.executor.memory 4g\n");
        Path security = spark.resolve("conf/ranger-spark-security.xml");
        Files.writeString(security, Files.readString(security).replace("30000", "60000"));

        Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(uninstall.status()).as(uninstall.toString()).isZero();
        assertThat(defaults)
                .hasContent("# the operator's\n"
                        + "spark.sql.extensions org.example.Existing,org.example.AddedLater\n"
                        + "spark.ui.port=4041\n"
                        + "spark.executor.memory 4g\n");
        assertThat(Files.readString(security)).contains("60000");
        assertThat(uninstall.out()).contains("kept conf/ranger-spark-security.xml: it changed since install");
        assertThat(spark.resolve("jars/" + RUNTIME_NAME)).doesNotExist();
        assertThat(spark.resolve("conf/ranger-spark-audit.xml")).doesNotExist();
        assertThat(spark.resolve(".lakegate")).doesNotExist();
    }

    @Test
    void uninstallRefusesAJarThatChangedAndTouchesNothing() throws Exception {
        assertThat(Cli.run(dist, "install", "--spark-home", spark.toString()).status())
                .isZero();
        Path jar = spark.resolve("jars/" + RUNTIME_NAME);
        Files.write(jar, new byte[] {1, 2, 3});
        Map<String, String> changed = Layouts.tree(spark);

        Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(uninstall.status()).isEqualTo(1);
        assertThat(uninstall.err())
                .contains(jar + " changed since Lakegate installed it")
                .contains("move it away (or put Lakegate's back) and run uninstall again")
                .contains("Nothing was changed.");
        assertThat(Layouts.tree(spark)).isEqualTo(changed);
    }

    @Test
    void refusesAJarOfTheSameNameThatIsNotThisBuilds() throws Exception {
        Files.write(spark.resolve("jars/" + RUNTIME_NAME), new byte[] {7});
        Map<String, String> before = Layouts.tree(spark);

        Cli cli = Cli.run(dist, "install", "--spark-home", spark.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains(spark.resolve("jars/" + RUNTIME_NAME) + " exists already and is not Lakegate "
                        + Layouts.VERSION)
                .contains("move it away and run install again");
        assertThat(Layouts.tree(spark)).isEqualTo(before);
    }

    @Test
    void refusesOtherSparkVersionsNamingBoth() throws Exception {
        Path old = Layouts.emptyFiles(work.resolve("spark-3.4.1"), "jars/spark-core_2.12-3.4.1.jar", "bin/spark-sql");
        Path scala213 = Layouts.emptyFiles(work.resolve("spark-3.5.4-scala2.13"), "jars/spark-core_2.13-3.5.4.jar");

        Cli oldSpark = Cli.run(dist, "install", "--spark-home", old.toString());
        Cli otherScala = Cli.run(dist, "install", "--spark-home", scala213.toString());

        assertThat(oldSpark.status()).isEqualTo(1);
        assertThat(oldSpark.err())
                .contains("Spark 3.4.1 (Scala 2.12) at " + old + " is not supported: Lakegate " + Layouts.VERSION
                        + " supports Spark 3.5 (Scala 2.12)");
        assertThat(otherScala.err()).contains("Spark 3.5.4 (Scala 2.13) at " + scala213 + " is not supported");
        assertThat(Layouts.tree(old)).doesNotContainKey(".lakegate");
    }
}
