package io.lakegate.kyuubi.authn.ldap;

import static java.util.Objects.requireNonNull;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.RDN;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The directory, validated when a provider starts: keys {@code kyuubi.authentication.lakegate.ldap.*} (the README
 * lists them). Users are found either by DN patterns ({@code uid=%s,ou=people,...}, tried in order) or by a search
 * as a service account; group membership either from an attribute of the user's entry ({@code memberOf}) or by
 * searching groups that list the user.
 */
public final class LdapConfig {
    public static final String PREFIX = "kyuubi.authentication.lakegate.ldap.";
    public static final String URL = PREFIX + "url";
    public static final String START_TLS = PREFIX + "startTls";
    public static final String TRUST_STORE = PREFIX + "trustStore";
    public static final String TRUST_STORE_PASSWORD = PREFIX + "trustStorePassword";
    public static final String TRUST_STORE_TYPE = PREFIX + "trustStoreType";
    public static final String HOSTNAME_VERIFICATION = PREFIX + "hostnameVerification";
    public static final String USER_DN_PATTERNS = PREFIX + "userDnPatterns";
    public static final String BIND_DN = PREFIX + "bindDn";
    public static final String BIND_PASSWORD = PREFIX + "bindPassword";
    public static final String USER_SEARCH_BASE = PREFIX + "userSearchBase";
    public static final String USER_SEARCH_ATTRIBUTE = PREFIX + "userSearchAttribute";
    public static final String USER_SEARCH_FILTER = PREFIX + "userSearchFilter";
    public static final String REQUIRED_GROUPS = PREFIX + "requiredGroups";
    public static final String USER_GROUP_ATTRIBUTE = PREFIX + "userGroupAttribute";
    public static final String GROUP_SEARCH_BASE = PREFIX + "groupSearchBase";
    public static final String GROUP_OBJECT_CLASS = PREFIX + "groupObjectClass";
    public static final String GROUP_MEMBER_ATTRIBUTE = PREFIX + "groupMemberAttribute";
    public static final String GROUP_NAME_ATTRIBUTE = PREFIX + "groupNameAttribute";
    public static final String NESTED_GROUP_DEPTH = PREFIX + "nestedGroupDepth";
    public static final String POOL_SIZE = PREFIX + "poolSize";
    public static final String CONNECT_TIMEOUT = PREFIX + "connectTimeout";
    public static final String RESPONSE_TIMEOUT = PREFIX + "responseTimeout";
    public static final String POOL_WAIT_TIMEOUT = PREFIX + "poolWaitTimeout";

    private final List<LDAPURL> urls;
    private final boolean secure;
    private final boolean startTls;
    private final Optional<Path> trustStore;
    private final Optional<String> trustStorePassword;
    private final String trustStoreType;
    private final boolean hostnameVerification;
    private final List<UserDnPattern> userDnPatterns;
    private final Optional<ServiceAccount> serviceAccount;
    private final Optional<UserSearch> userSearch;
    private final List<String> requiredGroups;
    private final Optional<String> userGroupAttribute;
    private final Optional<DN> groupSearchBase;
    private final String groupObjectClass;
    private final String groupMemberAttribute;
    private final String groupNameAttribute;
    private final int nestedGroupDepth;
    private final int poolSize;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration poolWaitTimeout;

