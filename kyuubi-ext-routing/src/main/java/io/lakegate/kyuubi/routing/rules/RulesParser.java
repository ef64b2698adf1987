package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.guard.ClientKeys;
import io.lakegate.kyuubi.routing.guard.Guardrail;
import io.lakegate.kyuubi.routing.launch.LaunchSettings;
import io.lakegate.kyuubi.routing.limits.LimitSet;
import io.lakegate.kyuubi.routing.limits.Quantity;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rules file (YAML) strictly: an unknown key, a value of the wrong form, an unreachable rule or a missing
 * catch-all rule is an error naming the line, so that a typo never silently routes or unguards a session. Only
 * YAML's node tree is built (no objects, no aliases, no tags), from at most 4 MiB.
 */
public final class RulesParser {
    private static final int MAX_CHARS = 4 << 20;
    private static final int MAX_POOL_SIZE = 1024;
    private static final Pattern LINEAGE_NAME = Pattern.compile("[A-Za-z0-9_.:/@-]{1,256}");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // No '.': a client's own subdomain is appended after one, so it can never name another rule's engines.
    private static final Pattern SUBPATH = Pattern.compile("[a-z0-9_-]{1,128}");
    private static final Set<String> SHARE_LEVELS = Set.of("CONNECTION", "USER", "GROUP", "SERVER_LOCAL", "SERVER");
    private static final List<String> ENGINE_PREFIXES = List.of("spark.", "hadoop.", "flink.", "trino.", "kyuubi.");
    private static final List<String> LIMITED_PREFIXES = List.of("spark.", "flink.", "trino.");
    private static final List<String> GUARDED_PREFIXES =
            List.of("spark.", "flink.", "trino.", "kyuubi.", "lakegate.", "hive.", "use:");
    private static final List<String> ROUTING_KEYS = List.of(
            "kyuubi.engine.type", "kyuubi.engine.share.level", "kyuubi.engine.pool.", "kyuubi.engine.share.level.");

    private RulesParser() {}

