package io.lakegate.kyuubi.authn.password;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import io.lakegate.kyuubi.authn.ldap.LdapDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide logins the hosts' providers share, one per kind and configuration: hosts create a provider per
 * connection, while the directory's pool, the cache of logins and the failure counts must outlive it. Creating one
 * validates its settings, so a provider's constructor fails with the key to fix.
 */
public final class PasswordLogins {
    public static final String CHAIN = "kyuubi.authentication.lakegate.chain";
    private static final String PREFIX = "kyuubi.authentication.lakegate.";
    private static final List<String> SOURCES = List.of("ldap", "file");
    private static final Map<Map.Entry<String, AuthnSettings>, PasswordLogin> SHARED = new ConcurrentHashMap<>();

    private PasswordLogins() {}

    /** Logins against the LDAP directory of {@code kyuubi.authentication.lakegate.ldap.*}. */
    public static PasswordLogin ldap(AuthnSettings settings) {
        return SHARED.computeIfAbsent(
                Map.entry("ldap", settings.withPrefix(PREFIX)),
                key -> new PasswordLogin("LDAP", member("ldap", key.getValue()), LoginPolicy.from(key.getValue())));
    }

    /** Logins against the sources {@value #CHAIN} lists in order: {@code ldap}, {@code file}. */
    public static PasswordLogin chain(AuthnSettings settings) {
        return SHARED.computeIfAbsent(Map.entry("chain", settings.withPrefix(PREFIX)), key -> {
            List<String> names = key.getValue().list(CHAIN);
            if (names.isEmpty()) {
                throw new ConfigException(CHAIN, "is not set", "list the sources to try in order, such as ldap,file");
            }
            if (!SOURCES.containsAll(names)) {
                throw new ConfigException(CHAIN, "lists " + names, "list sources among " + SOURCES);
            }
            if (Set.copyOf(names).size() < names.size()) {
                throw new ConfigException(CHAIN, "lists " + names, "list each source once");
            }
            List<Map.Entry<String, PasswordAuthenticator>> members = new ArrayList<>();
            for (String name : names) {
                members.add(Map.entry(name, member(name, key.getValue())));
            }
            return new PasswordLogin(
                    "Login chain " + names, new AuthenticatorChain(members), LoginPolicy.from(key.getValue()));
        });
    }

    private static PasswordAuthenticator member(String name, AuthnSettings settings) {
        return switch (name) {
            case "ldap" -> LdapDirectory.of(settings);
            case "file" -> AccountsFile.from(settings);
            default -> throw new ConfigException(CHAIN, "lists [" + name + "]", "list sources among ldap and file");
        };
    }
}
