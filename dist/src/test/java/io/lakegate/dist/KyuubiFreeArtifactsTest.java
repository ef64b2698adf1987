package io.lakegate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.kyuubi.plugin.SessionConfAdvisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kyuubi's server jars provide the SPI at runtime; a Lakegate artifact carrying its own copy would shadow or
 * clash with Kyuubi's. Scans every jar the build produced (in the modules' and their submodules' {@code target/}) and
 * everything in the distribution.
 */
class KyuubiFreeArtifactsTest {
    private static final Path ROOT = Path.of(System.getProperty("lakegate.root"));
    private static final Path DIST = Path.of(System.getProperty("lakegate.dist.dir"));
    private static final String SPI_MODULE = "kyuubi-spi-compile-only";

    @Test
    void noBuiltArtifactContainsKyuubiClasses() {
        List<Path> artifacts = builtArtifacts();

        assertThat(artifacts)
                .as("the shipped artifacts were found")
                .anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("lakegate-ranger-core-"))
                .anySatisfy(
                        jar -> assertThat(jar.getFileName().toString()).startsWith("lakegate-ranger-policy-server-"))
                .anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("lakegate-spark-authz-plugin-"))
                .anySatisfy(
                        jar -> assertThat(jar.getFileName().toString()).startsWith("lakegate-spark-runtime-3.5_2.12-"))
                .anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("lakegate-kyuubi-ext-authn-"))
                .anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("lakegate-kyuubi-"))
                .anySatisfy(jar -> assertThat(DIST.relativize(jar).toString()).startsWith("kyuubi/lakegate-kyuubi-"));
        Map<Path, List<String>> offenders = new TreeMap<>();
        for (Path jar : artifacts) {
            List<String> classes = kyuubiClassesIn(jar);
            if (!classes.isEmpty()) {
                offenders.put(jar, classes);
            }
        }
        assertThat(offenders).as("artifacts carrying org.apache.kyuubi classes").isEmpty();
    }

    @Test
    void theCheckFindsKyuubiClassesWhereTheyAre(@TempDir Path temporary) throws IOException {
        Path spiJar = Path.of(SessionConfAdvisor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        Path shaded = temporary.resolve("shaded.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(shaded))) {
            out.putNextEntry(new JarEntry("io/lakegate/Plugin.class"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("org/apache/kyuubi/plugin/GroupProvider.class"));
            out.closeEntry();
        }

        assertThat(spiJar.toString()).endsWith(".jar");
        assertThat(kyuubiClassesIn(spiJar)).contains("org/apache/kyuubi/plugin/SessionConfAdvisor.class");
        assertThat(kyuubiClassesIn(shaded)).containsExactly("org/apache/kyuubi/plugin/GroupProvider.class");
    }

    private static List<Path> builtArtifacts() {
        // Modules and the modules of aggregators (packaging/*), each with a pom.xml.
        try (Stream<Path> modules = Files.walk(ROOT, 2);
                Stream<Path> distribution = Files.walk(DIST)) {
            Stream<Path> moduleJars = modules.filter(module -> !module.equals(ROOT))
                    .filter(module -> Files.isRegularFile(module.resolve("pom.xml")))
                    .filter(module -> !module.getFileName().toString().equals(SPI_MODULE))
                    .map(module -> module.resolve("target"))
                    .filter(Files::isDirectory)
                    .flatMap(KyuubiFreeArtifactsTest::jarsIn);
            return Stream.concat(moduleJars, distribution.filter(KyuubiFreeArtifactsTest::isJar))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> jarsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(KyuubiFreeArtifactsTest::isJar).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }

    private static List<String> kyuubiClassesIn(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith("org/apache/kyuubi/"))
                    .filter(name -> name.endsWith(".class"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }
}
