package io.lakegate.kyuubi.routing.decision;

import static java.util.Objects.requireNonNull;

/** A client setting a guardrail replaced: what was sent, what the engine gets, and which guardrail. */
public record GuardrailHit(String key, String sent, String forced, String source) {
    public GuardrailHit {
        requireNonNull(key, "key is null");
        requireNonNull(sent, "sent is null");
        requireNonNull(forced, "forced is null");
        requireNonNull(source, "source is null");
    }
}
