package io.lakegate.kyuubi.authn.hive;

import io.lakegate.kyuubi.authn.password.PasswordLogins;

/**
 * Spark Thrift Server (HiveServer2) password provider, the same logins as
 * Kyuubi's {@code LdapPasswdAuthenticationProvider}:
 * {@code hive.server2.authentication=CUSTOM}, {@code hive.server2.custom.authentication.class} set to this class and
 * the {@code kyuubi.authentication.lakegate.*} keys in hive-site.xml. The server creates one per login with
 * Hadoop's {@code ReflectionUtils}, which hands it the server's Hive conf.
 */
public final class LdapHiveAuthenticationProvider extends HivePasswordProvider {
    public LdapHiveAuthenticationProvider() {
        super(PasswordLogins::ldap);
    }
}
