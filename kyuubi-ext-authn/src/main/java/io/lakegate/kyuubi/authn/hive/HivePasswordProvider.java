package io.lakegate.kyuubi.authn.hive;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.password.LoginFailedException;
import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.password.ShortNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.security.sasl.AuthenticationException;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * A HiveServer2 password provider over one of Lakegate's logins. HiveServer2 names the provider by class and creates
 * one per login with Hadoop's {@code ReflectionUtils}, which hands it the server's Hive conf: so one named subclass
 * per login kind, each saying only which login it is. Public, with a package-private constructor: a host that calls
 * the provider's methods by reflection through the class it created must be allowed to.
 */
public abstract class HivePasswordProvider implements PasswdAuthenticationProvider, Configurable {
    private static final String PREFIX = "kyuubi.authentication.lakegate.";

    private final Function<AuthnSettings, PasswordLogin> logins;
    private Configuration conf;
    private PasswordLogin login;

    HivePasswordProvider(Function<AuthnSettings, PasswordLogin> logins) {
        this.logins = requireNonNull(logins, "logins is null");
    }

    @Override
    public final void setConf(Configuration conf) {
        this.conf = conf;
        this.login = logins.apply(settings(conf));
    }

    @Override
    public final Configuration getConf() {
        return conf;
    }

    @Override
    public final void Authenticate(String user, String password) throws AuthenticationException {
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

    /** The server's Hive conf (hive-site.xml): the same keys as in Kyuubi's conf. */
    private static AuthnSettings settings(Configuration conf) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> entry : conf) {
            if (entry.getKey().startsWith(PREFIX)) {
                values.put(entry.getKey(), conf.get(entry.getKey()));
            }
        }
        return AuthnSettings.of(values);
    }
}
