package io.lakegate.packaging.trino;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.lineage.testing.LineageReceiver;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trino.Session;
import io.trino.plugin.memory.MemoryPlugin;
import io.trino.server.PluginClassLoader;
import io.trino.server.PluginManager;
import io.trino.spi.Plugin;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import io.trino.testing.StandaloneQueryRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip an operator unpacks into {@code $TRINO_HOME/plugin/}: each directory, loaded the way Trino loads a plugin
 * directory (its own class loader, Trino's SPI packages from Trino), on a class path of Trino's jars, makes what its
 * properties file names: {@code lakegate-ranger} the access control of {@code etc/access-control.properties}, which
 * enforces its policies; {@code lakegate-openlineage} the event listener of {@code etc/event-listener.properties},
 * which sends a query's lineage.
 */
class TrinoPluginDirectoryIT {
    private static final Path ZIP = Path.of(System.getProperty("lakegate.trino.zip"));

    @TempDir
    Path dir;

    @Test
    void theRangerPluginDirectoryLoadsInItsOwnClassLoaderAndEnforces() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugin"));
        unzip(ZIP, plugins);
        Path pluginDir = plugins.resolve("lakegate-ranger");
        PluginClassLoader loader = PluginManager.createClassLoader("lakegate-ranger", jars(pluginDir));
        List<Plugin> found = new ArrayList<>();
        ServiceLoader.load(Plugin.class, loader).forEach(found::add);
        assertThat(found).as("plugins in the directory").hasSize(1);
        // Ranger and the bridge come from the directory, not from anything beside Trino.
        assertThat(found.get(0).getClass().getClassLoader()).isSameAs(loader);
        assertThat(loader.loadClass("org.apache.ranger.plugin.service.RangerBasePlugin")
                        .getClassLoader())
                .isSameAs(loader);
        assertThat(loader.loadClass(SystemAccessControl.class.getName())).isSameAs(SystemAccessControl.class);

        Path policies = Files.createDirectories(dir.resolve("policies"));
        writeAtomically(
                policies.resolve("plugin_test_hive.json"),
                export("plugin_test_hive", access(1, "*", "*", "*", "all", List.of("admin"), List.of())));
        try (PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policies))) {
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Path security = RangerPluginFiles.securityXml(
                    etc,
                    "hive",
                    RangerPluginFiles.standardKeys(
                            "hive", "plugin_test_hive", server.baseUrl(), 60_000, dir.resolve("cache")));
            SystemAccessControl control = create(
                    found.get(0),
                    Map.of("ranger.hive.catalogs", "lake", "ranger.hive.config-files", security.toString()));
            assertThat(control.getClass().getClassLoader()).isSameAs(loader);
            try (StandaloneQueryRunner trino =
                    new StandaloneQueryRunner(session("admin"), builder -> builder.setSystemAccessControl(control))) {
                trino.installPlugin(new MemoryPlugin());
                trino.createCatalog("lake", "memory", Map.of());
                trino.execute(session("admin"), "CREATE SCHEMA lake.sales");
                trino.execute(session("admin"), "CREATE TABLE lake.sales.orders AS SELECT 1 AS id");

                assertThat(trino.execute(session("admin"), "SELECT id FROM lake.sales.orders")
                                .getOnlyValue())
                        .isEqualTo(1);
                assertThatThrownBy(() -> trino.execute(session("mallory"), "SELECT id FROM lake.sales.orders"))
                        .hasMessage("Access Denied: Cannot select from columns [id] in table or view"
                                + " lake.sales.orders: Permission denied: user [mallory] does not have [select]"
                                + " privilege on [sales/orders/id]");
            } finally {
                control.shutdown();
            }
        }
    }

    @Test
    void theLineagePluginDirectoryLoadsInItsOwnClassLoaderAndSendsLineage() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugin"));
        unzip(ZIP, plugins);
        PluginClassLoader loader =
                PluginManager.createClassLoader("lakegate-openlineage", jars(plugins.resolve("lakegate-openlineage")));
        List<Plugin> found = new ArrayList<>();
        ServiceLoader.load(Plugin.class, loader).forEach(found::add);
        assertThat(found).as("plugins in the directory").hasSize(1);
        assertThat(loader.loadClass("io.openlineage.client.OpenLineage").getClassLoader())
                .isSameAs(loader);
        assertThat(loader.loadClass(EventListener.class.getName())).isSameAs(EventListener.class);

        try (LineageReceiver receiver = LineageReceiver.start()) {
            EventListener listener = createListener(
                    found.get(0),
                    Map.of(
                            "openlineage.transport.type", "http",
                            "openlineage.transport.url", receiver.url().toString(),
                            "openlineage.trino.uri", "http://trino.example:8080"));
            assertThat(listener.getClass().getClassLoader()).isSameAs(loader);
            try (StandaloneQueryRunner trino = new StandaloneQueryRunner(
                    session("admin"), builder -> builder.setEventListeners(List.of(listener)))) {
                trino.installPlugin(new MemoryPlugin());
                trino.createCatalog("lake", "memory", Map.of());
                trino.execute(session("admin"), "CREATE SCHEMA lake.sales");
                String sql = "CREATE TABLE lake.sales.totals AS SELECT 'EU' AS region, 42 AS total";
                trino.execute(session("admin"), sql);
                var complete = receiver.await(
                        event -> event.path("eventType").asText().equals("COMPLETE")
                                && event.path("job")
                                        .path("facets")
                                        .path("sql")
                                        .path("query")
                                        .asText()
                                        .equals(sql),
                        Duration.ofSeconds(60));
                assertThat(complete.path("outputs").path(0).path("namespace").asText())
                        .isEqualTo("trino://trino.example:8080");
                assertThat(complete.path("outputs").path(0).path("name").asText())
                        .isEqualTo("lake.sales.totals");
            } finally {
                listener.shutdown();
            }
        }
    }

    // As Trino's EventListenerManager does: the factory named in event-listener.properties, in the plugin's loader.
    private static EventListener createListener(Plugin plugin, Map<String, String> properties) {
        for (EventListenerFactory factory : plugin.getEventListenerFactories()) {
            if (factory.getName().equals("lakegate-openlineage")) {
                return inLoaderOf(factory, () -> factory.create(properties, new PluginContext()));
            }
        }
        throw new AssertionError("no event listener named lakegate-openlineage");
    }

    // As Trino's AccessControlManager does: the factory named in access-control.properties, in the plugin's loader.
    private static SystemAccessControl create(Plugin plugin, Map<String, String> properties) {
        for (SystemAccessControlFactory factory : plugin.getSystemAccessControlFactories()) {
            if (factory.getName().equals("lakegate-ranger")) {
                return inLoaderOf(factory, () -> factory.create(properties, new PluginContext()));
            }
        }
        throw new AssertionError("no access control named lakegate-ranger");
    }

    private static <T> T inLoaderOf(Object factory, Supplier<T> create) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(factory.getClass().getClassLoader());
        try {
            return create.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final class PluginContext
            implements SystemAccessControlFactory.SystemAccessControlContext,
                    EventListenerFactory.EventListenerContext {
        @Override
        public String getVersion() {
            return "483";
        }

        @Override
        public OpenTelemetry getOpenTelemetry() {
            return OpenTelemetry.noop();
        }

        @Override
        public Tracer getTracer() {
            return OpenTelemetry.noop().getTracer("test");
        }
    }

    private static Session session(String user) {
        Identity identity = Identity.ofUser(user);
        return testSessionBuilder()
                .setOriginalIdentity(identity)
                .setIdentity(identity)
                .build();
    }

    private static List<URL> jars(Path pluginDir) throws IOException {
        try (Stream<Path> files = Files.list(pluginDir)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                urls.add(url(jar));
            }
            return urls;
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out);
                }
            }
        }
        assertThat(Set.of(Files.list(target)
                        .map(path -> path.getFileName().toString())
                        .toArray()))
                .containsExactlyInAnyOrder("lakegate-ranger", "lakegate-openlineage");
    }
}
