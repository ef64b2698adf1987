package io.lakegate.kyuubi.routing.decision;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.guard.Guardrail;
import io.lakegate.kyuubi.routing.launch.LaunchInjection;
import io.lakegate.kyuubi.routing.launch.PlatformConf;
import io.lakegate.kyuubi.routing.limits.Clamp;
import io.lakegate.kyuubi.routing.limits.LimitSet;
import io.lakegate.kyuubi.routing.limits.Quantity;
import io.lakegate.kyuubi.routing.rules.EngineAction;
import io.lakegate.kyuubi.routing.rules.EngineType;
import io.lakegate.kyuubi.routing.rules.RoutingRules;
import io.lakegate.kyuubi.routing.rules.Rule;
import io.lakegate.kyuubi.routing.rules.SessionRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a session into the overlay Kyuubi applies over the client's keys, in this order: keys no client may send
 * refuse the session; the first matching rule's engine, settings and defaults; per-group limits on the client's
 * own settings; the launch injection; every spelling of one engine setting made to agree (Kyuubi passes each
 * spelling to the engine, and the one that sorts last wins); guardrails on whatever else the client sent.
 */
public final class SessionRouter {
    /** Keys Kyuubi's frontends add to every session conf (TFrontendService.getSessionHandle, v1.10.3). */
    private static final Set<String> KYUUBI_ADDED = Set.of(
            SessionRequest.CLIENT_IP,
            "kyuubi.server.ipAddress",
            "kyuubi.session.connection.url",
            "kyuubi.session.real.user",
            "kyuubi.client.version");

    private static final String ENGINE_TYPE = "kyuubi.engine.type";
    private static final String SHARE_LEVEL = "kyuubi.engine.share.level";
    private static final String USE_CATALOG = "use:catalog";
    private static final String USE_DATABASE = "use:database";
    private static final String BATCH_ID = "kyuubi.batch.id";
    private static final String SUBDOMAIN = "kyuubi.engine.share.level.subdomain";
    private static final Pattern CLIENT_SUBDOMAIN = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final int MAX_VALUE_CHARS = 16 << 10;
    private static final int MAX_VERDICTS = 10_000;
    private static final Pattern FLINK_DATABASE = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final long MIB = 1L << 20;
    private static final String MAX_EXECUTORS = "spark.dynamicAllocation.maxExecutors";
    private static final Set<String> EXECUTOR_COUNTS = Set.of(
            MAX_EXECUTORS,
            "spark.dynamicAllocation.minExecutors",
            "spark.dynamicAllocation.initialExecutors",
            // Spark starts dynamic allocation with the largest of these and spark.executor.instances.
            "spark.executor.instances");

    private final RoutingRules rules;
    private final PlatformConf platform;
    private final LaunchInjection injection;
    private final Map<String, KeyVerdict> verdicts = new ConcurrentHashMap<>();

    public SessionRouter(RoutingRules rules, PlatformConf platform) {
        this.rules = requireNonNull(rules, "rules is null");
        this.platform = requireNonNull(platform, "platform is null");
        this.injection = new LaunchInjection(rules.launch());
    }

    public RoutingRules rules() {
        return rules;
    }

