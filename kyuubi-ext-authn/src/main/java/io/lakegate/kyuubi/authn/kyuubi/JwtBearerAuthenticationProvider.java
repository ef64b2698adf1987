package io.lakegate.kyuubi.authn.kyuubi;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.password.ShortNames;
import io.lakegate.kyuubi.authn.token.BearerTokens;
import io.lakegate.kyuubi.authn.token.InvalidBearerTokenException;
import java.security.Principal;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import org.apache.kyuubi.config.KyuubiConf;
import org.apache.kyuubi.service.authentication.TokenAuthenticationProvider;
import org.apache.kyuubi.service.authentication.TokenCredential;
import scala.Option;

/**
 * Kyuubi's bearer token provider for JWTs of an OpenID Connect identity provider:
 * {@code kyuubi.authentication.custom.bearer.class=io.lakegate.kyuubi.authn.kyuubi.JwtBearerAuthenticationProvider},
 * keys {@code kyuubi.authentication.lakegate.jwt.*}. Kyuubi creates one per HTTP request; they share the process-wide
 * {@link BearerTokens} of their settings, and with it the JWKS cache.
 */
public final class JwtBearerAuthenticationProvider implements TokenAuthenticationProvider {
    private static final String CLIENT_IP = "clientIp";

    private final BearerTokens tokens;

    /** The settings of Kyuubi's server conf; Kyuubi tries this constructor first. */
    public JwtBearerAuthenticationProvider(KyuubiConf conf) {
        this(KyuubiSettings.of(requireNonNull(conf, "conf is null")));
    }

    /** The settings of {@code kyuubi-defaults.conf}, for hosts that create providers without a conf. */
    public JwtBearerAuthenticationProvider() {
        this(AuthnSettings.fromKyuubiDefaults());
    }

    private JwtBearerAuthenticationProvider(AuthnSettings settings) {
        this.tokens = BearerTokens.forSettings(settings);
    }

    @Override
    public Principal authenticate(TokenCredential credential) throws AuthenticationException {
        requireNonNull(credential, "credential is null");
        Optional<String> clientIp = Optional.empty();
        if (credential.extraInfo() != null) {
            Option<String> ip = credential.extraInfo().get(CLIENT_IP);
            if (ip.isDefined()) {
                clientIp = Optional.ofNullable(ip.get());
            }
        }
        String user;
        try {
            user = tokens.validate(credential.token(), clientIp).user();
        } catch (InvalidBearerTokenException e) {
            throw new AuthenticationException(e.getMessage());
        }
        ShortNames.check(user, "token of", clientIp);
        return new UserPrincipal(user);
    }
}
