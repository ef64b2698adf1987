package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a rule sends a session: engine type, share level, subdomain or pool, idle timeout, YARN queue and
 * Kubernetes namespace. What a rule leaves out stays as the client or the server says.
 */
public record EngineAction(
        Optional<EngineType> type,
        Optional<String> shareLevel,
        Optional<String> subdomain,
        Optional<String> pool,
        OptionalInt poolSize,
        Optional<Duration> idleTimeout,
        Optional<String> queue,
        Optional<String> namespace) {
    public static final EngineAction NONE = new EngineAction(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public EngineAction {
        requireNonNull(type, "type is null");
        requireNonNull(shareLevel, "shareLevel is null");
        requireNonNull(subdomain, "subdomain is null");
        requireNonNull(pool, "pool is null");
        requireNonNull(poolSize, "poolSize is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(queue, "queue is null");
        requireNonNull(namespace, "namespace is null");
    }
}
