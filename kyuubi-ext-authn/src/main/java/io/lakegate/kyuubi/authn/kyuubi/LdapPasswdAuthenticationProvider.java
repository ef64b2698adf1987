package io.lakegate.kyuubi.authn.kyuubi;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.password.PasswordLogins;
import javax.security.sasl.AuthenticationException;
import org.apache.kyuubi.config.KyuubiConf;
import org.apache.kyuubi.service.authentication.PasswdAuthenticationProvider;

/**
 * Kyuubi password provider checking users against an LDAP directory: {@code kyuubi.authentication=CUSTOM},
 * {@code kyuubi.authentication.custom.class} (and {@code .custom.basic.class} for HTTP) set to this class, and the
 * directory in {@code kyuubi.authentication.lakegate.ldap.*}.
 */
public final class LdapPasswdAuthenticationProvider implements PasswdAuthenticationProvider {
    private final PasswordLogin login;

    public LdapPasswdAuthenticationProvider(KyuubiConf conf) {
        this(KyuubiSettings.of(requireNonNull(conf, "conf is null")));
    }

    public LdapPasswdAuthenticationProvider() {
        this(AuthnSettings.fromKyuubiDefaults());
    }

    private LdapPasswdAuthenticationProvider(AuthnSettings settings) {
        this.login = PasswordLogins.ldap(settings);
    }

    @Override
    public void authenticate(String user, String password) throws AuthenticationException {
        PasswordProviders.login(login, user, password);
    }
}
