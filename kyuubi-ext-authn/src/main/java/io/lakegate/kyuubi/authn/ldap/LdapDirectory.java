package io.lakegate.kyuubi.authn.ldap;

import static java.util.Objects.requireNonNull;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllSSLSocketVerifier;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import io.lakegate.kyuubi.authn.ldap.LdapConfig.UserDnPattern;
import io.lakegate.kyuubi.authn.ldap.LdapConfig.UserSearch;
import io.lakegate.kyuubi.authn.password.LoginRejectedException;
import io.lakegate.kyuubi.authn.password.PasswordAuthenticator;
import io.lakegate.kyuubi.authn.password.SourceUnavailableException;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * A directory behind a pool of connections, bound as the service account (or anonymous): finds users, checks
 * their passwords with a bind on a pooled connection (then authenticates it back), and reads their groups, nested
 * ones included. Connections are created when needed, so a directory that is down when Kyuubi starts is used once
 * it is up; every operation is bounded by the connect, response and pool-wait timeouts. One per configuration in a
 * process ({@link #of}).
 */
public final class LdapDirectory implements PasswordAuthenticator, AutoCloseable {
    private static final Map<AuthnSettings, LdapDirectory> SHARED = new ConcurrentHashMap<>();
    private static final String[] NO_ATTRIBUTES = {"1.1"};

    private final LdapConfig config;
    private final LDAPConnectionPool pool;
    private final Optional<BindRequest> serviceBind;
    private final AtomicInteger inUse = new AtomicInteger();

    LdapDirectory(LdapConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.serviceBind =
                config.serviceAccount().map(account -> new SimpleBindRequest(account.dn(), account.password()));
        try {
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
            options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
            options.setAbandonOnTimeout(true);
            options.setSSLSocketVerifier(
                    config.hostnameVerification()
                            ? new HostNameSSLSocketVerifier(true)
                            : TrustAllSSLSocketVerifier.getInstance());
            SSLSocketFactory tls = config.secure() || config.startTls() ? sslSocketFactory(config) : null;
            List<LDAPURL> urls = config.urls();
            String[] hosts = urls.stream().map(LDAPURL::getHost).toArray(String[]::new);
            int[] ports = urls.stream().mapToInt(LDAPURL::getPort).toArray();
            SocketFactory sockets = config.secure() ? tls : SocketFactory.getDefault();
            FailoverServerSet servers = new FailoverServerSet(hosts, ports, sockets, options);
            PostConnectProcessor startTls = config.startTls() ? new StartTLSPostConnectProcessor(tls) : null;
            // No connection at start and no failure if the directory is down: connections are made on demand.
            this.pool =
                    new LDAPConnectionPool(servers, serviceBind.orElse(null), 0, config.poolSize(), startTls, false);
            pool.setCreateIfNecessary(true);
            pool.setMaxWaitTimeMillis(config.poolWaitTimeout().toMillis());
            pool.setConnectionPoolName("lakegate-ldap");
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot set up the LDAP connection pool: " + e.getMessage(), e);
        }
    }

    /** The directory {@code settings} configure, shared by every provider configured alike in this process. */
    public static LdapDirectory of(AuthnSettings settings) {
        return SHARED.computeIfAbsent(
                settings.withPrefix(LdapConfig.PREFIX), ldap -> new LdapDirectory(LdapConfig.from(ldap)));
    }

    private static SSLSocketFactory sslSocketFactory(LdapConfig config) {
        try {
            SSLUtil ssl = config.trustStore()
                    .map(path -> new SSLUtil(new TrustStoreTrustManager(
                            path.toFile(),
                            config.trustStorePassword().map(String::toCharArray).orElse(null),
                            config.trustStoreType(),
                            true)))
                    .orElseGet(() -> new SSLUtil(JVMDefaultTrustManager.getInstance()));
            return ssl.createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ConfigException(
                    LdapConfig.TRUST_STORE,
                    "cannot be used (" + e.getMessage() + ")",
                    "name a trust store of type " + config.trustStoreType() + " and its password");
        }
    }

    /**
     * Returns if {@code password} is the user's and they are in one of the required groups (if any). The caller
     * has refused empty passwords: an empty one would be an unauthenticated bind, which succeeds.
     */
    @Override
    public void authenticate(String user, String password) throws LoginRejectedException, SourceUnavailableException {
        LDAPConnection connection = checkOut();
        boolean usable = true;
        try {
            DN dn = bindAsUser(connection, user, password);
            if (!config.requiredGroups().isEmpty()) {
                // Read groups as the service account where there is one, else as the user just bound.
                if (serviceBind.isPresent()) {
                    connection.bind(serviceBind.get().duplicate());
                }
                List<Group> groups = groupsOf(connection, dn);
                if (groups.stream().noneMatch(this::required)) {
                    throw new LoginRejectedException(
                            "[" + dn + "] is in none of the required groups " + config.requiredGroups() + " (member of "
                                    + groups.stream().map(Group::name).toList() + ")");
                }
            }
        } catch (LDAPException e) {
            usable = usable(e);
            throw unavailable("checking [" + user + "]", e);
        } finally {
            inUse.decrementAndGet();
            if (usable) {
                pool.releaseAndReAuthenticateConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    /** The groups of {@code user}, direct ones first; empty if the directory has no such user. */
    public List<Group> groupsOfUser(String user) throws SourceUnavailableException {
        LDAPConnection connection = checkOut();
        boolean usable = true;
        try {
            Optional<DN> dn = findUser(connection, user);
            return dn.isEmpty() ? List.of() : groupsOf(connection, dn.get());
        } catch (LDAPException e) {
            usable = usable(e);
            throw unavailable("reading the groups of [" + user + "]", e);
        } finally {
            inUse.decrementAndGet();
            if (usable) {
                pool.releaseConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    LdapConfig config() {
        return config;
    }

    /** The pool's counters: connections made, checked out, released, closed. */
    public LDAPConnectionPoolStatistics statistics() {
        return pool.getConnectionPoolStatistics();
    }

    // A connection that timed out may still have an answer on its way: never hand it out again.
    private static boolean usable(LDAPException e) {
        return ResultCode.isConnectionUsable(e.getResultCode())
                && !ResultCode.isClientSideResultCode(e.getResultCode());
    }

    @Override
    public void close() {
        SHARED.values().remove(this);
        pool.close();
    }

    /** Connections Lakegate holds now: zero between logins, whatever failed. */
    public int connectionsInUse() {
        return inUse.get();
    }

    private LDAPConnection checkOut() throws SourceUnavailableException {
        try {
            LDAPConnection connection = pool.getConnection();
            inUse.incrementAndGet();
            return connection;
        } catch (LDAPException e) {
            throw unavailable("connecting to " + config.urls(), e);
        }
    }

    private DN bindAsUser(LDAPConnection connection, String user, String password)
            throws LDAPException, LoginRejectedException {
        if (config.userSearch().isPresent()) {
            DN dn = findUser(connection, user)
                    .orElseThrow(() -> new LoginRejectedException("no single entry named exactly [" + user + "] under "
                            + config.userSearch().get().base()));
            try {
                connection.bind(new SimpleBindRequest(dn, password));
                return dn;
            } catch (LDAPException e) {
                if (rejects(e.getResultCode())) {
                    throw new LoginRejectedException("the directory refused the password for " + dn);
                }
                throw e;
            }
        }
        for (UserDnPattern pattern : config.userDnPatterns()) {
            DN dn = pattern.dnOf(user);
            try {
                connection.bind(new SimpleBindRequest(dn, password));
            } catch (LDAPException e) {
                if (rejects(e.getResultCode())) {
                    continue;
                }
                throw e;
            }
            // Directories match names ignoring case: ALICE would bind as alice and be another user to every engine.
            if (!namedExactly(connection, dn, pattern.attribute(), user)) {
                throw new LoginRejectedException("[" + user + "] names " + dn + " only ignoring case or spacing");
            }
            // bob of another pattern's subtree must not log in as, and get the groups of, the first one's bob.
            for (UserDnPattern other : config.userDnPatterns()) {
                DN otherDn = other.dnOf(user);
                if (other != pattern && connection.getEntry(otherDn.toString(), NO_ATTRIBUTES) != null) {
                    throw new LoginRejectedException("[" + user + "] names entries of several DN patterns (" + dn + ", "
                            + otherDn + "): refused as ambiguous");
                }
            }
            return dn;
        }
        throw new LoginRejectedException("the directory refused the password for every DN pattern of [" + user + "]");
    }

    private static boolean rejects(ResultCode code) {
        return code.equals(ResultCode.INVALID_CREDENTIALS)
                || code.equals(ResultCode.NO_SUCH_OBJECT)
                || code.equals(ResultCode.INVALID_DN_SYNTAX)
                || code.equals(ResultCode.INAPPROPRIATE_AUTHENTICATION);
    }

    private static boolean namedExactly(LDAPConnection connection, DN dn, String attribute, String user)
            throws LDAPException {
        SearchResultEntry entry = connection.getEntry(dn.toString(), attribute);
        return entry != null && namedExactly(entry, attribute, user);
    }

    private static boolean namedExactly(SearchResultEntry entry, String attribute, String user) {
        String[] values = entry.getAttributeValues(attribute);
        return values != null && Arrays.asList(values).contains(user);
    }

    /** The one entry named exactly {@code user}; none if there is none, or more than one (the operator's to fix). */
    private Optional<DN> findUser(LDAPConnection connection, String user) throws LDAPException {
        Optional<UserSearch> search = config.userSearch();
        List<DN> found = new ArrayList<>();
        if (search.isPresent()) {
            SearchResult result = connection.search(
                    search.get().base().toString(),
                    SearchScope.SUB,
                    search.get().filterFor(user),
                    search.get().attribute());
            if (result.getEntryCount() == 1
                    && namedExactly(
                            result.getSearchEntries().get(0), search.get().attribute(), user)) {
                found.add(result.getSearchEntries().get(0).getParsedDN());
            }
        } else {
            for (UserDnPattern pattern : config.userDnPatterns()) {
                DN dn = pattern.dnOf(user);
                SearchResultEntry entry;
                try {
                    entry = connection.getEntry(dn.toString(), pattern.attribute());
                } catch (LDAPException e) {
                    if (rejects(e.getResultCode())) {
                        continue;
                    }
                    throw e;
                }
                if (entry != null) {
                    if (!namedExactly(entry, pattern.attribute(), user)) {
                        return Optional.empty();
                    }
                    found.add(dn);
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Groups breadth first, direct ones first, each once, down to the configured depth (cycles end there too). */
    private List<Group> groupsOf(LDAPConnection connection, DN user) throws LDAPException {
        Map<DN, Group> found = new LinkedHashMap<>();
        Set<DN> seen = new HashSet<>();
        seen.add(user);
        Deque<DN> level = new ArrayDeque<>(List.of(user));
        for (int depth = 0; depth < config.nestedGroupDepth() && !level.isEmpty(); depth++) {
            Deque<DN> next = new ArrayDeque<>();
            for (DN member : level) {
                for (Group group : directGroups(connection, member)) {
                    if (seen.add(group.dn())) {
                        found.put(group.dn(), group);
                        next.add(group.dn());
                    }
                }
            }
            level = next;
        }
        return List.copyOf(found.values());
    }

    private List<Group> directGroups(LDAPConnection connection, DN member) throws LDAPException {
        List<Group> groups = new ArrayList<>();
        if (config.userGroupAttribute().isPresent()) {
            SearchResultEntry entry = connection.getEntry(
                    member.toString(), config.userGroupAttribute().get());
            if (entry != null) {
                for (String value : Optional.ofNullable(entry.getAttributeValues(
                                config.userGroupAttribute().get()))
                        .orElse(new String[0])) {
                    DN dn = new DN(value);
                    groups.add(new Group(dn, dn.getRDN().getAttributeValues()[0]));
                }
            }
            return groups;
        }
        Filter filter = Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", config.groupObjectClass()),
                Filter.createEqualityFilter(config.groupMemberAttribute(), member.toString()));
        SearchResult result = connection.search(
                config.groupSearchBase().orElseThrow().toString(),
                SearchScope.SUB,
                filter,
                config.groupNameAttribute());
        for (SearchResultEntry entry : result.getSearchEntries()) {
            DN dn = entry.getParsedDN();
            String name = Optional.ofNullable(entry.getAttributeValue(config.groupNameAttribute()))
                    .orElse(dn.getRDN().getAttributeValues()[0]);
            groups.add(new Group(dn, name));
        }
        return groups;
    }

    private boolean required(Group group) {
        return config.requiredGroups().stream().anyMatch(required -> required.equalsIgnoreCase(group.name()));
    }

    private SourceUnavailableException unavailable(String what, LDAPException e) {
        return new SourceUnavailableException(
                "LDAP " + config.urls() + " failed " + what + ": " + e.getResultCode() + " " + e.getMessage(), e);
    }

    /** A group: its DN and its name (its name attribute, else its first RDN's value). */
    public record Group(DN dn, String name) {
        public Group {
            requireNonNull(dn, "dn is null");
            requireNonNull(name, "name is null");
        }
    }
}
