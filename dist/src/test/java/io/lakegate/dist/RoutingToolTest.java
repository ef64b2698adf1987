package io.lakegate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tools/lakegate-routing} as an operator runs it from the distribution, on the shipped example file. */
class RoutingToolTest {
    private static final Path DIST = Path.of(System.getProperty("lakegate.dist.dir"));
    private static final Path TOOL = DIST.resolve("tools/lakegate-routing/bin/lakegate-routing");
    private static final Path EXAMPLE = DIST.resolve("kyuubi/conf/lakegate-routing.yaml");

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {}

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", TOOL.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the tool finished")
                .isTrue();
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void checksTheShippedExample() throws Exception {
        Result result = run("check", EXAMPLE.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("valid: 4 rules");
    }

    @Test
    void explainsASession() throws Exception {
        Result result = run(
                "explain",
                "--rules",
                EXAMPLE.toString(),
                "--user",
                "alice",
                "--conf",
                "spark.executor.memory=64g",
                "--client-ip",
                "192.168.1.5");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("rule:      analysts")
                .contains("spark.executor.memory: asked 64g, granted 8g")
                .contains("spark.sql.extensions=io.lakegate.spark.authz.LakegateSparkExtension");
    }

    @Test
    void refusesAnInvalidFileNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "rules:\n  - name: everyone\n    engine: {type: SPARK}\n");

        Result result = run("check", bad.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("line 3: engine type [SPARK]");
    }
}
