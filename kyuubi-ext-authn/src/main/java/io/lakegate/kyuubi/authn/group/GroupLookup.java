package io.lakegate.kyuubi.authn.group;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import io.lakegate.kyuubi.authn.conf.WatchedFile;
import io.lakegate.kyuubi.authn.ldap.LdapDirectory;
import io.lakegate.kyuubi.authn.token.TokenGroups;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user's groups, from the sources {@value #SOURCES} lists ({@code ldap}, {@code token}, {@code file}) in that
 * order, each group once; and the primary group: the first matching {@value #PRIMARY_GROUP_PATTERN} if set, else
 * the first, else (no group at all) the user's own name, as Kyuubi's Hadoop group provider answers. Kyuubi's group
 * provider and the routing rules of kyuubi-ext-routing call the same instance ({@link #of}) in-process. A source
 * that cannot answer fails the lookup rather than leave a group out.
 */
public final class GroupLookup {
    public static final String PREFIX = "kyuubi.session.group.lakegate.";
    public static final String SOURCES = PREFIX + "sources";
    public static final String PRIMARY_GROUP_PATTERN = PREFIX + "primaryGroupPattern";
    public static final String FILE_PATH = PREFIX + "file.path";
    public static final String LDAP_CACHE_TTL = PREFIX + "ldap.cacheTtl";

    private static final Map<AuthnSettings, GroupLookup> SHARED = new ConcurrentHashMap<>();

    private final List<GroupSource> sources;
    private final Optional<Pattern> primaryGroupPattern;

    private GroupLookup(List<GroupSource> sources, Optional<Pattern> primaryGroupPattern) {
        this.sources = List.copyOf(requireNonNull(sources, "sources is null"));
        this.primaryGroupPattern = requireNonNull(primaryGroupPattern, "primaryGroupPattern is null");
    }

    /**
     * The lookup {@code settings} configure, shared in this process: the group keys, and for the {@code ldap} source
     * the directory of {@code kyuubi.authentication.lakegate.ldap.*}.
     */
    public static GroupLookup of(AuthnSettings settings) {
        AuthnSettings relevant =
                settings.withPrefix(PREFIX).merge(settings.withPrefix("kyuubi.authentication.lakegate.ldap."));
        return SHARED.computeIfAbsent(relevant, GroupLookup::create);
    }

    private static GroupLookup create(AuthnSettings settings) {
        List<String> names = settings.list(SOURCES);
        if (names.isEmpty()) {
            throw new ConfigException(
                    SOURCES, "is not set", "list where groups come from, in order, among ldap, token and file");
        }
        List<GroupSource> sources = new ArrayList<>();
        for (String name : names) {
            sources.add(
                    switch (name) {
                        case "ldap" -> new LdapGroupSource(
                                LdapDirectory.of(settings), settings.duration(LDAP_CACHE_TTL, Duration.ofMinutes(5)));
                        case "token" -> TokenGroups.shared()::groupsOf;
                        case "file" -> new FileGroupSource(new WatchedFile<>(
                                FILE_PATH,
                                Path.of(settings.required(FILE_PATH, "name the file of user: group1, group2 lines")),
                                FileGroupSource::parse,
                                "name a readable file of user: group1, group2 lines"));
                        default -> throw new ConfigException(
                                SOURCES, "lists [" + name + "]", "list sources among ldap, token and file");
                    });
        }
        Optional<Pattern> pattern;
        try {
            pattern = settings.get(PRIMARY_GROUP_PATTERN).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(
                    PRIMARY_GROUP_PATTERN,
                    "is no regular expression (" + e.getDescription() + ")",
                    "set a Java regular expression such as team-.*");
        }
        return new GroupLookup(sources, pattern);
    }

    /** Every group of {@code user}, in source order; throws {@link IllegalStateException} if a source cannot say. */
    public List<String> groups(String user) {
        requireNonNull(user, "user is null");
        Set<String> groups = new LinkedHashSet<>();
        for (GroupSource source : sources) {
            groups.addAll(source.groupsOf(user));
        }
        return List.copyOf(groups);
    }

    public String primaryGroup(String user) {
        List<String> groups = groups(user);
        return primaryGroupPattern
                .flatMap(pattern -> groups.stream()
                        .filter(group -> pattern.matcher(group).matches())
                        .findFirst())
                .or(() -> groups.stream().findFirst())
                .orElse(user);
    }
}
