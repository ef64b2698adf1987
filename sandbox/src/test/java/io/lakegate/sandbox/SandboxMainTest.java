package io.lakegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {
    @TempDir
    Path work;

    @Test
    void optionsAreReadWithTheirDefaults() throws Exception {
        Path dist = distribution();
        SandboxOptions options = SandboxMain.parse(new String[] {
            "--dist", dist.toString(), "--data-dir", work.resolve("data").toString(), "--port-offset", "7"
        });
        assertThat(options.distDir()).isEqualTo(dist);
        assertThat(options.sparkHome()).isEqualTo(dist.resolve("runtime/spark"));
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.portOffset()).isEqualTo(7);
        assertThat(options.tour()).isTrue();
        assertThat(options.reset()).isFalse();
        assertThat(SandboxMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void aWrongOptionIsNamed() throws Exception {
        String dist = distribution().toString();
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--port-ofset", "1"}))
                .hasMessage("unknown option --port-ofset");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--port-offset", "ten"}))
                .hasMessage("--port-offset must be a number, not ten");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--port-offset", "60000"}))
                .hasMessage("--port-offset must be between 0 and 50000, not 60000");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--data-dir"}))
                .hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", work.toString()}))
                .hasMessage("--dist " + work + " is not a Lakegate distribution (it has no tools/ directory)");
        Path notSpark = Files.createDirectories(work.resolve("not-spark"));
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--spark-home", notSpark.toString()}))
                .hasMessageStartingWith("Spark home " + notSpark + " has no jars/ directory: pass --spark-home");
        Path otherSpark = Files.createDirectories(work.resolve("spark-3.4/jars"));
        Files.createFile(otherSpark.resolve("spark-core_2.12-3.4.1.jar"));
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {
                    "--dist", dist, "--spark-home", otherSpark.getParent().toString()
                }))
                .hasMessageContaining("has spark-core_2.12-3.4.1.jar: the sandbox runs Lakegate's Spark runtime for"
                        + " Spark 3.5 with Scala 2.12");
    }

    @Test
    void aTrinoJavaIsAJava25OrLater() throws Exception {
        String dist = distribution().toString();
        Path old = javaHome("jdk-21", "21.0.5");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--trino-java", old.toString()}))
                .hasMessage(
                        "--trino-java " + old.resolve("bin/java") + " is Java 21: Trino 483 needs Java 25 or later");
        Path current = javaHome("jdk-25", "25.0.1");
        assertThat(SandboxMain.parse(new String[] {"--dist", dist, "--trino-java", current.toString()})
                        .trinoJava())
                .contains(current.resolve("bin/java"));
        Path missing = work.resolve("nowhere/bin/java");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--dist", dist, "--trino-java", missing.toString()}))
                .hasMessageStartingWith("--trino-java " + missing + " is not an executable java");
    }

    private Path javaHome(String name, String version) throws Exception {
        Path home = work.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private Path distribution() throws Exception {
        Path dist = work.resolve("dist");
        Files.createDirectories(dist.resolve("tools"));
        Files.createFile(
                Files.createDirectories(dist.resolve("runtime/spark/jars")).resolve("spark-core_2.12-3.5.4.jar"));
        return dist;
    }
}
