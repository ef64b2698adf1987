package io.lakegate.install.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakegate install --trino-home} on a Trino 483 server's layout with its operator's catalogs, and uninstall. */
class TrinoInstallTest {
    @TempDir
    Path work;

    private Path dist;
    private Path trino;

    @BeforeEach
    void layOut() throws Exception {
        dist = Layouts.distribution(work.resolve("lakegate"));
        trino = Layouts.trinoHome(work.resolve("trino-server-483"));
    }

    @Test
    void installsThePluginDirectoryAndSwitchesItOnForTheMetastoreCatalogs() throws Exception {
        Cli cli = Cli.run(
                dist,
                "install",
                "--trino-home",
                trino.toString(),
                "--ranger-url",
                "http://ranger.example.com:6080",
                "--ranger-service",
                "hive_prod");

        assertThat(cli.status()).as(cli.toString()).isZero();
        List<Path> shipped = jars(dist.resolve("trino/lakegate-ranger"));
        assertThat(shipped).isNotEmpty();
        for (Path jar : shipped) {
            assertThat(trino.resolve("plugin/lakegate-ranger/" + jar.getFileName()))
                    .hasSameBinaryContentAs(jar);
        }
        assertThat(jars(trino.resolve("plugin/lakegate-ranger"))).hasSameSizeAs(shipped);
        Properties control = load(trino.resolve("etc/access-control.properties"));
        assertThat(control.getProperty("access-control.name")).isEqualTo("lakegate-ranger");
        // Hive and Iceberg read the metastore; tpch does not, and stays denied.
        assertThat(control.getProperty("ranger.hive.catalogs")).isEqualTo("hive,iceberg");
        assertThat(control.getProperty("ranger.hive.config-files"))
                .isEqualTo(trino.resolve("etc/ranger/ranger-hive-security.xml") + ","
                        + trino.resolve("etc/ranger/ranger-hive-audit.xml"));
        assertThat(Files.readString(trino.resolve("etc/ranger/ranger-hive-security.xml")))
                .contains("<name>ranger.plugin.hive.service.name</name>\n    <value>hive_prod</value>")
                .contains("<name>ranger.plugin.hive.policy.rest.url</name>\n"
                        + "    <value>http://ranger.example.com:6080</value>")
                .contains("<value>" + trino.resolve("var/ranger-cache") + "</value>");
        assertThat(Files.readString(trino.resolve("etc/ranger/ranger-hive-audit.xml")))
                .contains("<value>" + trino.resolve("var/log/ranger-audit") + "</value>");
        // What the access control requires of a Hive-connector catalog; Iceberg's has no such setting.
        assertThat(load(trino.resolve("etc/catalog/hive.properties"))
                        .getProperty("hive.non-managed-table-creates-enabled"))
                .isEqualTo("false");
        assertThat(trino.resolve("etc/catalog/iceberg.properties"))
                .hasContent("connector.name=iceberg\niceberg.catalog.type=hive_metastore\n"
                        + "hive.metastore.uri=thrift://metastore.example.com:9083\n");
        // Lineage only with a receiver to send it to.
        assertThat(trino.resolve("plugin/lakegate-openlineage")).doesNotExist();
        assertThat(trino.resolve("etc/event-listener.properties")).doesNotExist();
        assertThat(cli.out())
                .contains("created plugin/lakegate-ranger/", "modified etc/catalog/hive.properties", "Done.")
                .contains("governs catalogs hive,iceberg by the Ranger Hive service hive_prod");
    }

    @Test
    void aSecondInstallChangesNothingAndUninstallRestoresTheTreeByteForByte() throws Exception {
        Map<String, String> original = Layouts.tree(trino);
        assertThat(Cli.run(dist, "install", "--trino-home", trino.toString()).status())
                .isZero();
        Map<String, String> installed = Layouts.tree(trino);

        Cli again = Cli.run(dist, "install", "--trino-home", trino.toString());

        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(Layouts.tree(trino)).isEqualTo(installed);
        Cli uninstall = Cli.run(dist, "uninstall", "--trino-home", trino.toString());
        assertThat(uninstall.status()).as(uninstall.toString()).isZero();
        assertThat(Layouts.tree(trino)).isEqualTo(original);
    }

    @Test
    void withALineageUrlInstallsTheListenerNamingTheMetastoreCatalogsAsSparkDoes() throws Exception {
        Map<String, String> original = Layouts.tree(trino);
        Cli cli = Cli.run(
                dist, "install", "--trino-home", trino.toString(), "--lineage-url", "http://hub.example.com:5000");

        assertThat(cli.status()).as(cli.toString()).isZero();
        List<Path> shipped = jars(dist.resolve("trino/lakegate-openlineage"));
        assertThat(shipped).isNotEmpty();
        for (Path jar : shipped) {
            assertThat(trino.resolve("plugin/lakegate-openlineage/" + jar.getFileName()))
                    .hasSameBinaryContentAs(jar);
        }
        Properties listener = load(trino.resolve("etc/event-listener.properties"));
        assertThat(listener.getProperty("event-listener.name")).isEqualTo("lakegate-openlineage");
        assertThat(listener.getProperty("openlineage.transport.type")).isEqualTo("http");
        assertThat(listener.getProperty("openlineage.transport.url")).isEqualTo("http://hub.example.com:5000");
        assertThat(listener.getProperty("openlineage.trino.uri")).isEqualTo("http://localhost:8080");
        assertThat(listener.getProperty("openlineage.dataset.catalog-namespaces"))
                .isEqualTo("hive=thrift://metastore.example.com:9083,iceberg=thrift://metastore.example.com:9083");
        assertThat(cli.out())
                .contains("created plugin/lakegate-openlineage/", "created etc/event-listener.properties")
                .contains("set openlineage.trino.uri in etc/event-listener.properties");

        Cli uninstall = Cli.run(dist, "uninstall", "--trino-home", trino.toString());
        assertThat(uninstall.status()).as(uninstall.toString()).isZero();
        assertThat(Layouts.tree(trino)).isEqualTo(original);
    }

