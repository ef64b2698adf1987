package io.lakegate.kyuubi.authn.hive;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.password.LoginFailedException;
import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.password.ShortNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import org.apache.hadoop.conf.Configuration;

/** What the Spark Thrift Server adapters have in common. */
final class HiveProviders {
    private static final String PREFIX = "kyuubi.authentication.lakegate.";

    private HiveProviders() {}

    /** The server's Hive conf (hive-site.xml): the same keys as in Kyuubi's conf. */
    static AuthnSettings settings(Configuration conf) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> entry : conf) {
            if (entry.getKey().startsWith(PREFIX)) {
                values.put(entry.getKey(), conf.get(entry.getKey()));
            }
        }
        return AuthnSettings.of(values);
    }

    static void login(PasswordLogin login, String user, String password) throws AuthenticationException {
        if (login == null) {
            throw new AuthenticationException("Authentication failed: the provider has no configuration");
        }
        ShortNames.check(user, "login of", Optional.empty());
        try {
            // The server sets the client's address only after authentication: none here.
            login.login(user, password, Optional.empty());
        } catch (LoginFailedException e) {
            throw new AuthenticationException(e.getMessage());
        }
    }
}
