package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.table.connector.sink.DynamicTableSink;

/**
 * A connector's sink, with every ability it has, that tells lineage it is written when the planner asks for the
 * runtime provider it will run: after optimization, so that a statement the optimizer refuses (an update stream into
 * an append-only sink) or one only compiled ({@code COMPILE PLAN}) claims no output.
 */
final class WrittenSink implements InvocationHandler {
    private final DynamicTableSink connector;
    private final Runnable written;

    private WrittenSink(DynamicTableSink connector, Runnable written) {
        this.connector = requireNonNull(connector, "connector is null");
        this.written = requireNonNull(written, "written is null");
    }

    static DynamicTableSink wrap(DynamicTableSink connector, Runnable written) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = connector.getClass(); type != null; type = type.getSuperclass()) {
            collect(type, interfaces);
        }
        return (DynamicTableSink) Proxy.newProxyInstance(
                connector.getClass().getClassLoader(),
                interfaces.toArray(Class<?>[]::new),
                new WrittenSink(connector, written));
    }

    private static void collect(Class<?> type, Set<Class<?>> interfaces) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (interfaces.add(implemented)) {
                collect(implemented, interfaces);
            }
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getSinkRuntimeProvider" -> {
                Object provider = forward(method, args);
                written.run();
                return provider;
            }
            case "copy" -> {
                return wrap((DynamicTableSink) forward(method, args), written);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            default -> {
                return forward(method, args);
            }
        }
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connector, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
