package io.lakegate.kyuubi.authn.kyuubi;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.password.PasswordLogins;
import javax.security.sasl.AuthenticationException;
import org.apache.kyuubi.config.KyuubiConf;
import org.apache.kyuubi.service.authentication.PasswdAuthenticationProvider;

/**
 * Kyuubi password provider trying the sources {@code kyuubi.authentication.lakegate.chain} lists in
 * order (ldap, file): {@code kyuubi.authentication=CUSTOM},
 * {@code kyuubi.authentication.custom.class} (and {@code .custom.basic.class} for HTTP) set to this class, and each
 * source's keys ({@code kyuubi.authentication.lakegate.ldap.*}, {@code kyuubi.authentication.lakegate.file.path}).
 */
public final class ChainPasswdAuthenticationProvider implements PasswdAuthenticationProvider {
    private final PasswordLogin login;

    public ChainPasswdAuthenticationProvider(KyuubiConf conf) {
        this(KyuubiSettings.of(requireNonNull(conf, "conf is null")));
    }

    public ChainPasswdAuthenticationProvider() {
        this(AuthnSettings.fromKyuubiDefaults());
    }

    private ChainPasswdAuthenticationProvider(AuthnSettings settings) {
        this.login = PasswordLogins.chain(settings);
    }

    @Override
    public void authenticate(String user, String password) throws AuthenticationException {
        PasswordProviders.login(login, user, password);
    }
}