    /** Throws {@link RoutingRefusedException} for a session that cannot be routed safely, saying why. */
    public RoutingDecision route(SessionRequest request) {
        String user = request.user();
        Rule rule = rules.firstMatch(request);
        Map<String, String> client = new LinkedHashMap<>(request.conf());
        // Kyuubi's own keys too: a client can send them (TFrontendService lays its keys over Kyuubi's).
        refuseUnsafeValues(user, request.conf());
        refuseBatch(user, request.conf());
        KYUUBI_ADDED.forEach(client::remove);
        EngineType type = engineType(rule, user, client);
        Map<String, Guardrail> guarded = refuseUnknownKeys(request, type, client);

        Map<String, String> overlay = new LinkedHashMap<>();
        refuseBadSubdomain(user, client);
        route(rule, rules.derivedName(rule), type, client, overlay);
        overlay.putAll(rule.conf());
        rule.defaults().forEach((key, value) -> {
            if (!sentUnderAnySpelling(client, type, key)) {
                overlay.put(key, value);
            }
        });
        refuseForeignCatalog(user, type, rule, client);

        List<Clamp> clamps = clamp(request, type, client, overlay, guarded);

        // What the engine will be shared by: a guarded client value does not count, the guardrail's does.
        Optional<String> clientShareLevel = guarded.containsKey(SHARE_LEVEL)
                ? guarded.get(SHARE_LEVEL).value()
                : Optional.ofNullable(client.get(SHARE_LEVEL));
        String shareLevel = Optional.ofNullable(overlay.get(SHARE_LEVEL))
                .or(() -> clientShareLevel)
                .or(() -> platform.kyuubi(user, SHARE_LEVEL))
                .orElse("USER")
                .toUpperCase(Locale.ROOT);
        // A shared engine keeps its launch settings, so a per-user cache directory would differ between its sessions.
        String engineOwner = shareLevel.equals("USER") || shareLevel.equals("CONNECTION")
                ? user
                : Optional.ofNullable(overlay.get("kyuubi.engine.share.level.subdomain"))
                        .orElse(overlay.get("kyuubi.engine.pool.name"));
        Map<String, String> launch;
        try {
            launch = injection.settingsFor(
                    type, rule.launch(), user, engineOwner, client, key -> Optional.ofNullable(overlay.get(key))
                            .or(() -> platform.engineValue(type, user, key)));
        } catch (IllegalArgumentException e) {
            throw new RoutingRefusedException("Session of user [" + user + "] refused: " + e.getMessage());
        }
        overlay.putAll(launch);
        List<String> injected = new ArrayList<>(launch.keySet());
        // The operator may have written an injected setting under another spelling, which Kyuubi passes on too.
        launch.forEach(
                (key, value) -> platform.otherSpellings(type, user, key).forEach(other -> overlay.put(other, value)));

        // Guardrails first: a client's value must never reach the overlay under a guarded key's other spelling.
        List<GuardrailHit> hits = guard(user, type, client, overlay, guarded);
        unifySpellings(type, client, overlay);
        return new RoutingDecision(user, rule, type, overlay, clamps, hits, injected);
    }

    private EngineType engineType(Rule rule, String user, Map<String, String> client) {
        if (rule.engine().type().isPresent()) {
            return rule.engine().type().get();
        }
        Optional<String> asked =
                Optional.ofNullable(client.get(ENGINE_TYPE)).or(() -> platform.kyuubi(user, ENGINE_TYPE));
        if (asked.isEmpty()) {
            return EngineType.SPARK_SQL;
        }
        return EngineType.of(asked.get())
                .orElseThrow(() -> new RoutingRefusedException("Session of user [" + user + "] refused: engine type ["
                        + asked.get() + "] (" + ENGINE_TYPE + ") is not one Lakegate governs (SPARK_SQL, FLINK_SQL,"
                        + " TRINO); rule [" + rule.name() + "] sets no type"));
    }

