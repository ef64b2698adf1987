package io.lakegate.sandbox.trino;

import static java.util.Objects.requireNonNull;

import com.google.inject.Key;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trino.plugin.hive.HivePlugin;
import io.trino.server.PluginClassLoader;
import io.trino.server.PluginManager;
import io.trino.server.security.PasswordAuthenticatorManager;
import io.trino.server.testing.TestingTrinoServer;
import io.trino.spi.Plugin;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemAccessControlFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The sandbox's Trino 483 coordinator, from an {@code etc} directory laid out as a Trino server's: {@code
 * config.properties} (the server's properties), {@code access-control.properties} (the access control by its
 * {@code access-control.name}), {@code catalog/<name>.properties} (each catalog by its {@code connector.name}) and
 * {@code password-authenticator.properties} (LDAP logins), optionally {@code event-listener.properties} (the event
 * listener by its {@code event-listener.name}); and a plugin directory, as {@code $TRINO_HOME/plugin},
 * each plugin loaded in its own class loader by Trino's {@code PluginManager} (Lakegate's {@code lakegate-ranger}
 * and {@code lakegate-openlineage}, as shipped). Trino publishes no server distribution after 476: this is Trino's own server ({@code
 * TestingTrinoServer} of {@code trino-main}, a real coordinator on real ports) with its Hive connector.
 */
public final class SandboxCoordinator {
    private static final PluginContext CONTEXT = new PluginContext();

    private SandboxCoordinator() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Trino's HTTP server may have started its threads: without this the JVM would stay up, serving nothing.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: SandboxCoordinator <etc directory> <plugin directory>");
            System.exit(2);
        }
        Path etc = Path.of(args[0]);
        List<Plugin> plugins = plugins(Path.of(args[1]));
        Map<String, String> config = properties(etc.resolve("config.properties"));
        Map<String, String> accessControl = properties(etc.resolve("access-control.properties"));
        String controlName = requireNonNull(
                accessControl.remove("access-control.name"),
                () -> etc.resolve("access-control.properties") + " has no access-control.name");
        SystemAccessControl control = accessControl(plugins, controlName, accessControl);
        Map<String, String> ldap = properties(etc.resolve("password-authenticator.properties"));
        LdapPasswordAuthenticator authenticator =
                new LdapPasswordAuthenticator(required(ldap, "ldap.url"), required(ldap, "ldap.user-bind-pattern"));
        Map<String, Map<String, String>> catalogs = catalogs(etc.resolve("catalog"));
        List<EventListener> listeners = new ArrayList<>();
        Path listenerFile = etc.resolve("event-listener.properties");
        if (Files.exists(listenerFile)) {
            Map<String, String> listener = properties(listenerFile);
            String listenerName = requireNonNull(
                    listener.remove("event-listener.name"), () -> listenerFile + " has no event-listener.name");
            listeners.add(eventListener(plugins, listenerName, listener));
        }

        // Plugins, catalogs and logins before Trino reports its startup complete: no query meets a half-made server.
        TestingTrinoServer server = TestingTrinoServer.builder()
                .setProperties(config)
                .setSystemAccessControl(control)
                .setEventListeners(listeners)
                .setAdditionalConfiguration(starting -> {
                    starting.installPlugin(new HivePlugin());
                    catalogs.forEach((name, properties) -> {
                        Map<String, String> rest = new LinkedHashMap<>(properties);
                        String connector = rest.remove("connector.name");
                        starting.createCatalog(name, connector, rest);
                    });
                    starting.getInstance(Key.get(PasswordAuthenticatorManager.class))
                            .setAuthenticators(authenticator);
                })
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                System.err.println("Trino did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("Trino " + server.getBaseUrl() + " is up with catalogs " + catalogs.keySet());
        stopped.await();
    }

    /** Each directory of {@code dir} as a plugin of its own, in its own class loader, as Trino's server loads them. */
    private static List<Plugin> plugins(Path dir) throws IOException {
        List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isDirectory)) {
            stream.forEach(directories::add);
        }
        directories.sort(null);
        List<Plugin> plugins = new ArrayList<>();
        for (Path plugin : directories) {
            List<URL> jars = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(plugin, "*.jar")) {
                for (Path jar : stream) {
                    jars.add(jar.toUri().toURL());
                }
            }
            jars.sort(Comparator.comparing(URL::toString));
            PluginClassLoader loader =
                    PluginManager.createClassLoader(plugin.getFileName().toString(), jars);
            ServiceLoader.load(Plugin.class, loader).forEach(plugins::add);
        }
        return plugins;
    }

    /** The access control named {@code name} by one of the plugins, made by its factory, in its loader, from the file. */
    private static SystemAccessControl accessControl(
            List<Plugin> plugins, String name, Map<String, String> properties) {
        for (Plugin plugin : plugins) {
            for (SystemAccessControlFactory factory : plugin.getSystemAccessControlFactories()) {
                if (factory.getName().equals(name)) {
                    return inLoaderOf(factory, () -> factory.create(properties, CONTEXT));
                }
            }
        }
        throw new IllegalArgumentException("No plugin of the plugin directory has an access control named " + name);
    }

    /** The event listener named {@code name} by one of the plugins, made by its factory, in its loader, from the file. */
    private static EventListener eventListener(List<Plugin> plugins, String name, Map<String, String> properties) {
        for (Plugin plugin : plugins) {
            for (EventListenerFactory factory : plugin.getEventListenerFactories()) {
                if (factory.getName().equals(name)) {
                    return inLoaderOf(factory, () -> factory.create(properties, CONTEXT));
                }
            }
        }
        throw new IllegalArgumentException("No plugin of the plugin directory has an event listener named " + name);
    }

    // As Trino's managers do: a factory runs with its plugin's class loader as the thread's context class loader.
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

    /** What Trino hands a plugin's factories: its version and (here) no tracing. */
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
            return OpenTelemetry.noop().getTracer("sandbox");
        }
    }

    private static Map<String, Map<String, String>> catalogs(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.properties")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        Map<String, Map<String, String>> catalogs = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
            catalogs.put(name, properties(file));
        }
        return catalogs;
    }

    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    private static String required(Map<String, String> properties, String key) {
        return requireNonNull(properties.get(key), () -> "password-authenticator.properties has no " + key);
    }
}
