package io.lakegate.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * What {@code lakegate sandbox} was asked for.
 *
 * @param distDir the Lakegate distribution the services run from
 * @param dataDir where every service keeps its state between starts
 * @param sparkHome a Spark 3.5 binary distribution (its {@code jars/} run the metastore and the Thrift server)
 * @param host the address every service listens on
 * @param portOffset added to every service's standard port
 * @param reset wipe {@code dataDir} before starting
 * @param tour run the guided tour once everything is up
 * @param trinoJava the {@code java} of a Java 25 or later, which Trino 483 needs; without one, no Trino coordinator
 */
public record SandboxOptions(
        Path distDir,
        Path dataDir,
        Path sparkHome,
        String host,
        int portOffset,
        boolean reset,
        boolean tour,
        Optional<Path> trinoJava) {
    public SandboxOptions {
        requireNonNull(distDir, "distDir is null");
        requireNonNull(trinoJava, "trinoJava is null");
        trinoJava.ifPresent(java -> {
            if (!Files.isExecutable(java)) {
                throw new IllegalArgumentException("--trino-java " + java + " is not an executable java: pass the"
                        + " bin/java of a Java 25 or later (Trino 483 needs it), or the JDK's directory");
            }
            OptionalInt major = java.getParent() == null || java.getParent().getParent() == null
                    ? OptionalInt.empty()
                    : JavaHomes.major(java.getParent().getParent());
            if (major.isPresent() && major.getAsInt() < 25) {
                throw new IllegalArgumentException(
                        "--trino-java " + java + " is Java " + major.getAsInt() + ": Trino 483 needs Java 25 or later");
            }
        });
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(sparkHome, "sparkHome is null");
        requireNonNull(host, "host is null");
        if (portOffset < 0 || portOffset > 50_000) {
            throw new IllegalArgumentException("--port-offset must be between 0 and 50000, not " + portOffset);
        }
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalArgumentException("Spark home " + sparkHome + " has no jars/ directory: pass --spark-home"
                    + " (or set SPARK_HOME) to a Spark 3.5 binary distribution (spark-3.5.4-bin-hadoop3); the archive"
                    + " leaves out the Spark jars a built distribution has in runtime/spark");
        }
        String core = sparkCore(sparkHome.resolve("jars"));
        if (!core.startsWith("spark-core_2.12-3.5.")) {
            throw new IllegalArgumentException(
                    "Spark home " + sparkHome + " has " + core + ": the sandbox runs Lakegate's"
                            + " Spark runtime for Spark 3.5 with Scala 2.12 (spark-core_2.12-3.5.*.jar)");
        }
    }

    private static String sparkCore(Path jars) {
        try (Stream<Path> files = Files.list(jars)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("spark-core_"))
                    .findFirst()
                    .orElse("no spark-core jar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jars, e);
        }
    }

    public Path sparkJars() {
        return sparkHome.resolve("jars");
    }
}