    /** Throws {@link RulesException} naming the line of the first problem. */
    public static RoutingRules parse(String text, String source) {
        requireNonNull(text, "text is null");
        requireNonNull(source, "source is null");
        if (text.length() > MAX_CHARS) {
            throw new RulesException(1, "the file is larger than 4 MiB");
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(0);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(MAX_CHARS);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new RulesException(line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RulesException(1, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new RulesException(
                    1, "the file is empty: it needs at least a rules: list ending in a catch-all rule");
        }
        refuseAnchors(root);
        Map<String, Node> top =
                mapping(root, "the file", Set.of("rules", "groups", "limits", "guardrails", "clientKeys", "launch"));
        Node rulesNode = top.get("rules");
        if (rulesNode == null) {
            throw new RulesException(line(root), "no rules: list (every file needs one, ending in a catch-all rule)");
        }
        List<Rule> rules = rules(rulesNode);
        Map<String, Set<String>> groups = top.containsKey("groups") ? groups(top.get("groups")) : Map.of();
        List<LimitSet> limits = top.containsKey("limits") ? limits(top.get("limits")) : List.of();
        List<Guardrail> guardrails = top.containsKey("guardrails") ? guardrails(top.get("guardrails")) : List.of();
        LaunchSettings launch = top.containsKey("launch") ? launch(top.get("launch")) : LaunchSettings.NONE;
        List<NamePattern> allowed = List.of();
        if (top.containsKey("clientKeys")) {
            Map<String, Node> fields = mapping(top.get("clientKeys"), "clientKeys:", Set.of("allow"));
            allowed = patterns(fields.get("allow"), "allow");
        }
        return new RoutingRules(source, rules, groups, limits, guardrails, new ClientKeys(allowed), launch);
    }

    private static List<Rule> rules(Node node) {
        List<Node> items = sequence(node, "rules");
        if (items.isEmpty()) {
            throw new RulesException(
                    line(node), "rules: is empty: end it with a rule without match:, for every session");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Rule> targets = new HashMap<>();
        for (Node item : items) {
            Rule rule = rule(item);
            Integer earlier = names.put(rule.name().toLowerCase(Locale.ROOT), rule.line());
            if (earlier != null) {
                throw new RulesException(
                        rule.line(),
                        "rule name [" + rule.name() + "] is used by the rule on line " + earlier
                                + " too (names are compared ignoring case, as they name engines' subdomains)");
            }
            for (String target : targets(rule)) {
                Rule other = targets.putIfAbsent(target, rule);
                if (other != null) {
                    throw new RulesException(
                            rule.line(),
                            "rule [" + rule.name() + "] would launch engines in subdomain [" + target
                                    + "], as rule [" + other.name() + "] on line " + other.line()
                                    + " does: two rules' sessions must never share an engine; set another subdomain"
                                    + " or pool");
                }
            }
            if (!rules.isEmpty() && rules.get(rules.size() - 1).match().isCatchAll()) {
                Rule catchAll = rules.get(rules.size() - 1);
                throw new RulesException(
                        rule.line(),
                        "rule [" + rule.name() + "] can never match: rule [" + catchAll.name() + "] on line "
                                + catchAll.line() + " has no match: and takes every session");
            }
            rules.add(rule);
        }
        Rule last = rules.get(rules.size() - 1);
        if (!last.match().isCatchAll()) {
            throw new RulesException(
                    last.line(),
                    "the last rule [" + last.name() + "] has a match:, so some sessions would match no rule: end"
                            + " the list with a rule without match:");
        }
        return rules;
    }

    /**
     * The subdomains a rule names for its engines: its own, or its pool's {@code <pool>-<n>} (EngineRef, v1.10.3).
     * Derived names ({@code lakegate-<rule>-<fingerprint>}) differ by rule name and cannot be named.
     */
    private static List<String> targets(Rule rule) {
        if (rule.engine().poolSize().isPresent()) {
            if (rule.engine().pool().isEmpty()) {
                return List.of();
            }
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < rule.engine().poolSize().getAsInt(); i++) {
                targets.add(rule.engine().pool().get() + "-" + i);
            }
            return targets;
        }
        return rule.engine().subdomain().map(List::of).orElse(List.of());
    }

    private static Rule rule(Node node) {
        Map<String, Node> fields =
                mapping(node, "a rule", Set.of("name", "match", "engine", "conf", "defaults", "launch"));
        String name = scalar(required(fields, "name", node, "a rule"), "name");
        if (!RULE_NAME.matcher(name).matches()) {
            throw new RulesException(
                    line(fields.get("name")), "rule name [" + name + "] must be 1 to 64 of A-Z a-z 0-9 _ -");
        }
        RuleMatch match = fields.containsKey("match") ? match(fields.get("match")) : RuleMatch.ANY;
        EngineAction engine = fields.containsKey("engine") ? engine(fields.get("engine")) : EngineAction.NONE;
        Map<String, String> conf =
                fields.containsKey("conf") ? engineConf(fields.get("conf"), engine.type(), "conf") : Map.of();
        Map<String, String> defaults = fields.containsKey("defaults")
                ? engineConf(fields.get("defaults"), engine.type(), "defaults")
                : Map.of();
        LaunchSwitches launch = LaunchSwitches.ALL;
        if (fields.containsKey("launch")) {
            Map<String, Node> switches = mapping(fields.get("launch"), "launch:", Set.of("authz", "lineage"));
            launch = new LaunchSwitches(
                    bool(switches.get("authz"), "authz", true), bool(switches.get("lineage"), "lineage", true));
        }
        return new Rule(name, line(node), match, engine, conf, defaults, launch);
    }

    private static RuleMatch match(Node node) {
        Map<String, Node> fields = mapping(node, "match:", Set.of("users", "groups", "properties", "clientAddress"));
        List<NamePattern> users = patterns(fields.get("users"), "users");
        List<NamePattern> groups = patterns(fields.get("groups"), "groups");
        Map<String, NamePattern> properties = new LinkedHashMap<>();
        if (fields.containsKey("properties")) {
            stringMap(fields.get("properties"), "properties")
                    .forEach((key, value) ->
                            properties.put(key, parsed(fields.get("properties"), value, NamePattern::parse)));
        }
        List<AddressRange> addresses = new ArrayList<>();
        if (fields.containsKey("clientAddress")) {
            for (Node item : list(fields.get("clientAddress"), "clientAddress")) {
                addresses.add(parsed(item, scalar(item, "clientAddress"), AddressRange::parse));
            }
        }
        return new RuleMatch(users, groups, properties, addresses);
    }

    private static EngineAction engine(Node node) {
        Map<String, Node> fields = mapping(
                node,
                "engine:",
                Set.of("type", "shareLevel", "subdomain", "pool", "poolSize", "idleTimeout", "queue", "namespace"));
        Optional<EngineType> type = optional(fields, "type").map(name -> EngineType.of(name)
                .orElseThrow(() -> new RulesException(
                        line(fields.get("type")),
                        "engine type [" + name + "] is not one Lakegate governs: SPARK_SQL, FLINK_SQL or TRINO")));
        Optional<String> shareLevel = optional(fields, "shareLevel").map(level -> {
            String upper = level.toUpperCase(Locale.ROOT);
            if (!SHARE_LEVELS.contains(upper)) {
                throw new RulesException(
                        line(fields.get("shareLevel")),
                        "share level [" + level + "] is none of CONNECTION, USER, GROUP, SERVER_LOCAL, SERVER");
            }
            return upper;
        });
        Optional<String> subdomain =
                optional(fields, "subdomain").map(value -> subpath(fields.get("subdomain"), value));
        Optional<String> pool = optional(fields, "pool").map(value -> subpath(fields.get("pool"), value));
        OptionalInt poolSize = OptionalInt.empty();
        if (fields.containsKey("poolSize")) {
            String size = scalar(fields.get("poolSize"), "poolSize");
            try {
                int value = Integer.parseInt(size);
                // Kyuubi caps a pool at kyuubi.engine.pool.size.threshold (9 by default) anyway.
                if (value < 1 || value > MAX_POOL_SIZE) {
                    throw new NumberFormatException();
                }
                poolSize = OptionalInt.of(value);
            } catch (NumberFormatException e) {
                throw new RulesException(
                        line(fields.get("poolSize")),
                        "poolSize [" + size + "] is no number from 1 to " + MAX_POOL_SIZE);
            }
        }
        if (pool.isPresent() && poolSize.isEmpty()) {
            throw new RulesException(
                    line(fields.get("pool")), "pool: needs poolSize: (Kyuubi ignores a pool of size 0)");
        }
        if (subdomain.isPresent() && poolSize.isPresent()) {
            throw new RulesException(
                    line(fields.get("subdomain")), "a rule routes to a subdomain or to a pool, not both");
        }
        Optional<Duration> idleTimeout = optional(fields, "idleTimeout").map(value -> {
            try {
                Duration duration = Duration.parse(value);
                if (duration.isNegative() || duration.isZero()) {
                    throw new DateTimeParseException("not positive", value, 0);
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw new RulesException(
                        line(fields.get("idleTimeout")),
                        "idleTimeout [" + value + "] is no positive ISO-8601 duration such as PT30M");
            }
        });
        return new EngineAction(
                type,
                shareLevel,
                subdomain,
                pool,
                poolSize,
                idleTimeout,
                optional(fields, "queue"),
                optional(fields, "namespace"));
    }

    private static Map<String, String> engineConf(Node node, Optional<EngineType> type, String what) {
        Map<String, String> conf = stringMap(node, what);
        for (String key : conf.keySet()) {
            List<String> allowed = type.map(t -> t == EngineType.SPARK_SQL
                            ? List.of("spark.", "hadoop.", "kyuubi.")
                            : List.of(t.prefix(), "kyuubi."))
                    .orElse(ENGINE_PREFIXES);
            if (allowed.stream().noneMatch(key::startsWith)) {
                throw new RulesException(
                        line(node),
                        what + ": key [" + key + "] is no setting of "
                                + type.map(t -> "a " + t + " engine").orElse("any engine") + " (keys start with "
                                + String.join(", ", allowed) + ")");
            }
            if (key.startsWith("kyuubi.session.user")) {
                throw new RulesException(
                        line(node), what + ": [" + key + "] is Kyuubi's, set from the authenticated session user");
            }
            if (ROUTING_KEYS.stream().anyMatch(key::startsWith)) {
                throw new RulesException(
                        line(node),
                        what + ": [" + key + "] is routing: say it under engine: (type, shareLevel,"
                                + " subdomain, pool, poolSize)");
            }
        }
        return conf;
    }

    private static Map<String, Set<String>> groups(Node node) {
        Map<String, Set<String>> groups = new HashMap<>();
        for (NodeTuple tuple : mappingNode(node, "groups:").getValue()) {
            String user = scalar(tuple.getKeyNode(), "a user name");
            if (groups.containsKey(user)) {
                throw new RulesException(line(tuple.getKeyNode()), "user [" + user + "] appears twice in groups:");
            }
            Set<String> names = new LinkedHashSet<>();
            for (Node item : list(tuple.getValueNode(), "groups of " + user)) {
                names.add(scalar(item, "a group name"));
            }
            groups.put(user, Set.copyOf(names));
        }
        return groups;
    }

    private static List<LimitSet> limits(Node node) {
        List<LimitSet> sets = new ArrayList<>();
        for (Node item : sequence(node, "limits")) {
            if (!sets.isEmpty() && sets.get(sets.size() - 1).groups().isEmpty()) {
                throw new RulesException(
                        line(item),
                        "these limits can never apply: the set on line "
                                + sets.get(sets.size() - 1).line() + " has no groups: and applies to every user");
            }
            Map<String, Node> fields = mapping(item, "a limit set", Set.of("groups", "max"));
            Node maxNode = required(fields, "max", item, "a limit set");
            Map<String, LimitSet.LimitValue> max = new LinkedHashMap<>();
            stringMap(maxNode, "max").forEach((key, value) -> {
                if (LIMITED_PREFIXES.stream().noneMatch(key::startsWith)) {
                    throw new RulesException(
                            line(maxNode),
                            "max: key [" + key + "] is no engine resource: limits are on spark.*, flink.* and trino.*"
                                    + " keys, as the engine reads them (spark.executor.memory, not executor.memory)");
                }
                max.put(key, new LimitSet.LimitValue(value, parsed(maxNode, value, Quantity::parse)));
            });
            sets.add(new LimitSet(line(item), patterns(fields.get("groups"), "groups"), max));
        }
        return sets;
    }

    private static List<Guardrail> guardrails(Node node) {
        List<Guardrail> guardrails = new ArrayList<>();
        for (Node item : sequence(node, "guardrails")) {
            Map<String, Node> fields = mapping(item, "a guardrail", Set.of("keys", "groups", "value"));
            Node keysNode = required(fields, "keys", item, "a guardrail");
            List<NamePattern> keys = patterns(keysNode, "keys");
            if (keys.isEmpty()) {
                throw new RulesException(line(item), "a guardrail needs at least one key");
            }
            for (NamePattern key : keys) {
                if (!key.text().startsWith("regex:")
                        && GUARDED_PREFIXES.stream().noneMatch(key.text()::startsWith)) {
                    // Matched as sent and as the engine reads it, so another spelling would leave one uncovered.
                    throw new RulesException(
                            line(keysNode),
                            "guardrail key [" + key + "] is not written as the engine reads it: start it with "
                                    + String.join(", ", GUARDED_PREFIXES) + " (spark.hadoop.x, not hadoop.x)");
                }
            }
            guardrails.add(new Guardrail(
                    line(item),
                    "rules file",
                    new PatternSet(keys),
                    patterns(fields.get("groups"), "groups"),
                    optional(fields, "value")));
        }
        return guardrails;
    }

    private static LaunchSettings launch(Node node) {
        Map<String, Node> fields = mapping(node, "launch:", Set.of("spark", "flink", "lineage"));
        LaunchSettings.Spark spark = LaunchSettings.NONE.spark();
        if (fields.containsKey("spark")) {
            Map<String, Node> s =
                    mapping(fields.get("spark"), "launch: spark:", Set.of("jars", "rangerConfDir", "policyCacheDir"));
            List<String> jars = new ArrayList<>();
            if (s.containsKey("jars")) {
                for (Node item : list(s.get("jars"), "jars")) {
                    String jar = scalar(item, "a jar");
                    if (jar.contains(",")) {
                        throw new RulesException(
                                line(item), "jar [" + jar + "] has a comma, which spark.jars splits at");
                    }
                    jars.add(jar);
                }
            }
            spark = new LaunchSettings.Spark(jars, optional(s, "rangerConfDir"), optional(s, "policyCacheDir"));
        }
        LaunchSettings.Flink flink = LaunchSettings.NONE.flink();
        if (fields.containsKey("flink")) {
            Map<String, Node> f = mapping(
                    fields.get("flink"),
                    "launch: flink:",
                    Set.of("catalog", "catalogOptions", "lineageConf", "version"));
            Optional<String> catalog = optional(f, "catalog");
            catalog.ifPresent(name -> {
                if (!RULE_NAME.matcher(name).matches()) {
                    throw new RulesException(
                            line(f.get("catalog")), "catalog name [" + name + "] must be A-Z a-z 0-9 _ -");
                }
            });
            Map<String, String> options =
                    f.containsKey("catalogOptions") ? stringMap(f.get("catalogOptions"), "catalogOptions") : Map.of();
            options.forEach((key, value) -> {
                if (key.contains("'") || value.contains("'") || key.contains(";") || value.contains(";")) {
                    throw new RulesException(
                            line(f.get("catalogOptions")), "catalog option [" + key + "] holds a quote or a semicolon");
                }
            });
            Map<String, String> lineageConf =
                    f.containsKey("lineageConf") ? stringMap(f.get("lineageConf"), "lineageConf") : Map.of();
            String version = optional(f, "version").orElse(LaunchSettings.Flink.DEFAULT_VERSION);
            try {
                flink = new LaunchSettings.Flink(catalog, options, lineageConf, version);
            } catch (IllegalArgumentException e) {
                throw new RulesException(line(f.get("version")), e.getMessage());
            }
        }
        Optional<LaunchSettings.Lineage> lineage = Optional.empty();
        if (fields.containsKey("lineage")) {
            Map<String, Node> l =
                    mapping(fields.get("lineage"), "launch: lineage:", Set.of("url", "endpoint", "namespace"));
            String url = scalar(required(l, "url", fields.get("lineage"), "launch: lineage:"), "url");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new RulesException(line(l.get("url")), "lineage url [" + url + "] is no http(s) URL");
            }
            // Checked here as the engines check them, so that a bad value stops the rules, not every engine's start.
            URI parsed;
            try {
                parsed = new URI(url);
            } catch (URISyntaxException e) {
                throw new RulesException(line(l.get("url")), "lineage url [" + url + "] is no URL: " + e.getReason());
            }
            if (parsed.getHost() == null
                    || parsed.getPath() != null
                            && !parsed.getPath().isEmpty()
                            && !parsed.getPath().equals("/")
                    || parsed.getQuery() != null) {
                throw new RulesException(
                        line(l.get("url")),
                        "lineage url [" + url + "] must be http(s)://host[:port]: give the path as the endpoint");
            }
            String endpoint = optional(l, "endpoint").orElse("/api/v1/lineage");
            if (!endpoint.startsWith("/")) {
                throw new RulesException(
                        line(l.get("endpoint")), "lineage endpoint [" + endpoint + "] must start with /");
            }
            String namespace = optional(l, "namespace").orElse("lakegate");
            if (!LINEAGE_NAME.matcher(namespace).matches()) {
                throw new RulesException(
                        line(l.get("namespace")),
                        "lineage namespace [" + namespace + "] must be 1 to 256 of A-Z a-z 0-9 _ . : / @ -");
            }
            lineage = Optional.of(new LaunchSettings.Lineage(url, endpoint, namespace));
        }
        return new LaunchSettings(spark, flink, lineage);
    }

    /** An alias would give one node two meanings in two places; anchors are refused so that none exists. */
    private static void refuseAnchors(Node node) {
        if (node.getAnchor() != null) {
            throw new RulesException(
                    line(node), "YAML anchors and aliases (&" + node.getAnchor() + ") are not allowed");
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                refuseAnchors(tuple.getKeyNode());
                refuseAnchors(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(RulesParser::refuseAnchors);
        }
    }

    private static String subpath(Node node, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("lakegate-")) {
            throw new RulesException(
                    line(node),
                    "[" + value + "]: names starting with lakegate- are the ones Lakegate"
                            + " derives for rules that name none");
        }
        if (!SUBPATH.matcher(lower).matches()) {
            throw new RulesException(
                    line(node), "[" + value + "] must be 1 to 128 of a-z 0-9 _ - (Kyuubi lower-cases it)");
        }
        return lower;
    }

    private static List<NamePattern> patterns(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        List<NamePattern> patterns = new ArrayList<>();
        for (Node item : list(node, what)) {
            patterns.add(parsed(item, scalar(item, what), NamePattern::parse));
        }
        return patterns;
    }

    private static <T> T parsed(Node node, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new RulesException(line(node), e.getMessage());
        }
    }

    private static boolean bool(Node node, String what, boolean defaultValue) {
        if (node == null) {
            return defaultValue;
        }
        String value = scalar(node, what);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new RulesException(line(node), what + ": [" + value + "] is neither true nor false");
        };
    }

