package io.lakegate.kyuubi.routing.kyuubi;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import io.lakegate.kyuubi.authn.conf.WatchedFile;
import io.lakegate.kyuubi.authn.group.GroupLookup;
import io.lakegate.kyuubi.routing.decision.RoutingRefusedException;
import io.lakegate.kyuubi.routing.decision.SessionRouter;
import io.lakegate.kyuubi.routing.launch.PlatformConf;
import io.lakegate.kyuubi.routing.rules.RulesParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The routing of this Kyuubi server, shared by its advisor instances: the rules file (read again when it changes; a
 * change that does not parse is logged and the last good rules stay), the platform's own settings, and the group
 * providers of kyuubi-ext-authn when {@code kyuubi.session.group.lakegate.sources} is set.
 */
final class RoutingService {
    static final String RULES = "kyuubi.session.lakegate.routing.rules";
    static final String DEFAULT_FILE = "lakegate-routing.yaml";
    static final String CHECK_INTERVAL = "kyuubi.session.lakegate.routing.checkInterval";
    private static final Map<AuthnSettings, RoutingService> SHARED = new ConcurrentHashMap<>();

    private final WatchedFile<SessionRouter> router;
    private final Optional<GroupLookup> groups;
    private final long checkIntervalNanos;
    private volatile SessionRouter current;
    private volatile long checkedAt;

    private RoutingService(WatchedFile<SessionRouter> router, Optional<GroupLookup> groups, Duration checkInterval) {
        this.router = router;
        this.groups = groups;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.current = router.current();
        this.checkedAt = System.nanoTime();
    }

    static RoutingService of(AuthnSettings settings, Function<String, String> environment) {
        requireNonNull(settings, "settings is null");
        requireNonNull(environment, "environment is null");
        return SHARED.computeIfAbsent(settings, s -> create(s, environment));
    }

    private static RoutingService create(AuthnSettings settings, Function<String, String> environment) {
        Path file = settings.path(RULES).orElseGet(() -> defaultFile(environment));
        String fix = "point " + RULES + " at a valid rules file (see kyuubi-ext-routing/README.md; check it with"
                + " lakegate-routing check FILE)";
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(RULES, "names [" + file + "], which is not a readable file", fix);
        }
        PlatformConf platform = PlatformConf.load(settings.asMap(), environment);
        WatchedFile<SessionRouter> router = new WatchedFile<>(
                RULES,
                file,
                lines -> new SessionRouter(RulesParser.parse(String.join("\n", lines), file.toString()), platform),
                fix);
        Optional<GroupLookup> groups = settings.get(GroupLookup.SOURCES).isPresent()
                ? Optional.of(GroupLookup.of(settings))
                : Optional.empty();
        Duration checkInterval = settings.duration(CHECK_INTERVAL, Duration.ofSeconds(1));
        return new RoutingService(router, groups, checkInterval);
    }

    /** As Kyuubi finds its own conf: {@code KYUUBI_CONF_DIR}, else {@code KYUUBI_HOME/conf}. */
    private static Path defaultFile(Function<String, String> environment) {
        return Optional.ofNullable(environment.apply("KYUUBI_CONF_DIR"))
                .map(Path::of)
                .or(() -> Optional.ofNullable(environment.apply("KYUUBI_HOME")).map(home -> Path.of(home, "conf")))
                .orElseThrow(() -> new ConfigException(
                        RULES,
                        "is not set, and neither KYUUBI_CONF_DIR nor KYUUBI_HOME says where " + DEFAULT_FILE + " is",
                        "set it to the rules file's path"))
                .resolve(DEFAULT_FILE);
    }

    /** The rules in force; the file is looked at again once {@code checkInterval} has passed (a stat, no thread). */
    SessionRouter router() {
        long now = System.nanoTime();
        if (now - checkedAt >= checkIntervalNanos) {
            current = router.current();
            checkedAt = now;
        }
        return current;
    }

    /** The rules file's groups of {@code user}, and the providers'; a provider that cannot answer refuses. */
    Set<String> groupsOf(String user, SessionRouter current) {
        Set<String> all = new LinkedHashSet<>(current.rules().staticGroups(user));
        if (groups.isPresent()) {
            try {
                all.addAll(groups.get().groups(user));
            } catch (RuntimeException e) {
                throw new RoutingRefusedException("Session of user [" + user + "] refused: their groups cannot be"
                        + " looked up (" + e.getMessage() + "), and rules may depend on them");
            }
        }
        return all;
    }
}
