package io.lakegate.packaging.kyuubi;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Class loaders holding the drop-in jar and exactly what the host's own jars provide next to it, with the platform
 * class loader as parent: nothing of the test classpath (where the unshaded module and its unrelocated dependencies
 * are) can be seen from them.
 */
final class HostClassLoaders {
    static final Path DROP_IN = jar("lakegate.dropin.jar");

    private HostClassLoaders() {}

    /** {@code $KYUUBI_HOME/jars}, as far as the providers are concerned: Kyuubi's SPI, Scala and SLF4J; and its conf dir. */
    static URLClassLoader kyuubi(Path confDir) {
        return loader(
                "kyuubi",
                DROP_IN,
                jar("lakegate.kyuubi.spi.jar"),
                jar("lakegate.scala.library.jar"),
                jar("lakegate.slf4j.api.jar"),
                jar("lakegate.slf4j.simple.jar"),
                requireNonNull(confDir, "confDir is null"));
    }

    /** {@code $SPARK_HOME/jars}, as far as the adapters are concerned: the Thrift server (Hive's service), Hadoop, SLF4J
     * and the commons-logging API (Spark's jcl-over-slf4j). */
    static URLClassLoader sparkThriftServer() {
        return loader(
                "spark",
                DROP_IN,
                jar("lakegate.spark.thriftserver.jar"),
                jar("lakegate.hadoop.client.api.jar"),
                jar("lakegate.hadoop.client.runtime.jar"),
                jar("lakegate.commons.logging.jar"),
                jar("lakegate.slf4j.api.jar"),
                jar("lakegate.slf4j.simple.jar"));
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader, as the host's threads have theirs. */
    static <T> T in(ClassLoader loader, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Calls a public method by reflection, throwing what the method threw. */
    static Object call(Object target, String name, List<Class<?>> parameterTypes, Object... arguments)
            throws Exception {
        Method method = target.getClass().getMethod(name, parameterTypes.toArray(Class<?>[]::new));
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        }
    }

    static Exception rethrown(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : e;
    }

    private static URLClassLoader loader(String name, Path... entries) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException(entry + " does not exist");
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests with Maven");
        }
        return Path.of(value);
    }
}
