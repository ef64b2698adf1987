package io.lakegate.install.cli;

import static io.lakegate.install.cli.Layouts.KYUUBI_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakegate install --kyuubi-home} on a home laid out like Kyuubi 1.10.3's binary distribution. */
class KyuubiInstallTest {
    private static final String ADVISOR = "io.lakegate.kyuubi.routing.kyuubi.LakegateSessionConfAdvisor";

    @TempDir
    Path work;

    private Path dist;

    @BeforeEach
    void layOut() throws Exception {
        dist = Layouts.distribution(work.resolve("lakegate"));
    }

    @Test
    void copiesTheJarAndRulesAndAppendsTheAdvisorLeavingAuthenticationOff() throws Exception {
        Path kyuubi = Layouts.kyuubiHome(
                work.resolve("apache-kyuubi-1.10.3-bin"),
                "1.10.3",
                "# the operator's\nkyuubi.frontend.bind.port=10009\nkyuubi.session.conf.advisor=org.example.Advisor\n");

        Cli cli = Cli.run(dist, "install", "--kyuubi-home", kyuubi.toString());

        assertThat(cli.status()).as(cli.toString()).isZero();
        assertThat(kyuubi.resolve("jars/" + KYUUBI_NAME)).hasSameBinaryContentAs(Layouts.KYUUBI_JAR);
        assertThat(kyuubi.resolve("conf/lakegate-routing.yaml")).hasSameTextualContentAs(Layouts.ROUTING_EXAMPLE);
        assertThat(kyuubi.resolve("conf/kyuubi-defaults.conf"))
                .hasContent("# the operator's\n"
                        + "kyuubi.frontend.bind.port=10009\n"
                        + "kyuubi.session.conf.advisor=org.example.Advisor," + ADVISOR + "\n"
                        + "kyuubi.session.lakegate.routing.rules=" + kyuubi.resolve("conf/lakegate-routing.yaml"));
        String authn = Files.readString(kyuubi.resolve("conf/lakegate-authn.conf.template"));
        assertThat(authn).contains("# kyuubi.authentication=CUSTOM");
        assertThat(authn.lines()).allMatch(line -> line.isEmpty() || line.startsWith("#"));
        assertThat(Files.readString(kyuubi.resolve("conf/kyuubi-defaults.conf")))
                .doesNotContain("kyuubi.authentication");
        assertThat(cli.out())
                .contains("authentication is not switched on")
                .contains("conf/lakegate-authn.conf.template");
    }

    @Test
    void keepsAnOperatorsRulesFileAndSettingAndReportsIt() throws Exception {
        Path kyuubi = Layouts.kyuubiHome(
                work.resolve("kyuubi"), "1.10.3", "kyuubi.session.lakegate.routing.rules /etc/kyuubi/rules.yaml\n");
        Files.writeString(kyuubi.resolve("conf/lakegate-routing.yaml"), "rules: []\n");

        Cli cli = Cli.run(dist, "install", "--kyuubi-home", kyuubi.toString());

        assertThat(cli.status()).as(cli.toString()).isZero();
        assertThat(kyuubi.resolve("conf/lakegate-routing.yaml")).hasContent("rules: []");
        assertThat(kyuubi.resolve("conf/kyuubi-defaults.conf"))
                .hasContent("kyuubi.session.lakegate.routing.rules /etc/kyuubi/rules.yaml\n"
                        + "kyuubi.session.conf.advisor " + ADVISOR + "\n");
        assertThat(cli.out())
                .contains("kept kyuubi.session.lakegate.routing.rules = /etc/kyuubi/rules.yaml")
                .contains("kept conf/lakegate-routing.yaml, which exists already");
    }

    @Test
    void createsTheDefaultsFileAndUninstallRemovesItAgain() throws Exception {
        Path kyuubi = Layouts.kyuubiHome(work.resolve("kyuubi"), "1.10.3", null);
        Map<String, String> original = Layouts.tree(kyuubi);

        Cli install = Cli.run(dist, "install", "--kyuubi-home", kyuubi.toString());
        Cli again = Cli.run(dist, "install", "--kyuubi-home", kyuubi.toString());
        Map<String, String> installed = Layouts.tree(kyuubi);
        Cli uninstall = Cli.run(dist, "uninstall", "--kyuubi-home", kyuubi.toString());

        assertThat(install.status()).as(install.toString()).isZero();
        assertThat(installed).containsKeys("conf/kyuubi-defaults.conf", ".lakegate/install.json");
        assertThat(again.out()).contains("Nothing to change");
        assertThat(uninstall.status()).as(uninstall.toString()).isZero();
        assertThat(Layouts.tree(kyuubi)).isEqualTo(original);
    }

    @Test
    void uninstallOfAKyuubiHomeAsSparkIsRefused() throws Exception {
        Path kyuubi = Layouts.kyuubiHome(work.resolve("kyuubi"), "1.10.3", null);
        assertThat(Cli.run(dist, "install", "--kyuubi-home", kyuubi.toString()).status())
                .isZero();

        Cli cli = Cli.run(dist, "uninstall", "--spark-home", kyuubi.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("holds Lakegate's installation for kyuubi", "pass it as --kyuubi-home");
    }

    @Test
    void refusesKyuubiOtherThan110() throws Exception {
        Path kyuubi = Layouts.kyuubiHome(work.resolve("apache-kyuubi-1.9.2-bin"), "1.9.2", null);

        Cli cli = Cli.run(dist, "install", "--kyuubi-home", kyuubi.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains("Kyuubi 1.9.2 at " + kyuubi + " is not supported: Lakegate " + Layouts.VERSION
                        + " supports Kyuubi 1.10");
    }
}
