package io.lakegate.kyuubi.authn.kyuubi;

import static io.lakegate.kyuubi.authn.TestDirectory.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.kyuubi.authn.TestDirectory;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.sasl.AuthenticationException;
import org.apache.kyuubi.config.KyuubiConf;
import org.apache.kyuubi.plugin.GroupProvider;
import org.apache.kyuubi.service.authentication.PasswdAuthenticationProvider;
import org.junit.jupiter.api.Test;

/**
 * The providers as Kyuubi 1.10 creates and calls them: by class name from the thread's context class loader, with a
 * public constructor taking its {@code KyuubiConf} if there is one, else a public no-arg one (Kyuubi's
 * {@code ClassUtils.createInstance}), a new instance per connection; group providers with the no-arg constructor
 * only ({@code PluginLoader.loadGroupProvider}).
 */
class KyuubiContractTest {
    private static final TestDirectory DIRECTORY = TestDirectory.get();

    @Test
    void ldapProviderAsKyuubiCreatesItPerConnection() throws Exception {
        KyuubiConf conf = conf(DIRECTORY.patternSettings());
        for (int connection = 0; connection < 3; connection++) {
            PasswdAuthenticationProvider provider = createLikeKyuubi(
                    LdapPasswdAuthenticationProvider.class.getName(), PasswdAuthenticationProvider.class, conf);
            provider.authenticate("alice", PASSWORD);
            assertThatThrownBy(() -> provider.authenticate("alice", "wrong"))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessage("Authentication failed: invalid user name or password");
        }
    }

    @Test
    void usersKyuubiWouldCutIntoAnotherUserAreRefused() throws Exception {
        PasswdAuthenticationProvider provider = createLikeKyuubi(
                LdapPasswdAuthenticationProvider.class.getName(),
                PasswdAuthenticationProvider.class,
                conf(DIRECTORY.patternSettings()));
        int binds = DIRECTORY.binds();
        assertThatThrownBy(() -> provider.authenticate("alice@partner.example", PASSWORD))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("'/' or '@'");
        assertThatThrownBy(() -> provider.authenticate("alice/admin", PASSWORD))
                .isInstanceOf(AuthenticationException.class);
        org.assertj.core.api.Assertions.assertThat(DIRECTORY.binds()).isEqualTo(binds);
    }

    @Test
    void chainProviderAsKyuubiCreatesIt() throws Exception {
        Path file = Files.createTempFile("accounts", ".txt");
        Files.writeString(
                file,
                "etl:"
                        + org.springframework.security.crypto.bcrypt.BCrypt.hashpw(
                                "etl-secret", org.springframework.security.crypto.bcrypt.BCrypt.gensalt(10))
                        + "\n");
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put("kyuubi.authentication.lakegate.chain", "ldap,file");
        settings.put("kyuubi.authentication.lakegate.file.path", file.toString());
        PasswdAuthenticationProvider provider = createLikeKyuubi(
                ChainPasswdAuthenticationProvider.class.getName(), PasswdAuthenticationProvider.class, conf(settings));
        provider.authenticate("alice", PASSWORD);
        provider.authenticate("etl", "etl-secret");
        assertThatThrownBy(() -> provider.authenticate("etl", PASSWORD)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aBadConfigurationFailsTheConstructorNamingTheKey() {
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.remove("kyuubi.authentication.lakegate.ldap.url");
        assertThatThrownBy(() -> createLikeKyuubi(
                        LdapPasswdAuthenticationProvider.class.getName(),
                        PasswdAuthenticationProvider.class,
                        conf(settings)))
                .rootCause()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kyuubi.authentication.lakegate.ldap.url");
    }

    @Test
    void groupProviderReadsKyuubisSettingsItselfAndFollowsNestedGroups() throws Exception {
        Path file = Files.createTempFile("groups", ".txt");
        Files.writeString(file, "alice: finance, analysts\ncarol: team-lake\n");
        Map<String, String> settings = DIRECTORY.searchSettings();
        settings.put("kyuubi.session.group.lakegate.sources", "ldap,file");
        settings.put("kyuubi.session.group.lakegate.file.path", file.toString());
        settings.forEach(System::setProperty);
        try {
            GroupProvider provider = (GroupProvider) Class.forName(
                            LakegateGroupProvider.class.getName(),
                            true,
                            Thread.currentThread().getContextClassLoader())
                    .getConstructor()
                    .newInstance();
            assertThat(provider.groups("alice", Map.of())).containsExactly("analysts", "data", "everyone", "finance");
            assertThat(provider.primaryGroup("alice", Map.of())).isEqualTo("analysts");
            assertThat(provider.groups("carol", Map.of())).containsExactly("team-lake");
            // No group anywhere: the user's own name, as Kyuubi's Hadoop group provider answers.
            assertThat(provider.primaryGroup("user7", Map.of())).isEqualTo("user7");

            System.setProperty("kyuubi.session.group.lakegate.primaryGroupPattern", "f.*");
            assertThat(new LakegateGroupProvider().primaryGroup("alice", Map.of()))
                    .isEqualTo("finance");
        } finally {
            settings.keySet().forEach(System::clearProperty);
            System.clearProperty("kyuubi.session.group.lakegate.primaryGroupPattern");
        }
    }

    @Test
    void aGroupLookupThatCannotReachTheDirectoryFailsRatherThanLeaveGroupsOut() {
        Map<String, String> settings = DIRECTORY.searchSettings();
        settings.put("kyuubi.authentication.lakegate.ldap.url", "ldap://localhost:1");
        settings.put("kyuubi.session.group.lakegate.sources", "ldap");
        settings.forEach(System::setProperty);
        try {
            GroupProvider provider = new LakegateGroupProvider();
            assertThatThrownBy(() -> provider.primaryGroup("alice", Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("The groups of [alice] are unknown");
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    static KyuubiConf conf(Map<String, String> settings) {
        KyuubiConf conf = new KyuubiConf(false);
        settings.forEach(conf::set);
        return conf;
    }

    /** Kyuubi's ClassUtils.createInstance: the KyuubiConf constructor first, else the no-arg one. */
    static <T> T createLikeKyuubi(String className, Class<T> type, KyuubiConf conf) throws Exception {
        Class<?> loaded = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        try {
            Constructor<?> withConf = loaded.getConstructor(KyuubiConf.class);
            return type.cast(withConf.newInstance(conf));
        } catch (NoSuchMethodException e) {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(className + " must extend of " + type.getName(), e.getCause());
        }
    }
}
