package io.lakegate.kyuubi.routing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingCliTest {
    private static final String EXAMPLE = "examples/lakegate-routing.yaml";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RoutingCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checkAcceptsAValidFile() {
        assertThat(run("check", EXAMPLE)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(EXAMPLE + ": valid: 4 rules");
    }

    @Test
    void checkNamesTheLineOfAnInvalidFile() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "rules:\n  - name: a\n    engine: {type: SPARK}\n");

        assertThat(run("check", file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(file + ": line 3: engine type [SPARK] is not one Lakegate governs");
    }

    @Test
    void explainShowsTheRuleClampsGuardrailsAndOverlay() throws IOException {
        Path sparkDefaults = dir.resolve("spark-defaults.conf");
        Files.writeString(sparkDefaults, "spark.sql.extensions com.example.Operator\n");

        int status = run(
                "explain",
                "--rules",
                EXAMPLE,
                "--user",
                "carol",
                "--client-ip",
                "10.1.2.3",
                "--conf",
                "spark.executor.memory=64g",
                "--conf",
                "spark.sql.optimizer.excludedRules=x",
                "--spark-defaults",
                sparkDefaults.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("user:      carol (groups [bi])")
                .contains("rule:      analysts (line ")
                .contains("engine:    SPARK_SQL")
                .contains("spark.executor.memory: asked 64g, granted 8g (limit on line ")
                .contains("spark.sql.optimizer.excludedRules: sent [x], engine gets [] (built-in (")
                .contains("  spark.sql.extensions=com.example.Operator,io.lakegate.spark.authz.LakegateSparkExtension")
                .containsPattern("  kyuubi.engine.share.level.subdomain=lakegate-analysts-[0-9a-f]{8}\n");
    }

    @Test
    void explainNamesTheMatchedCriteria() {
        assertThat(run("explain", "--rules", EXAMPLE, "--user", "carol", "--client-ip", "10.20.0.9"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("rule:      dashboards (line ")
                .contains("matched on a group in [bi] and client address in [10.20.0.0/16]");
    }

    @Test
    void aRefusedSessionExitsWithOne() {
        assertThat(run("explain", "--rules", EXAMPLE, "--user", "x", "--conf", "spark.driver.memory=much"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("spark.driver.memory [much]");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("explain", "--rules", EXAMPLE)).isEqualTo(2);
        assertThat(run("explain", "--rules", EXAMPLE, "--user", "a", "--conf", "novalue"))
                .isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown command [frobnicate]")
                .contains("usage:");
    }
}
