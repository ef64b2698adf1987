package org.apache.kyuubi.service.authentication;

import java.security.Principal;
import javax.security.sasl.AuthenticationException;

/**
 * Compile-only copy of Kyuubi's Scala trait {@code TokenAuthenticationProvider} (kyuubi-common), configured
 * with {@code kyuubi.authentication.custom.bearer.class}. Kyuubi creates one instance per HTTP request.
 */
public interface TokenAuthenticationProvider {
    Principal authenticate(TokenCredential credential) throws AuthenticationException;
}