    /**
     * Unknown means refused: a key neither listed for clients nor covered by a guardrail, or an outsized value. Returns
     * the guardrail of each guarded key.
     */
    private Map<String, Guardrail> refuseUnknownKeys(
            SessionRequest request, EngineType type, Map<String, String> client) {
        Map<String, Guardrail> guarded = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        client.forEach((key, value) -> {
            if (!isPlainKey(key)) {
                throw new RoutingRefusedException("Session of user [" + request.user() + "] refused: key ["
                        + printable(key) + "] is not of A-Z a-z 0-9 . _ : -");
            }
            KeyVerdict verdict = verdict(type, key);
            Optional<Guardrail> guardrail = verdict.guardrailFor(request.groups());
            if (guardrail.isPresent()) {
                guarded.put(key, guardrail.get());
            } else if (!verdict.allowed()) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new RoutingRefusedException("Session of user [" + request.user() + "] refused: it sets " + unknown
                    + ", which clients may not set here; an operator can allow a key under clientKeys: allow: in "
                    + rules.source());
        }
        return guarded;
    }

    /**
     * Whether clients may send {@code key} and which guardrails cover it, under either spelling: the same for every
     * session of these rules, so kept for the keys clients send (up to a bound, so that random keys cannot fill memory).
     */
    private KeyVerdict verdict(EngineType type, String key) {
        String cacheKey = type.ordinal() + key;
        KeyVerdict verdict = verdicts.get(cacheKey);
        if (verdict == null) {
            String engineKey = engineKey(type, key);
            List<Guardrail> covering = new ArrayList<>();
            for (Guardrail guardrail : rules.guardrails()) {
                if (guardrail.covers(key) || guardrail.covers(engineKey)) {
                    covering.add(guardrail);
                }
            }
            verdict = new KeyVerdict(rules.clientKeys().allows(key, engineKey), List.copyOf(covering));
            if (verdicts.size() < MAX_VERDICTS) {
                verdicts.put(cacheKey, verdict);
            }
        }
        return verdict;
    }

    private record KeyVerdict(boolean allowed, List<Guardrail> covering) {
        Optional<Guardrail> guardrailFor(Set<String> groups) {
            for (Guardrail guardrail : covering) {
                if (guardrail.appliesTo(groups)) {
                    return Optional.of(guardrail);
                }
            }
            return Optional.empty();
        }
    }

    private static void refuseUnsafeValues(String user, Map<String, String> conf) {
        conf.forEach((key, value) -> {
            if (hasControlCharacter(value)) {
                // Flink writes -D settings into a YAML file line by line: a line break would add settings.
                throw new RoutingRefusedException("Session of user [" + user + "] refused: the value of ["
                        + printable(key) + "] holds a control character");
            }
            if (value.length() > MAX_VALUE_CHARS) {
                throw new RoutingRefusedException("Session of user [" + user + "] refused: the value of ["
                        + printable(key) + "] is longer than " + MAX_VALUE_CHARS + " characters");
            }
        });
    }

    /**
     * Kyuubi's batch API runs a jar or script of the client's choosing, which no SQL authorization sees into, and
     * keeps only {@code kyuubi.batchConf.*} of an advisor's overlay (KyuubiBatchSession.optimizedConf, v1.10.3).
     */
    private static void refuseBatch(String user, Map<String, String> conf) {
        if (conf.containsKey(BATCH_ID)) {
            throw new RoutingRefusedException("Batch of user [" + user + "] refused: Kyuubi batches run the client's"
                    + " own code, which Lakegate cannot govern; submit SQL through a session instead");
        }
    }

    private static boolean isPlainKey(String key) {
        if (key.isEmpty() || key.length() > 256) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length() && i < 64; i++) {
            char c = key.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    private static void refuseBadSubdomain(String user, Map<String, String> client) {
        String own = client.get(SUBDOMAIN);
        if (own != null
                && !CLIENT_SUBDOMAIN.matcher(own.toLowerCase(Locale.ROOT)).matches()) {
            throw new RoutingRefusedException("Session of user [" + user + "] refused: " + SUBDOMAIN + " [" + own
                    + "] must be 1 to 64 of a-z 0-9 _ -");
        }
    }

    /** A Flink session must start in the guarded catalog; Kyuubi's Flink engine runs {@code USE CATALOG} after it. */
    private void refuseForeignCatalog(String user, EngineType type, Rule rule, Map<String, String> client) {
        Optional<String> guarded =
                rules.launch().flink().catalog().filter(catalog -> rule.launch().authz());
        if (type != EngineType.FLINK_SQL || guarded.isEmpty()) {
            return;
        }
        String asked = client.get(USE_CATALOG);
        if (asked != null && !asked.equals(guarded.get())) {
            throw new RoutingRefusedException("Session of user [" + user + "] refused: " + USE_CATALOG + " [" + asked
                    + "] would leave the guarded catalog [" + guarded.get() + "] its Flink sessions start in");
        }
        // Kyuubi's Flink engine runs USE <database> unquoted, and Flink's USE takes catalog.database.
        String database = client.get(USE_DATABASE);
        if (database != null && !FLINK_DATABASE.matcher(database).matches()) {
            throw new RoutingRefusedException("Session of user [" + user + "] refused: " + USE_DATABASE + " ["
                    + database + "] must name a database of the guarded catalog (A-Z a-z 0-9 _)");
        }
    }

    private static void route(
            Rule rule, String derived, EngineType type, Map<String, String> client, Map<String, String> overlay) {
        EngineAction engine = rule.engine();
        overlay.put(ENGINE_TYPE, type.name());
        engine.shareLevel().ifPresent(level -> overlay.put(SHARE_LEVEL, level));
        if (engine.poolSize().isPresent()) {
            overlay.put("kyuubi.engine.pool.name", engine.pool().orElse(derived));
            overlay.put(
                    "kyuubi.engine.pool.size",
                    Integer.toString(engine.poolSize().getAsInt()));
            // Else a subdomain the client sends would pick an engine outside the pool.
            overlay.put("kyuubi.engine.pool.ignoreSubdomain", "true");
        } else {
            // Always set: an engine keeps its launch settings, so two rules' sessions must never share one. A client's
            // own subdomain (Kyuubi lets users keep several engines) goes after a '.', which no rule's subdomain has.
            String own = Optional.ofNullable(client.get(SUBDOMAIN))
                    .map(subdomain -> "." + subdomain.toLowerCase(Locale.ROOT))
                    .orElse("");
            overlay.put(SUBDOMAIN, engine.subdomain().orElse(derived) + own);
            overlay.put("kyuubi.engine.pool.size", "-1");
        }
        engine.idleTimeout()
                .ifPresent(timeout -> overlay.put("kyuubi.session.engine.idle.timeout", timeout.toString()));
        engine.queue().ifPresent(queue -> {
            switch (type) {
                case SPARK_SQL -> overlay.put("spark.yarn.queue", queue);
                case FLINK_SQL -> overlay.put("flink.yarn.application.queue", queue);
                case TRINO -> overlay.put("kyuubi.engine.yarn.queue", queue);
            }
        });
        engine.namespace().ifPresent(namespace -> {
            overlay.put("kyuubi.kubernetes.namespace", namespace);
            switch (type) {
                case SPARK_SQL -> overlay.put("spark.kubernetes.namespace", namespace);
                case FLINK_SQL -> overlay.put("flink.kubernetes.namespace", namespace);
                case TRINO -> {}
            }
        });
    }

    private List<Clamp> clamp(
            SessionRequest request,
            EngineType type,
            Map<String, String> client,
            Map<String, String> overlay,
            Map<String, Guardrail> guarded) {
        List<Clamp> clamps = new ArrayList<>();
        client.forEach((key, asked) -> {
            // A guardrail's value, not the client's, is what the engine gets: the guardrail decides.
            if (overlay.containsKey(key) || guarded.containsKey(key)) {
                return;
            }
            String engineKey = engineKey(type, key);
            limitOf(request, engineKey).ifPresent(limit -> {
                LimitSet.LimitValue max = limit.max();
                Quantity value = max.quantity()
                        .readAlike(asked, bareUnit(engineKey))
                        .orElseThrow(() -> new RoutingRefusedException("Session of user [" + request.user()
                                + "] refused: " + key + " [" + asked + "] is not a "
                                + (max.quantity().size() ? "size" : "number") + " like its limit [" + max.text()
                                + "] (rules line " + limit.line() + ")"));
                if (value.compareTo(max.quantity()) > 0) {
                    overlay.put(key, max.text());
                    clamps.add(new Clamp(key, asked, max.text(), limit.line()));
                }
            });
        });
        if (type == EngineType.SPARK_SQL) {
            // Unset, Spark's dynamic allocation has no maximum: a limited user gets their limit instead.
            limitOf(request, MAX_EXECUTORS).ifPresent(limit -> {
                if (overlayValue(type, overlay, MAX_EXECUTORS).isEmpty()
                        && !sentUnderAnySpelling(client, type, MAX_EXECUTORS)
                        && platform.engineValue(type, request.user(), MAX_EXECUTORS)
                                .isEmpty()) {
                    overlay.put(MAX_EXECUTORS, limit.max().text());
                    clamps.add(new Clamp(
                            MAX_EXECUTORS, "(unset: no maximum)", limit.max().text(), limit.line()));
                }
            });
        }
        return clamps;
    }

    /**
     * The limit on {@code engineKey} for this user; dynamic allocation's minimum and initial executors are held to
     * the maximum's limit (else the executors'), as either would otherwise start more executors than it allows.
     */
    private Optional<RoutingRules.Limit> limitOf(SessionRequest request, String engineKey) {
        Optional<RoutingRules.Limit> limit = rules.limitFor(request.groups(), engineKey);
        if (limit.isPresent() || !EXECUTOR_COUNTS.contains(engineKey)) {
            return limit;
        }
        return rules.limitFor(request.groups(), MAX_EXECUTORS)
                .or(() -> rules.limitFor(request.groups(), "spark.executor.instances"));
    }

    /** Spark reads a bare number as MiB for its memory settings; Flink's sizes are bytes. */
    private static long bareUnit(String engineKey) {
        String lower = engineKey.toLowerCase(Locale.ROOT);
        return engineKey.startsWith("spark.") && (lower.endsWith("memory") || lower.endsWith("memoryoverhead"))
                ? MIB
                : 1;
    }

    private List<GuardrailHit> guard(
            String user,
            EngineType type,
            Map<String, String> client,
            Map<String, String> overlay,
            Map<String, Guardrail> guarded) {
        List<GuardrailHit> hits = new ArrayList<>();
        if (guarded.isEmpty()) {
            return hits;
        }
        Map<String, String> byEngineKey = new HashMap<>();
        overlay.forEach((key, value) -> {
            String engineKey = engineKey(type, key);
            if (key.equals(engineKey) || !byEngineKey.containsKey(engineKey)) {
                byEngineKey.put(engineKey, value);
            }
        });
        guarded.forEach((key, guardrail) -> {
            if (overlay.containsKey(key)) {
                return;
            }
            String engineKey = engineKey(type, key);
            String forced = Optional.ofNullable(byEngineKey.get(engineKey))
                    .or(guardrail::value)
                    .or(() -> platform.engineValue(type, user, engineKey))
                    .or(() -> platform.engineValue(type, user, key))
                    .orElse("");
            overlay.put(key, forced);
            hits.add(new GuardrailHit(key, client.get(key), forced, guardrail.source()));
        });
        return hits;
    }

    /**
     * One value for every spelling of an engine setting that the client or the overlay holds: the overlay's (the
     * rule's, a clamp's, the injection's or a guardrail's, in that spelling's order of preference: the engine's own
     * first), else the client's under the engine's spelling.
     */
    private static void unifySpellings(EngineType type, Map<String, String> client, Map<String, String> overlay) {
        Map<String, List<String>> spellings = new HashMap<>();
        for (String key : client.keySet()) {
            spellings
                    .computeIfAbsent(engineKey(type, key), k -> new ArrayList<>())
                    .add(key);
        }
        for (String key : overlay.keySet()) {
            List<String> keys = spellings.computeIfAbsent(engineKey(type, key), k -> new ArrayList<>());
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        spellings.forEach((engineKey, keys) -> {
            if (keys.size() == 1) {
                return;
            }
            Optional<String> value = Optional.ofNullable(overlay.get(engineKey))
                    .or(() -> keys.stream()
                            .filter(overlay::containsKey)
                            .map(overlay::get)
                            .findFirst())
                    .or(() -> Optional.ofNullable(client.get(engineKey)));
            value.ifPresent(agreed -> keys.forEach(key -> overlay.put(key, agreed)));
        });
    }

    /** What the overlay already says for {@code engineKey}, under any spelling: the rule's or the injection's. */
    private static Optional<String> overlayValue(EngineType type, Map<String, String> overlay, String engineKey) {
        if (overlay.containsKey(engineKey)) {
            return Optional.of(overlay.get(engineKey));
        }
        for (Map.Entry<String, String> entry : overlay.entrySet()) {
            if (engineKey(type, entry.getKey()).equals(engineKey)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Kyuubi's own keys reach the engine under their name; others as the engine reads them. */
    private static String engineKey(EngineType type, String key) {
        return key.startsWith("kyuubi.") ? key : type.engineKey(key);
    }

    private static boolean sentUnderAnySpelling(Map<String, String> client, EngineType type, String key) {
        String engineKey = engineKey(type, key);
        for (String sent : client.keySet()) {
            if (engineKey(type, sent).equals(engineKey)) {
                return true;
            }
        }
        return false;
    }
}
