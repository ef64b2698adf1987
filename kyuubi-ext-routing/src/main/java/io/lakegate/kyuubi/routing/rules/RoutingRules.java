package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.guard.BuiltInGuardrails;
import io.lakegate.kyuubi.routing.guard.ClientKeys;
import io.lakegate.kyuubi.routing.guard.Guardrail;
import io.lakegate.kyuubi.routing.launch.LaunchSettings;
import io.lakegate.kyuubi.routing.limits.LimitSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A parsed rules file: the ordered rules (the last matches every session), the static groups, per-group limits,
 * guardrails (the built-in ones first) and the launch settings. Immutable; finding the first matching rule looks
 * only at the rules a session's user, groups or properties can select, through an index built once.
 */
public final class RoutingRules {
    private final String source;
    private final List<Rule> rules;
    private final Map<String, Set<String>> staticGroups;
    private final List<LimitSet> limits;
    private final List<Guardrail> guardrails;
    private final ClientKeys clientKeys;
    private final LaunchSettings launch;

    private final RuleIndex index;
    private final Map<String, String> derivedNames = new HashMap<>();

    public RoutingRules(
            String source,
            List<Rule> rules,
            Map<String, Set<String>> staticGroups,
            List<LimitSet> limits,
            List<Guardrail> guardrails,
            ClientKeys clientKeys,
            LaunchSettings launch) {
        this.source = requireNonNull(source, "source is null");
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
        this.staticGroups = Map.copyOf(requireNonNull(staticGroups, "staticGroups is null"));
        this.limits = List.copyOf(requireNonNull(limits, "limits is null"));
        this.guardrails = Stream.concat(
                        BuiltInGuardrails.ALL.stream(), requireNonNull(guardrails, "guardrails is null").stream())
                .toList();
        this.clientKeys = requireNonNull(clientKeys, "clientKeys is null");
        this.launch = requireNonNull(launch, "launch is null");
        if (this.rules.isEmpty()
                || !this.rules.get(this.rules.size() - 1).match().isCatchAll()) {
            throw new IllegalArgumentException("the last rule must match every session");
        }
        this.index = new RuleIndex(this.rules);
        for (Rule rule : this.rules) {
            derivedNames.put(rule.name(), derivedName(rule, this.launch));
        }
    }

    /** The first rule that matches {@code request}: there always is one, the last rule matching every session. */
    public Rule firstMatch(SessionRequest request) {
        BitSet candidates = index.candidates(request);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Rule rule = rules.get(i);
            if (rule.match().matches(request)) {
                return rule;
            }
        }
        throw new IllegalStateException("no rule matched, although the last matches every session");
    }

    /**
     * The subdomain (or pool) of a rule that names none: {@code lakegate-<rule>-<fingerprint>}, the fingerprint
     * standing for everything the rule's engines are launched with (its engine, settings, defaults and switches, and
     * the launch section), so that an edited rule's sessions get new engines, never ones launched under the old rule.
     */
    public String derivedName(Rule rule) {
        return requireNonNull(derivedNames.get(rule.name()), "not a rule of these rules");
    }

    private static String derivedName(Rule rule, LaunchSettings launch) {
        String canonical = rule.engine() + "|" + new TreeMap<>(rule.conf()) + "|" + new TreeMap<>(rule.defaults()) + "|"
                + rule.launch() + "|" + launch.spark().jars() + "|"
                + launch.spark().rangerConfDir() + "|"
                + launch.spark().policyCacheDir() + "|" + launch.flink().catalog() + "|"
                + new TreeMap<>(launch.flink().catalogOptions()) + "|"
                + new TreeMap<>(launch.flink().lineageConf()) + "|"
                + launch.flink().version()
                + "|" + launch.lineage();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "lakegate-" + rule.name().toLowerCase(Locale.ROOT) + "-"
                    + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Where these rules were read from, for messages. */
    public String source() {
        return source;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Set<String> staticGroups(String user) {
        return staticGroups.getOrDefault(user, Set.of());
    }

    /**
     * The maximum of {@code key} for a user of {@code groups}: from the first limit set that applies to them and names
     * the key, so that a set for a group raises some limits and the sets after it (the one for every user last) still
     * cap the rest.
     */
    public Optional<Limit> limitFor(Set<String> groups, String key) {
        for (LimitSet set : limits) {
            LimitSet.LimitValue max = set.max().get(key);
            if (max != null && set.appliesTo(groups)) {
                return Optional.of(new Limit(max, set.line()));
            }
        }
        return Optional.empty();
    }

    /** A maximum, and the line of the limit set it comes from. */
    public record Limit(LimitSet.LimitValue max, int line) {
        public Limit {
            requireNonNull(max, "max is null");
        }
    }

    /** Built-in guardrails first, then the file's, in order. */
    public List<Guardrail> guardrails() {
        return guardrails;
    }

    public ClientKeys clientKeys() {
        return clientKeys;
    }

    public LaunchSettings launch() {
        return launch;
    }
}
