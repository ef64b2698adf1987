package io.lakegate.dist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakegate-<version>.tar.gz} as an operator gets it: unpacked with {@code tar}, its SHA256SUMS verified line
 * by line, its CycloneDX SBOM read, no {@code runtime/} in it, and the installer started from the unpacked files.
 */
class ArchiveIT {
    private static final String VERSION = property("lakegate.version");
    private static final Path ARCHIVE = Path.of(property("lakegate.archive"));
    private static final Path DIST = Path.of(property("lakegate.dist.dir"));
    private static final String BASE = "lakegate-" + VERSION;

    @TempDir
    static Path work;

    private static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        run(work, "tar", "-xzf", ARCHIVE.toString(), "-C", work.toString());
        unpacked = work.resolve(BASE);
    }

    @Test
    void holdsTheDistributionDirectoryWithoutRuntime() throws Exception {
        List<String> entries =
                List.of(run(work, "tar", "-tzf", ARCHIVE.toString()).split("\n"));

        assertThat(entries).allMatch(entry -> entry.startsWith(BASE + "/"));
        assertThat(entries).noneMatch(entry -> entry.startsWith(BASE + "/runtime"));
        TreeSet<String> expected = new TreeSet<>(files(DIST));
        expected.removeIf(file -> file.startsWith("runtime/"));
        assertThat(new TreeSet<>(files(unpacked))).isEqualTo(expected);
        assertThat(expected)
                .contains(
                        "spark/lakegate-spark-runtime-3.5_2.12-" + VERSION + ".jar",
                        "kyuubi/lakegate-kyuubi-" + VERSION + ".jar",
                        "tools/installer/lib/lakegate-installer-" + VERSION + ".jar",
                        "openlineage/openlineage-spark_2.12-1.53.0.jar",
                        "conf/templates/spark/ranger-spark-security.xml",
                        "conf/templates/spark/ranger-spark-audit.xml",
                        "conf/templates/kyuubi/kyuubi-defaults.conf",
                        "docs/README.md",
                        "docs/installer/README.md",
                        "docs/spark-authz-plugin/README.md",
                        "docs/trino-ranger-bridge/README.md",
                        "trino/lakegate-ranger/lakegate-trino-ranger-bridge-" + VERSION + ".jar",
                        "conf/templates/trino/access-control.properties",
                        "SHA256SUMS",
                        BASE + ".cdx.json");
        assertThat(unpacked.resolve("tools/lakegate-routing/bin/lakegate-routing"))
                .isExecutable();
    }

    @Test
    void everySha256SumsLineVerifiesAndEveryFileHasOne() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        for (String line : Files.readAllLines(unpacked.resolve("SHA256SUMS"))) {
            // sha256sum's format: 64 hex digits, two spaces (text mode), the path.
            assertThat(line).matches("[0-9a-f]{64}  \\S.*");
            sums.put(line.substring(66), line.substring(0, 64));
        }
        List<String> files = new ArrayList<>(files(unpacked));
        files.remove("SHA256SUMS");
        assertThat(sums.keySet()).containsExactlyInAnyOrderElementsOf(files);
        for (Map.Entry<String, String> sum : sums.entrySet()) {
            assertThat(sha256(unpacked.resolve(sum.getKey()))).as(sum.getKey()).isEqualTo(sum.getValue());
        }
        // The operator's check, as the file is meant to be used.
        assertThat(run(unpacked, "sha256sum", "--check", "--strict", "SHA256SUMS"))
                .doesNotContain("FAILED");
    }

    @Test
    void theSbomIsCycloneDxAndNamesTheShippedArtifacts() throws Exception {
        JsonNode bom =
                new ObjectMapper().readTree(unpacked.resolve(BASE + ".cdx.json").toFile());

        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asText()).isNotEmpty();
        assertThat(bom.path("metadata").path("component").path("name").asText()).isEqualTo("lakegate-dist");
        List<String> components = StreamSupport.stream(bom.path("components").spliterator(), false)
                .map(component -> component.path("group").asText() + ":"
                        + component.path("name").asText() + ":"
                        + component.path("version").asText())
                .toList();
        assertThat(components)
                .contains(
                        "io.lakegate:lakegate-spark-runtime-3.5_2.12:" + VERSION,
                        "io.lakegate:lakegate-kyuubi:" + VERSION,
                        "io.lakegate:lakegate-installer:" + VERSION,
                        "io.lakegate:lakegate-lineage-hub:" + VERSION,
                        "io.lakegate:lakegate-ranger-policy-server:" + VERSION,
                        "io.openlineage:openlineage-spark_2.12:1.53.0",
                        "org.slf4j:slf4j-simple:1.7.36");
        assertThat(components).noneMatch(component -> component.contains("junit") || component.contains("assertj"));
    }

    @Test
    void theInstallerRunsFromTheUnpackedArchive() throws Exception {
        Path spark = work.resolve("spark-3.5.4");
        Files.createDirectories(spark.resolve("jars"));
        Files.write(spark.resolve("jars/spark-core_2.12-3.5.4.jar"), new byte[0]);
        Files.createDirectories(spark.resolve("conf"));
        Files.writeString(spark.resolve("conf/spark-defaults.conf"), "spark.sql.extensions org.example.Existing\n");
        Map<String, String> before = tree(spark);

        // As bin/lakegate starts it.
        String out = run(
                work,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                unpacked.resolve("tools/installer/lib") + File.separator + "*",
                "io.lakegate.install.cli.InstallCli",
                "--dist",
                unpacked.toString(),
                "install",
                "--dry-run",
                "--spark-home",
                spark.toString());

        assertThat(out)
                .contains("create jars/lakegate-spark-runtime-3.5_2.12-" + VERSION + ".jar")
                .contains("create jars/openlineage-spark_2.12-1.53.0.jar")
                .contains("+spark.sql.extensions org.example.Existing,io.lakegate.spark.authz.LakegateSparkExtension")
                .contains("Dry run: nothing was changed.");
        assertThat(tree(spark)).isEqualTo(before);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString())
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        for (String file : files(root)) {
            tree.put(file, sha256(root.resolve(file)));
        }
        return tree;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Runs {@code command} in {@code dir}, asserts it exits 0 within two minutes, and returns its output. */
    private static String run(Path dir, String... command) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as(String.join(" ", command))
                .isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + Files.readString(err, UTF_8))
                .isZero();
        return Files.readString(out, UTF_8);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        requireNonNull(value, name + " is set by the failsafe configuration");
        if (value.startsWith("${")) {
            throw new IllegalStateException(name + " is [" + value + "]: run the tests with Maven");
        }
        return value;
    }
}