    @Test
    void refusesAnotherEventListenerOrListenerFilesThatLeaveOursOut() throws Exception {
        Files.writeString(trino.resolve("etc/event-listener.properties"), "event-listener.name=openlineage\n");
        Map<String, String> before = Layouts.tree(work);

        Cli cli = Cli.run(dist, "install", "--trino-home", trino.toString(), "--lineage-url", "http://hub:5000");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains(trino.resolve("etc/event-listener.properties")
                        + " switches on event-listener.name=openlineage: Trino loads one listener from a file")
                .endsWith("Nothing was changed.\n");
        assertThat(Layouts.tree(work)).isEqualTo(before);

        Files.delete(trino.resolve("etc/event-listener.properties"));
        Files.writeString(
                trino.resolve("etc/config.properties"),
                "coordinator=true\nevent-listener.config-files=etc/http-event-listener.properties\n");
        Cli listed = Cli.run(dist, "install", "--trino-home", trino.toString(), "--lineage-url", "http://hub:5000");
        assertThat(listed.status()).isEqualTo(1);
        assertThat(listed.err())
                .contains("sets event-listener.config-files=etc/http-event-listener.properties: Trino loads those"
                        + " files, not etc/event-listener.properties");
    }

    @Test
    void refusesAHiveCatalogThatLetsATableTakeAnothersLocation() throws Exception {
        Files.writeString(
                trino.resolve("etc/catalog/hive.properties"),
                "connector.name=hive\nhive.non-managed-table-creates-enabled=true\n");
        Map<String, String> before = Layouts.tree(work);

        Cli cli = Cli.run(dist, "install", "--trino-home", trino.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains(trino.resolve("etc/catalog/hive.properties")
                        + " sets hive.non-managed-table-creates-enabled=true: Lakegate's access control needs it false")
                .endsWith("Nothing was changed.\n");
        assertThat(Layouts.tree(work)).isEqualTo(before);
    }

    @Test
    void refusesAnotherAccessControlAnotherVersionAndAHomeWithoutAMetastoreCatalog() throws Exception {
        Files.writeString(trino.resolve("etc/access-control.properties"), "access-control.name=file\n");
        Path older = Layouts.trinoHome(work.resolve("trino-server-480"), "480");
        Path bare = Layouts.trinoHome(work.resolve("trino-bare"));
        for (String catalog : List.of("hive", "iceberg")) {
            Files.delete(bare.resolve("etc/catalog/" + catalog + ".properties"));
        }
        Map<String, String> before = Layouts.tree(work);

        Cli other = Cli.run(dist, "install", "--trino-home", trino.toString());
        Cli version = Cli.run(dist, "install", "--trino-home", older.toString());
        Cli none = Cli.run(dist, "install", "--trino-home", bare.toString());

        assertThat(other.status()).isEqualTo(1);
        assertThat(other.err())
                .contains(trino.resolve("etc/access-control.properties") + " switches on access-control.name=file");
        assertThat(version.err())
                .contains("Trino 480 at " + older + " is not supported: Lakegate " + Layouts.VERSION
                        + " supports Trino 483");
        assertThat(none.err()).contains(bare.resolve("etc/catalog") + " has no catalog over a Hive metastore");
        assertThat(Layouts.tree(work)).isEqualTo(before);
    }

    @Test
    void refusesAServerThatReadsItsAccessControlFromOtherFiles() throws Exception {
        Files.writeString(
                trino.resolve("etc/config.properties"),
                "coordinator=true\naccess-control.config-files=etc/rules.properties\n");
        Map<String, String> before = Layouts.tree(work);

        Cli cli = Cli.run(dist, "install", "--trino-home", trino.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err())
                .contains(trino.resolve("etc/config.properties")
                        + " sets access-control.config-files=etc/rules.properties: Trino loads those files, not"
                        + " etc/access-control.properties");
        assertThat(Layouts.tree(work)).isEqualTo(before);
        // Listed there, it is the file Trino reads: installed.
        Files.writeString(
                trino.resolve("etc/config.properties"),
                "coordinator=true\naccess-control.config-files=etc/rules.properties,etc/access-control.properties\n");
        assertThat(Cli.run(dist, "install", "--trino-home", trino.toString()).status())
                .isZero();
    }

    @Test
    void uninstallRefusesAManifestNamingADirectoryLakegateDidNotCreate() throws Exception {
        assertThat(Cli.run(dist, "install", "--trino-home", trino.toString()).status())
                .isZero();
        Path outside = Files.createDirectories(work.resolve("precious"));
        Path manifest = trino.resolve(".lakegate/install.json");
        String text = Files.readString(manifest);
        assertThat(text).contains("\"directories\" : [");
        Files.writeString(manifest, text.replace("\"directories\" : [", "\"directories\" : [ \"" + outside + "\","));
        Map<String, String> before = Layouts.tree(work);

        Cli cli = Cli.run(dist, "uninstall", "--trino-home", trino.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("names directory " + outside + ", which holds no file Lakegate wrote");
        assertThat(Layouts.tree(work)).isEqualTo(before);
    }

    private static List<Path> jars(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