    private static Optional<String> optional(Map<String, Node> fields, String key) {
        return Optional.ofNullable(fields.get(key)).map(node -> scalar(node, key));
    }

    private static Node required(Map<String, Node> fields, String key, Node parent, String what) {
        Node node = fields.get(key);
        if (node == null) {
            throw new RulesException(line(parent), what + " needs " + key + ":");
        }
        return node;
    }

    private static Map<String, String> stringMap(Node node, String what) {
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode(node, what + ":").getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key of " + what);
            if (key.isEmpty()) {
                throw new RulesException(line(tuple.getKeyNode()), what + ": has an empty key");
            }
            if (values.put(key, scalar(tuple.getValueNode(), key)) != null) {
                throw new RulesException(line(tuple.getKeyNode()), "key [" + key + "] appears twice in " + what + ":");
            }
        }
        return values;
    }

    private static Map<String, Node> mapping(Node node, String what, Set<String> known) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode(node, what).getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key of " + what);
            if (!known.contains(key)) {
                throw new RulesException(
                        line(tuple.getKeyNode()),
                        "unknown key [" + key + "] in " + what + " (known: "
                                + String.join(", ", known.stream().sorted().toList())
                                + ")");
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw new RulesException(line(tuple.getKeyNode()), "key [" + key + "] appears twice in " + what);
            }
        }
        return fields;
    }

    private static MappingNode mappingNode(Node node, String what) {
        if (node instanceof MappingNode mapping) {
            if (mapping.isMerged()) {
                throw new RulesException(line(node), what + " uses a YAML merge key, which rules files do not allow");
            }
            return mapping;
        }
        throw new RulesException(line(node), what + " must be a mapping of key: value");
    }

    private static List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw new RulesException(line(node), what + ": must be a list (lines starting with -)");
    }

    /** A list, or one scalar standing for a list of one. */
    private static List<Node> list(Node node, String what) {
        return node instanceof ScalarNode ? List.of(node) : sequence(node, what);
    }

    private static String scalar(Node node, String what) {
        if (node instanceof ScalarNode scalar) {
            if (scalar.getTag().getValue().endsWith(":null")) {
                throw new RulesException(line(node), what + " has no value");
            }
            return scalar.getValue();
        }
        throw new RulesException(line(node), what + " must be a single value, not a list or mapping");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
