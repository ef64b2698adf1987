package io.lakegate.kyuubi.routing.kyuubi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kyuubi.plugin.SessionConfAdvisor;

/**
 * What Kyuubi 1.10.3 does around an advisor, reproduced: it creates each class named in
 * {@code kyuubi.session.conf.advisor} with its no-arg constructor (PluginLoader.loadSessionConfAdvisor), hands
 * {@code getConfOverlay} the session user and the client's normalized keys plus the ones its frontend adds
 * (TFrontendService.getSessionHandle), merges the overlays in order, the later winning, and lays them over the
 * client's keys (KyuubiSessionImpl.optimizedConf: {@code normalizedConf ++ overlays.reduce(_ ++ _)}). The advisor's
 * own view of Kyuubi's conf comes from {@code kyuubi-defaults.conf} on the context class loader, as when
 * {@code KYUUBI_CONF_DIR} is unset.
 */
final class KyuubiHost {
    private KyuubiHost() {}

    /** The advisor as Kyuubi would create it, with {@code kyuubi-defaults.conf} holding {@code defaults}. */
    static SessionConfAdvisor advisor(Path confDir, Map<String, String> defaults) {
        writeDefaults(confDir, defaults);
        return withConfDir(confDir, () -> create(LakegateSessionConfAdvisor.class.getName()));
    }

    static void writeDefaults(Path confDir, Map<String, String> defaults) {
        StringBuilder text = new StringBuilder("# kyuubi-defaults.conf\n");
        defaults.forEach(
                (key, value) -> text.append(key).append(' ').append(value).append('\n'));
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve("kyuubi-defaults.conf"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T withConfDir(Path confDir, java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {confDir.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static SessionConfAdvisor create(String className) {
        try {
            return (SessionConfAdvisor)
                    Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session conf as an advisor receives it: the client's keys, then what Kyuubi's frontend adds. */
    static Map<String, String> session(String user, String clientIp, Map<String, String> client) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("kyuubi.client.ipAddress", clientIp);
        conf.put("kyuubi.server.ipAddress", "10.0.0.1");
        conf.put("kyuubi.client.version", "1.10.3");
        conf.putAll(client);
        conf.put("kyuubi.session.connection.url", "kyuubi.internal:10009");
        conf.put("kyuubi.session.real.user", user);
        return conf;
    }

    /** The session conf after Kyuubi merged every advisor's overlay over it, in order. */
    static Map<String, String> merged(List<SessionConfAdvisor> advisors, String user, Map<String, String> session) {
        Map<String, String> overlays = new HashMap<>();
        for (SessionConfAdvisor advisor : advisors) {
            overlays.putAll(advisor.getConfOverlay(user, session));
        }
        Map<String, String> merged = new LinkedHashMap<>(session);
        merged.putAll(overlays);
        return merged;
    }
}
