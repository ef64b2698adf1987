package org.apache.kyuubi.service.authentication;

import javax.security.sasl.AuthenticationException;

/**
 * Compile-only copy of Kyuubi's Scala trait {@code PasswdAuthenticationProvider} (kyuubi-common), which
 * compiles to this plain interface. Configured with {@code kyuubi.authentication=CUSTOM} and
 * {@code kyuubi.authentication.custom.class}.
 */
public interface PasswdAuthenticationProvider {
    void authenticate(String user, String password) throws AuthenticationException;
}
