package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One routing rule: its name (which also names the engines it launches), where the rules file defines it, when it
 * applies, where it sends the session, the settings it forces ({@code conf}) and those it only proposes
 * ({@code defaults}, which a client may change within its limits).
 */
public record Rule(
        String name,
        int line,
        RuleMatch match,
        EngineAction engine,
        Map<String, String> conf,
        Map<String, String> defaults,
        LaunchSwitches launch) {
    public Rule {
        requireNonNull(name, "name is null");
        requireNonNull(match, "match is null");
        requireNonNull(engine, "engine is null");
        conf = Map.copyOf(requireNonNull(conf, "conf is null"));
        defaults = Map.copyOf(requireNonNull(defaults, "defaults is null"));
        requireNonNull(launch, "launch is null");
    }
}
