package io.lakegate.packaging.kyuubi;

import static io.lakegate.packaging.kyuubi.HostClassLoaders.call;
import static io.lakegate.packaging.kyuubi.HostClassLoaders.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.sasl.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Spark Thrift Server adapters of the drop-in jar in {@code $SPARK_HOME/jars}: a class loader of the drop-in jar,
 * Spark 3.5's Thrift server jar (Hive's service classes), Hadoop's client and SLF4J; each adapter created as the
 * server creates a custom provider, with Hadoop's {@code ReflectionUtils.newInstance(class, conf)}.
 */
final class SparkThriftServerAdaptersIT {
    private static final String HIVE_PROVIDER = "org.apache.hive.service.auth.PasswdAuthenticationProvider";

    private static TestDirectory directory;

    private URLClassLoader spark;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = TestDirectory.start();
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    /** Left open, as Spark's is: the pooled connections' reader threads outlive the test and still load classes. */
    @BeforeEach
    void startSpark() {
        spark = HostClassLoaders.sparkThriftServer();
    }

    @Test
    void ldapAdapterAuthenticatesAgainstTheDirectory() throws Exception {
        Object provider = createLikeTheThriftServer("LdapHiveAuthenticationProvider", directory.passwordSettings());

        authenticate(provider, "alice", TestDirectory.ALICE_PASSWORD);
        assertThatThrownBy(() -> authenticate(provider, "alice", "not-her-password"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void chainAdapterAuthenticatesAgainstTheDirectory() throws Exception {
        Map<String, String> settings = new HashMap<>(directory.passwordSettings());
        settings.put("kyuubi.authentication.lakegate.chain", "ldap");
        Object provider = createLikeTheThriftServer("ChainHiveAuthenticationProvider", settings);

        authenticate(provider, "alice", TestDirectory.ALICE_PASSWORD);
        assertThatThrownBy(() -> authenticate(provider, "alice", "not-her-password"))
                .isInstanceOf(AuthenticationException.class);
    }

    /** As Hive's {@code CustomAuthenticationProviderImpl}: the class from the conf, made by Hadoop's ReflectionUtils. */
    private Object createLikeTheThriftServer(String simpleName, Map<String, String> settings) throws Exception {
        return in(spark, () -> {
            Class<?> type = Class.forName("io.lakegate.kyuubi.authn.hive." + simpleName, true, spark);
            assertThat(type.getClassLoader()).isSameAs(spark);
            assertThat(Class.forName(HIVE_PROVIDER, false, spark)).isAssignableFrom(type);
            Class<?> confType = Class.forName("org.apache.hadoop.conf.Configuration", true, spark);
            Object conf = confType.getConstructor(boolean.class).newInstance(false);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                confType.getMethod("set", String.class, String.class)
                        .invoke(conf, setting.getKey(), setting.getValue());
            }
            Class<?> reflectionUtils = Class.forName("org.apache.hadoop.util.ReflectionUtils", true, spark);
            try {
                return reflectionUtils
                        .getMethod("newInstance", Class.class, confType)
                        .invoke(null, type, conf);
            } catch (InvocationTargetException e) {
                throw HostClassLoaders.rethrown(e);
            }
        });
    }

    private void authenticate(Object provider, String user, String password) throws Exception {
        in(spark, () -> call(provider, "Authenticate", List.of(String.class, String.class), user, password));
    }
}
