package io.lakegate.kyuubi.authn.kyuubi;

import io.lakegate.kyuubi.authn.password.LoginFailedException;
import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.password.ShortNames;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;

/** What Kyuubi's password providers have in common: Kyuubi tells them no client address (see the README). */
final class PasswordProviders {
    private PasswordProviders() {}

    static void login(PasswordLogin login, String user, String password) throws AuthenticationException {
        ShortNames.check(user, "login of", Optional.empty());
        try {
            login.login(user, password, Optional.empty());
        } catch (LoginFailedException e) {
            throw new AuthenticationException(e.getMessage());
        }
    }
}
