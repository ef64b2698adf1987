package io.lakegate.kyuubi.authn.hive;

import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.password.PasswordLogins;
import javax.security.sasl.AuthenticationException;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * Spark Thrift Server (HiveServer2) password provider, the same logins as
 * Kyuubi's {@code LdapPasswdAuthenticationProvider}:
 * {@code hive.server2.authentication=CUSTOM}, {@code hive.server2.custom.authentication.class} set to this class and
 * the {@code kyuubi.authentication.lakegate.*} keys in hive-site.xml. The server creates one per login with
 * Hadoop's {@code ReflectionUtils}, which hands it the server's Hive conf.
 */
public final class LdapHiveAuthenticationProvider implements PasswdAuthenticationProvider, Configurable {
    private Configuration conf;
    private PasswordLogin login;

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
        this.login = PasswordLogins.ldap(HiveProviders.settings(conf));
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        HiveProviders.login(login, user, password);
    }
}
