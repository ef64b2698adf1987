package io.lakegate.flink.proxy;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Wrappers around a connector's objects that keep every ability the planner looks for: Flink asks a source or sink
 * what it can do by {@code instanceof} on interfaces ({@code SupportsProjectionPushDown}, {@code SupportsOverwrite},
 * ...), so a wrapper must implement each interface the wrapped class does, and nothing more.
 */
public final class Proxies {
    private Proxies() {}

    /** A proxy of {@code type} implementing every interface of {@code target}'s class, handled by {@code handler}. */
    public static <T> T withInterfacesOf(Object target, Class<T> type, InvocationHandler handler) {
        requireNonNull(target, "target is null");
        requireNonNull(type, "type is null");
        requireNonNull(handler, "handler is null");
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> declared = target.getClass(); declared != null; declared = declared.getSuperclass()) {
            collect(declared, interfaces);
        }
        return type.cast(Proxy.newProxyInstance(
                target.getClass().getClassLoader(), interfaces.toArray(Class<?>[]::new), handler));
    }

    /** Calls {@code method} on {@code target}, throwing what the method threw (not its reflective wrapper). */
    public static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void collect(Class<?> type, Set<Class<?>> interfaces) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (interfaces.add(implemented)) {
                collect(implemented, interfaces);
            }
        }
    }
}
