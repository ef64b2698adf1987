package io.lakegate.kyuubi.authn.hive;

import static io.lakegate.kyuubi.authn.TestDirectory.PASSWORD;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.kyuubi.authn.TestDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.sasl.AuthenticationException;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hive.service.auth.AuthenticationProviderFactory;
import org.apache.hive.service.auth.AuthenticationProviderFactory.AuthMethods;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;
import org.junit.jupiter.api.Test;

/**
 * The Spark Thrift Server adapter created the way the server creates it for every login: Spark's own
 * {@code AuthenticationProviderFactory} for {@code CUSTOM}, whose provider reads hive-site.xml into a new
 * {@code HiveConf} and instantiates the configured class with Hadoop's {@code ReflectionUtils}.
 */
class ThriftServerContractTest {
    private static final TestDirectory DIRECTORY = TestDirectory.get();

    @Test
    void theServersFactoryCreatesTheLdapAdapterFromHiveSiteAndItChecksPasswords() throws Exception {
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put("hive.server2.custom.authentication.class", LdapHiveAuthenticationProvider.class.getName());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        settings.forEach((key, value) -> xml.append("  <property><name>")
                .append(key)
                .append("</name><value>")
                .append(value)
                .append("</value></property>\n"));
        xml.append("</configuration>\n");
        Path hiveSite = Files.createTempDirectory("hive-conf").resolve("hive-site.xml");
        Files.writeString(hiveSite, xml);
        HiveConf.setHiveSiteLocation(hiveSite.toUri().toURL());
        try {
            PasswdAuthenticationProvider provider =
                    AuthenticationProviderFactory.getAuthenticationProvider(AuthMethods.CUSTOM);
            assertThatCode(() -> provider.Authenticate("alice", PASSWORD)).doesNotThrowAnyException();
            assertThatThrownBy(() -> provider.Authenticate("alice", "wrong"))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("Authentication failed: invalid user name or password");
            assertThatThrownBy(() -> provider.Authenticate("*", PASSWORD)).isInstanceOf(AuthenticationException.class);
            // The server would cut it to alice.
            assertThatThrownBy(() -> provider.Authenticate("alice@partner.example", PASSWORD))
                    .hasMessageContaining("'/' or '@'");
        } finally {
            HiveConf.setHiveSiteLocation(null);
        }
    }
}
