package io.lakegate.install.cli;

import static io.lakegate.install.cli.Layouts.RUNTIME_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What install and uninstall do with what they find in a home besides the host: a manifest someone changed, links,
 * permissions, an operator's edits between two installs, another installer at work.
 */
class HomeSafetyTest {
    private static final String EXISTING = "# the operator's\nspark.sql.extensions org.example.Existing\n";

    @TempDir
    Path work;

    private Path dist;
    private Path spark;

    @BeforeEach
    void layOut() throws Exception {
        dist = Layouts.distribution(work.resolve("lakegate"));
        spark = Layouts.sparkHome(work.resolve("spark"), EXISTING);
    }

    @Test
    void uninstallRefusesAManifestNamingFilesLakegateDoesNotWrite() throws Exception {
        install();
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("victim"), "not Lakegate's\n");
        Files.createSymbolicLink(spark.resolve("link"), outside);
        Path manifest = spark.resolve(".lakegate/install.json");
        String json = Files.readString(manifest);

        for (String path :
                new String[] {"link/victim", "jars/spark-core_2.12-3.5.4.jar", "jars/../../outside/victim"}) {
            String sha256 = Layouts.sha256(spark.resolve(path));
            Files.writeString(manifest, addCreated(json, path, sha256));
            Map<String, String> before = Layouts.tree(spark);

            Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

            assertThat(uninstall.status()).as(uninstall.toString()).isEqualTo(1);
            assertThat(uninstall.err())
                    .contains(manifest + " names " + path + ", which Lakegate does not write")
                    .contains("it is not a manifest Lakegate wrote");
            assertThat(Layouts.tree(spark)).isEqualTo(before);
            assertThat(outside.resolve("victim")).hasContent("not Lakegate's");
        }
    }

    @Test
    void uninstallRefusesAManifestWhoseFilesLeadOutOfTheHome() throws Exception {
        install();
        Path manifest = spark.resolve(".lakegate/install.json");
        // Lakegate's own jar, through a jars/ that someone made a link to another directory.
        Path jars = Files.move(spark.resolve("jars"), work.resolve("elsewhere-jars"));
        Files.createSymbolicLink(spark.resolve("jars"), jars);
        Map<String, String> before = Layouts.tree(work);

        Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(uninstall.status()).as(uninstall.toString()).isEqualTo(1);
        assertThat(uninstall.err())
                .contains(manifest + " names jars/" + RUNTIME_NAME + ", whose directory is outside " + spark);
        assertThat(Layouts.tree(work)).isEqualTo(before);
        assertThat(jars.resolve(RUNTIME_NAME)).exists();

        // A jar replaced by a link (to a copy of it) is not the file Lakegate wrote either.
        Files.delete(spark.resolve("jars"));
        Files.move(jars, spark.resolve("jars"));
        Path copy = Files.copy(spark.resolve("jars/" + RUNTIME_NAME), work.resolve(RUNTIME_NAME));
        Files.delete(spark.resolve("jars/" + RUNTIME_NAME));
        Files.createSymbolicLink(spark.resolve("jars/" + RUNTIME_NAME), copy);

        Cli linked = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(linked.status()).as(linked.toString()).isEqualTo(1);
        assertThat(linked.err()).contains(manifest + " names jars/" + RUNTIME_NAME + ", which is a link");
        assertThat(copy).exists();
    }

    @Test
    void aLakegateDirectoryThatIsALinkIsRefused() throws Exception {
        install();
        Path records = Files.move(spark.resolve(".lakegate"), work.resolve("records"));
        Files.createSymbolicLink(spark.resolve(".lakegate"), records);
        Map<String, String> before = Layouts.tree(work);

        Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(uninstall.status()).as(uninstall.toString()).isEqualTo(1);
        assertThat(uninstall.err()).contains(spark.resolve(".lakegate") + " is not a directory (a link?)");
        assertThat(Layouts.tree(work)).isEqualTo(before);
    }

    @Test
    void uninstallKeepsTheOperatorsEditsMadeBetweenTwoInstalls() throws Exception {
        install();
        Path defaults = spark.resolve("conf/spark-defaults.conf");
        Files.writeString(defaults, Files.readString(defaults) + "spark.executor.memory 4g\n");
        Cli lineage = Cli.run(dist, "install", "--spark-home", spark.toString(), "--lineage-url", "http://hub:5000");
        assertThat(lineage.status()).as(lineage.toString()).isZero();

        Cli uninstall = Cli.run(dist, "uninstall", "--spark-home", spark.toString());

        assertThat(uninstall.status()).as(uninstall.toString()).isZero();
        assertThat(Files.readString(defaults)).isEqualTo(EXISTING + "spark.executor.memory 4g\n");
        assertThat(spark.resolve(".lakegate")).doesNotExist();
    }

    @Test
    void writesThroughALinkedDefaultsFileAndKeepsTheLink() throws Exception {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path target = Files.writeString(etc.resolve("spark-defaults.conf"), EXISTING);
        Path defaults = spark.resolve("conf/spark-defaults.conf");
        Files.delete(defaults);
        Files.createSymbolicLink(defaults, target);

        install();

        assertThat(Files.isSymbolicLink(defaults)).isTrue();
        assertThat(Files.readString(target)).contains("org.example.Existing,io.lakegate.spark.authz");
        assertThat(Cli.run(dist, "uninstall", "--spark-home", spark.toString()).status())
                .isZero();
        assertThat(Files.isSymbolicLink(defaults)).isTrue();
        assertThat(target).hasContent(EXISTING);
        assertThat(etc).isDirectoryNotContaining("glob:**.lakegate-tmp");
    }

    @Test
    void refusesADanglingLinkNamingIt() throws Exception {
        Path defaults = spark.resolve("conf/spark-defaults.conf");
        Files.delete(defaults);
        Files.createSymbolicLink(defaults, work.resolve("etc/spark-defaults.conf"));
        // (The tree of the home cannot be hashed with a link to nothing in it.)
        Map<String, String> jars = Layouts.tree(spark.resolve("jars"));

        Cli cli = Cli.run(dist, "install", "--spark-home", spark.toString());

        assertThat(cli.status()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err())
                .contains(defaults + " is a link to " + work.resolve("etc/spark-defaults.conf")
                        + ", which does not exist");
        assertThat(Files.isSymbolicLink(defaults)).isTrue();
        assertThat(Layouts.tree(spark.resolve("jars"))).isEqualTo(jars);
        assertThat(spark.resolve("conf/ranger-spark-security.xml")).doesNotExist();
        assertThat(spark.resolve(".lakegate")).doesNotExist();
    }

    @Test
    void newFilesAreReadableByAllAndAReplacedFileKeepsItsPermissions() throws Exception {
        Path defaults = spark.resolve("conf/spark-defaults.conf");
        Files.setPosixFilePermissions(defaults, PosixFilePermissions.fromString("rw-r-----"));

        install();

        assertThat(permissions(defaults)).isEqualTo("rw-r-----");
        assertThat(permissions(spark.resolve(".lakegate/backup/conf/spark-defaults.conf")))
                .isEqualTo("rw-r-----");
        assertThat(permissions(spark.resolve("conf/ranger-spark-security.xml"))).isEqualTo("rw-r--r--");
        assertThat(permissions(spark.resolve("jars/" + RUNTIME_NAME))).isEqualTo("rw-r--r--");
        assertThat(permissions(spark.resolve(".lakegate/install.json"))).isEqualTo("rw-r--r--");
        assertThat(Cli.run(dist, "uninstall", "--spark-home", spark.toString()).status())
                .isZero();
        assertThat(permissions(defaults)).isEqualTo("rw-r-----");
    }

    @Test
    void refusesAHomeAnotherInstallerHoldsNamingTheLock() throws Exception {
        Path lock = Files.createDirectories(spark.resolve(".lakegate")).resolve("lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            Map<String, String> before = Layouts.tree(spark);

            Cli cli = Cli.run(dist, "install", "--spark-home", spark.toString());

            assertThat(cli.status()).as(cli.toString()).isEqualTo(1);
            assertThat(cli.err()).contains(lock + " is locked: another lakegate install or uninstall is changing");
            assertThat(Layouts.tree(spark)).isEqualTo(before);
            assertThat(held.isValid()).isTrue();
        }
        install();
        assertThat(spark.resolve("jars/" + RUNTIME_NAME)).exists();
    }

    private void install() {
        Cli install = Cli.run(dist, "install", "--spark-home", spark.toString());
        assertThat(install.status()).as(install.toString()).isZero();
    }

    private static String addCreated(String manifest, String path, String sha256) {
        String entry = "{\"path\": \"" + path + "\", \"sha256\": \"" + sha256 + "\", \"template\": false}, ";
        assertThat(manifest).contains("\"created\" : [ ");
        return manifest.replace("\"created\" : [ ", "\"created\" : [ " + entry);
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
