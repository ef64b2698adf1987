package io.lakegate.install.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The trees the installer tests work on: a Lakegate distribution of this build's real artifacts, a SPARK_HOME of
 * Spark 3.5.4's real distribution jars, and homes laid out like Kyuubi 1.10.3's, Flink 1.20.1's and Trino 483's
 * binary distributions (their jars as empty files of the real names).
 */
final class Layouts {
    static final String VERSION = property("lakegate.version");
    static final Path SPARK_RUNTIME = Path.of(property("lakegate.spark.runtime.jar"));
    static final Path KYUUBI_JAR = Path.of(property("lakegate.kyuubi.jar"));
    static final Path OPENLINEAGE_SPARK = Path.of(property("lakegate.openlineage.spark.jar"));
    static final Path ROUTING_EXAMPLE = Path.of(property("lakegate.routing.example"));
    static final Path TRINO_PLUGIN_ZIP = Path.of(property("lakegate.trino.plugin.zip"));
    static final Path TRINO_LINEAGE_ZIP = Path.of(property("lakegate.trino.lineage.zip"));
    static final String RUNTIME_NAME = "lakegate-spark-runtime-3.5_2.12-" + VERSION + ".jar";
    static final String KYUUBI_NAME = "lakegate-kyuubi-" + VERSION + ".jar";

    private Layouts() {}

    /** The distribution directory as dist builds it, as far as the installer reads it. */
    static Path distribution(Path dir) throws IOException {
        copy(SPARK_RUNTIME, dir.resolve("spark/" + RUNTIME_NAME));
        copy(OPENLINEAGE_SPARK, dir.resolve("openlineage/" + OPENLINEAGE_SPARK.getFileName()));
        copy(KYUUBI_JAR, dir.resolve("kyuubi/" + KYUUBI_NAME));
        copy(ROUTING_EXAMPLE, dir.resolve("kyuubi/conf/lakegate-routing.yaml"));
        unzip(TRINO_PLUGIN_ZIP, dir.resolve("trino"));
        unzip(TRINO_LINEAGE_ZIP, dir.resolve("trino"));
        return dir;
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(archive.entries())) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException(zip + " has an entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
        }
    }

    /**
     * A Spark 3.5.4 home: its distribution's jars (hard links where the file system allows), {@code bin/},
     * {@code conf/} with Spark's templates and, if given, a {@code spark-defaults.conf}.
     */
    static Path sparkHome(Path home, String defaults) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(property("lakegate.spark.home.jars")))) {
            for (Path jar : files) {
                Path target = jars.resolve(jar.getFileName());
                try {
                    Files.createLink(target, jar);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(jar, target);
                }
            }
        }
        empty(home, "bin/spark-sql", "bin/spark-submit", "sbin/start-thriftserver.sh", "RELEASE");
        Files.writeString(
                Files.createDirectories(home.resolve("conf")).resolve("spark-defaults.conf.template"),
                "# Default system properties included when running spark-submit.\n"
                        + "# spark.master spark://master:7077\n");
        Files.writeString(home.resolve("conf/log4j2.properties.template"), "rootLogger.level = info\n");
        if (defaults != null) {
            Files.writeString(home.resolve("conf/spark-defaults.conf"), defaults);
        }
        return home;
    }

    /** A home holding only the named files, empty (a Spark of another version, ...). */
    static Path emptyFiles(Path home, String... files) throws IOException {
        empty(home, files);
        return home;
    }

    /** Kyuubi 1.10.3's binary distribution, {@code apache-kyuubi-1.10.3-bin}. */
    static Path kyuubiHome(Path home, String version, String defaults) throws IOException {
        empty(
                home,
                "bin/kyuubi",
                "bin/beeline",
                "jars/kyuubi-server_2.12-" + version + ".jar",
                "jars/kyuubi-common_2.12-" + version + ".jar",
                "jars/kyuubi-server-plugin-" + version + ".jar",
                "jars/scala-library-2.12.18.jar",
                "externals/engines/spark/kyuubi-spark-sql-engine_2.12-" + version + ".jar",
                "externals/engines/flink/kyuubi-flink-sql-engine_2.12-" + version + ".jar",
                "externals/engines/trino/kyuubi-trino-engine_2.12-" + version + ".jar",
                "beeline-jars/kyuubi-hive-beeline-" + version + ".jar",
                "conf/log4j2.xml.template",
                "RELEASE",
                "LICENSE");
        Files.writeString(home.resolve("conf/kyuubi-defaults.conf.template"), "# kyuubi.authentication NONE\n");
        Files.writeString(home.resolve("conf/kyuubi-env.sh.template"), "# export JAVA_HOME=/usr/jdk64/jdk17\n");
        if (defaults != null) {
            Files.writeString(home.resolve("conf/kyuubi-defaults.conf"), defaults);
        }
        return home;
    }

    /** Flink 1.20.1's binary distribution, {@code flink-1.20.1}. */
    static Path flinkHome(Path home) throws IOException {
        return emptyFiles(
                home,
                "bin/flink",
                "bin/sql-client.sh",
                "conf/config.yaml",
                "lib/flink-dist-1.20.1.jar",
                "lib/flink-table-api-java-uber-1.20.1.jar",
                "lib/flink-table-runtime-1.20.1.jar",
                "lib/flink-table-planner-loader-1.20.1.jar",
                "opt/flink-sql-gateway-1.20.1.jar",
                "plugins/README.txt");
    }

    /** Trino 483's server distribution, {@code trino-server-483}. */
    static Path trinoHome(Path home) throws IOException {
        return trinoHome(home, "483");
    }

    /**
     * A Trino server distribution of {@code version}, configured as its operator would: catalogs {@code hive} (Hive
     * connector on a Thrift metastore), {@code iceberg} and {@code tpch}.
     */
    static Path trinoHome(Path home, String version) throws IOException {
        emptyFiles(
                home,
                "bin/launcher",
                "bin/launcher.py",
                "lib/trino-main-" + version + ".jar",
                "lib/trino-spi-" + version + ".jar",
                "plugin/hive/trino-hive-" + version + ".jar",
                "NOTICE");
        Path catalog = Files.createDirectories(home.resolve("etc/catalog"));
        Files.writeString(home.resolve("etc/config.properties"), "coordinator=true\nhttp-server.http.port=8080\n");
        Files.writeString(
                catalog.resolve("hive.properties"),
                "connector.name=hive\nhive.metastore.uri=thrift://metastore.example.com:9083\n");
        Files.writeString(
                catalog.resolve("iceberg.properties"),
                "connector.name=iceberg\niceberg.catalog.type=hive_metastore\n"
                        + "hive.metastore.uri=thrift://metastore.example.com:9083\n");
        Files.writeString(catalog.resolve("tpch.properties"), "connector.name=tpch\n");
        return home;
    }

    /** Every file and directory under {@code root} with its content's digest: equal maps, equal trees. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String name = root.relativize(path).toString();
                tree.put(name, Files.isDirectory(path) ? "dir" : sha256(path));
            }
        }
        return tree;
    }

    static String sha256(Path file) {
        try {
            return io.lakegate.install.plan.Sha256.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void empty(Path home, String... files) throws IOException {
        for (String file : List.of(files)) {
            Path path = home.resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[0]);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        requireNonNull(value, name + " is set by the surefire configuration");
        if (value.startsWith("${")) {
            throw new IllegalStateException(name + " is [" + value + "]: run the tests with Maven");
        }
        return value;
    }
}
