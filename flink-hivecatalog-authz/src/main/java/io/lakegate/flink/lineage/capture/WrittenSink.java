package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.proxy.Proxies;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
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
        return Proxies.withInterfacesOf(connector, DynamicTableSink.class, new WrittenSink(connector, written));
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
        return Proxies.forward(connector, method, args);
    }
}