    private LdapConfig(AuthnSettings settings) {
        urls = urls(settings);
        secure = urls.get(0).getScheme().equals("ldaps");
        startTls = settings.bool(START_TLS, false);
        if (startTls && secure) {
            throw new ConfigException(START_TLS, "is true for an ldaps:// URL", "use ldap:// URLs with StartTLS");
        }
        trustStore = settings.path(TRUST_STORE);
        trustStore.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new ConfigException(
                        TRUST_STORE, "names [" + path + "], which cannot be read", "name a readable trust store");
            }
        });
        trustStorePassword = settings.secret(TRUST_STORE_PASSWORD);
        trustStoreType = settings.get(TRUST_STORE_TYPE).orElse("PKCS12");
        hostnameVerification = settings.bool(HOSTNAME_VERIFICATION, true);

        userDnPatterns = settings.get(USER_DN_PATTERNS).stream()
                .flatMap(value -> Arrays.stream(value.split(":")))
                .map(String::trim)
                .filter(pattern -> !pattern.isEmpty())
                .map(UserDnPattern::parse)
                .toList();
        Optional<String> bindDn = settings.get(BIND_DN);
        Optional<String> bindPassword = settings.secret(BIND_PASSWORD);
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            throw new ConfigException(
                    bindDn.isPresent() ? BIND_PASSWORD : BIND_DN,
                    "is not set while " + (bindDn.isPresent() ? BIND_DN : BIND_PASSWORD) + " is",
                    "set both the service account's DN and its password, or neither");
        }
        serviceAccount = bindDn.map(dn -> new ServiceAccount(parseDn(BIND_DN, dn), bindPassword.orElseThrow()));
        Optional<String> searchBase = settings.get(USER_SEARCH_BASE);
        if (userDnPatterns.isEmpty() == searchBase.isEmpty()) {
            throw new ConfigException(
                    USER_DN_PATTERNS,
                    userDnPatterns.isEmpty()
                            ? "and " + USER_SEARCH_BASE + " are both unset"
                            : "and " + USER_SEARCH_BASE + " are both set",
                    "set exactly one: DN patterns such as uid=%s,ou=people,dc=example,dc=com, or a search base (with "
                            + BIND_DN + " for the search)");
        }
        userSearch = searchBase.map(base -> new UserSearch(
                parseDn(USER_SEARCH_BASE, base),
                settings.get(USER_SEARCH_ATTRIBUTE).orElse("uid"),
                settings.get(USER_SEARCH_FILTER).map(filter -> parseFilter(USER_SEARCH_FILTER, filter))));

        requiredGroups = settings.list(REQUIRED_GROUPS);
        userGroupAttribute = settings.get(USER_GROUP_ATTRIBUTE);
        groupSearchBase = settings.get(GROUP_SEARCH_BASE).map(base -> parseDn(GROUP_SEARCH_BASE, base));
        groupObjectClass = settings.get(GROUP_OBJECT_CLASS).orElse("groupOfNames");
        groupMemberAttribute = settings.get(GROUP_MEMBER_ATTRIBUTE).orElse("member");
        groupNameAttribute = settings.get(GROUP_NAME_ATTRIBUTE).orElse("cn");
        nestedGroupDepth = settings.positiveInt(NESTED_GROUP_DEPTH, 5);
        if (!requiredGroups.isEmpty()) {
            requireGroupLookup(REQUIRED_GROUPS);
        }

        poolSize = settings.positiveInt(POOL_SIZE, 10);
        connectTimeout = positive(settings, CONNECT_TIMEOUT, Duration.ofSeconds(5));
        responseTimeout = positive(settings, RESPONSE_TIMEOUT, Duration.ofSeconds(5));
        poolWaitTimeout = positive(settings, POOL_WAIT_TIMEOUT, Duration.ofSeconds(5));
    }

    public static LdapConfig from(AuthnSettings settings) {
        return new LdapConfig(requireNonNull(settings, "settings is null"));
    }

    /** Whether group membership can be read: required by group checks and by the LDAP group provider. */
    public void requireGroupLookup(String forKey) {
        if (userGroupAttribute.isEmpty() && groupSearchBase.isEmpty()) {
            throw new ConfigException(
                    forKey,
                    "needs group membership, and neither " + USER_GROUP_ATTRIBUTE + " nor " + GROUP_SEARCH_BASE
                            + " is set",
                    "set " + USER_GROUP_ATTRIBUTE + " (memberOf) or " + GROUP_SEARCH_BASE);
        }
    }

    private static List<LDAPURL> urls(AuthnSettings settings) {
        String value = settings.required(URL, "set the directory's URL, such as ldaps://ldap.example.com:636");
        List<LDAPURL> urls = new ArrayList<>();
        for (String each : value.trim().split("[\\s,]+")) {
            try {
                LDAPURL url = new LDAPURL(each);
                if (!url.getScheme().equals("ldap") && !url.getScheme().equals("ldaps")) {
                    throw new ConfigException(URL, "has [" + each + "]", "use ldap:// or ldaps:// URLs");
                }
                urls.add(url);
            } catch (LDAPException e) {
                throw new ConfigException(
                        URL,
                        "has [" + each + "], which is no LDAP URL",
                        "use URLs such as ldaps://ldap.example.com:636");
            }
        }
        if (urls.stream().map(LDAPURL::getScheme).distinct().count() > 1) {
            throw new ConfigException(URL, "mixes ldap:// and ldaps://", "use one scheme for every server");
        }
        return List.copyOf(urls);
    }

    private static Duration positive(AuthnSettings settings, String key, Duration defaultValue) {
        Duration value = settings.duration(key, defaultValue);
        if (value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigException(key, "is " + value, "set a duration above zero, such as PT5S");
        }
        return value;
    }

    static DN parseDn(String key, String value) {
        try {
            return new DN(value);
        } catch (LDAPException e) {
            throw new ConfigException(
                    key, "is [" + value + "], which is no DN", "set a DN such as ou=people,dc=example,dc=com");
        }
    }

    private static Filter parseFilter(String key, String value) {
        try {
            return Filter.create(value);
        } catch (LDAPException e) {
            throw new ConfigException(
                    key, "is [" + value + "], which is no LDAP filter", "set a filter such as (objectClass=person)");
        }
    }

    List<LDAPURL> urls() {
        return urls;
    }

    boolean secure() {
        return secure;
    }

    boolean startTls() {
        return startTls;
    }

    Optional<Path> trustStore() {
        return trustStore;
    }

    Optional<String> trustStorePassword() {
        return trustStorePassword;
    }

    String trustStoreType() {
        return trustStoreType;
    }

    boolean hostnameVerification() {
        return hostnameVerification;
    }

    List<UserDnPattern> userDnPatterns() {
        return userDnPatterns;
    }

    Optional<ServiceAccount> serviceAccount() {
        return serviceAccount;
    }

    Optional<UserSearch> userSearch() {
        return userSearch;
    }

    List<String> requiredGroups() {
        return requiredGroups;
    }

    Optional<String> userGroupAttribute() {
        return userGroupAttribute;
    }

    Optional<DN> groupSearchBase() {
        return groupSearchBase;
    }

    String groupObjectClass() {
        return groupObjectClass;
    }

    String groupMemberAttribute() {
        return groupMemberAttribute;
    }

    String groupNameAttribute() {
        return groupNameAttribute;
    }

    int nestedGroupDepth() {
        return nestedGroupDepth;
    }

    int poolSize() {
        return poolSize;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration responseTimeout() {
        return responseTimeout;
    }

    Duration poolWaitTimeout() {
        return poolWaitTimeout;
    }

    /** {@code attribute=%s,parent}: the user's name becomes the first RDN's value, escaped by construction. */
    record UserDnPattern(String attribute, DN parent) {
        static UserDnPattern parse(String pattern) {
            int comma = pattern.indexOf(',');
            String first = comma < 0 ? pattern : pattern.substring(0, comma);
            int equals = first.indexOf('=');
            if (equals <= 0 || !first.substring(equals + 1).trim().equals("%s") || comma < 0) {
                throw new ConfigException(
                        USER_DN_PATTERNS,
                        "has [" + pattern + "]",
                        "start each pattern with attribute=%s followed by the parent DN, such as"
                                + " uid=%s,ou=people,dc=example,dc=com (patterns are separated by ':')");
            }
            return new UserDnPattern(
                    first.substring(0, equals).trim(), parseDn(USER_DN_PATTERNS, pattern.substring(comma + 1)));
        }

        DN dnOf(String user) {
            return new DN(new RDN(attribute, user), parent);
        }
    }

    record ServiceAccount(DN dn, String password) {
        @Override
        public String toString() {
            return "ServiceAccount[" + dn + "]";
        }
    }

    record UserSearch(DN base, String attribute, Optional<Filter> filter) {
        Filter filterFor(String user) {
            Filter byName = Filter.createEqualityFilter(attribute, user);
            return filter.map(extra -> Filter.createANDFilter(extra, byName)).orElse(byName);
        }
    }
}
