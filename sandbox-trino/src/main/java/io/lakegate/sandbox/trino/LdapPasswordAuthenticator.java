package io.lakegate.sandbox.trino;

import static java.util.Objects.requireNonNull;

import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.BasicPrincipal;
import io.trino.spi.security.PasswordAuthenticator;
import java.security.Principal;
import java.util.Hashtable;
import java.util.regex.Pattern;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;

/**
 * Trino logins as the sandbox's Spark Thrift Server takes them: a simple bind to the directory as {@code
 * uid=<user>,...}. A user name that is not a plain name, or an empty password (which LDAP takes as an
 * unauthenticated bind, and lets through), is refused before the directory is asked.
 */
final class LdapPasswordAuthenticator implements PasswordAuthenticator {
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final String url;
    private final String userBindPattern;

    LdapPasswordAuthenticator(String url, String userBindPattern) {
        this.url = requireNonNull(url, "url is null");
        this.userBindPattern = requireNonNull(userBindPattern, "userBindPattern is null");
        if (!userBindPattern.contains("%s")) {
            throw new IllegalArgumentException("ldap.user-bind-pattern has no %s for the user: " + userBindPattern);
        }
    }

    // Trino 483 asks this when createAuthenticatedIdentity answers nothing, its default: the groups stay Ranger's.
    @Deprecated
    @Override
    public Principal createAuthenticatedPrincipal(String user, String password) {
        if (!USER.matcher(user).matches() || password.isEmpty()) {
            throw new AccessDeniedException("Invalid credentials");
        }
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, url);
        environment.put(Context.SECURITY_AUTHENTICATION, "simple");
        environment.put(Context.SECURITY_PRINCIPAL, userBindPattern.replace("%s", user));
        environment.put(Context.SECURITY_CREDENTIALS, password);
        environment.put("com.sun.jndi.ldap.connect.timeout", "5000");
        environment.put("com.sun.jndi.ldap.read.timeout", "5000");
        try {
            new InitialDirContext(environment).close();
        } catch (AuthenticationException e) {
            throw new AccessDeniedException("Invalid credentials");
        } catch (NamingException e) {
            throw new AccessDeniedException("The directory at " + url + " cannot be reached: " + e.getMessage());
        }
        return new BasicPrincipal(user);
    }
}
