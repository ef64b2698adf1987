package io.lakegate.kyuubi.routing.decision;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.limits.Clamp;
import io.lakegate.kyuubi.routing.rules.EngineType;
import io.lakegate.kyuubi.routing.rules.Rule;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a routing decision did, for the advisor (the overlay Kyuubi applies over the client's keys, sorted by
 * key), its log (the clamps and guardrail hits) and {@code explain} (all of it): the matched rule, the engine type,
 * each clamp, each guardrail hit and the keys the launch injection wrote.
 */
public record RoutingDecision(
        String user,
        Rule rule,
        EngineType engine,
        Map<String, String> overlay,
        List<Clamp> clamps,
        List<GuardrailHit> guardrailHits,
        List<String> injected) {
    public RoutingDecision {
        requireNonNull(user, "user is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(engine, "engine is null");
        overlay = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(overlay, "overlay is null")));
        clamps = List.copyOf(requireNonNull(clamps, "clamps is null"));
        guardrailHits = List.copyOf(requireNonNull(guardrailHits, "guardrailHits is null"));
        injected = List.copyOf(requireNonNull(injected, "injected is null"));
    }
}
