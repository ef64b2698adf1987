package io.lakegate.install.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed Spark works: Spark's SQL CLI, started from the SPARK_HOME the installer changed with nothing but its
 * jars and conf directory (as {@code bin/spark-sql} starts it), loads Lakegate's extension from
 * {@code spark-defaults.conf} and Ranger's files from {@code conf/}, and with no Ranger reachable refuses a
 * statement, fail closed.
 */
class InstalledSparkTest {
    @TempDir
    Path work;

    @Test
    void theInstalledSparkEnforcesLakegateAndFailsClosedWithoutRanger() throws Exception {
        Path dist = Layouts.distribution(work.resolve("lakegate"));
        Path spark = Layouts.sparkHome(work.resolve("spark"), null);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli install = Cli.run(
                dist, "install", "--spark-home", spark.toString(), "--ranger-url", "http://127.0.0.1:" + closedPort);
        assertThat(install.status()).as(install.toString()).isZero();

        Path run = Files.createDirectories(work.resolve("run"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                Arrays.asList(System.getProperty("lakegate.spark.jvm.args").split("\\s+")));
        command.addAll(List.of(
                "-cp",
                spark.resolve("jars") + File.separator + "*" + File.pathSeparator + spark.resolve("conf"),
                "org.apache.spark.deploy.SparkSubmit",
                "--class",
                "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver",
                "--master",
                "local[1]",
                "--conf",
                "spark.ui.enabled=false",
                "spark-internal",
                "-e",
                "CREATE DATABASE lakegate_installed"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(run.toFile())
                .redirectOutput(run.resolve("stdout").toFile())
                .redirectError(run.resolve("stderr").toFile());
        builder.environment().put("SPARK_HOME", spark.toString());
        builder.environment().remove("SPARK_CONF_DIR");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Spark did not finish in 5 minutes; see " + run);
        }
        String stderr = Files.readString(run.resolve("stderr"));

        assertThat(process.exitValue()).as(stderr).isNotZero();
        assertThat(stderr)
                .contains("Permission denied: user [" + System.getProperty("user.name")
                        + "] does not have [create] privilege on [lakegate_installed]")
                .contains("no Ranger policies are loaded for service [hive]");
        assertThat(run.resolve("spark-warehouse/lakegate_installed.db")).doesNotExist();
    }
}
