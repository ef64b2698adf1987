package io.lakegate.kyuubi.routing.kyuubi;

import static io.lakegate.kyuubi.routing.kyuubi.KyuubiHost.advisor;
import static io.lakegate.kyuubi.routing.kyuubi.KyuubiHost.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kyuubi.plugin.SessionConfAdvisor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups from a real (in-process) directory, through kyuubi-ext-authn's LDAP group source, select rules and limits. */
class LdapGroupRoutingTest {
    private static final String BASE = "dc=example,dc=com";
    private static InMemoryDirectoryServer directory;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.addAdditionalBindCredentials("cn=svc," + BASE, "svc-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
        directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        for (String user : new String[] {"dave", "erin"}) {
            directory.add(
                    "dn: uid=" + user + ",ou=people," + BASE,
                    "objectClass: inetOrgPerson",
                    "uid: " + user,
                    "cn: " + user,
                    "sn: " + user);
        }
        directory.add(
                "dn: cn=data-engineering,ou=groups," + BASE,
                "objectClass: groupOfNames",
                "cn: data-engineering",
                "member: uid=dave,ou=people," + BASE);
        directory.add(
                "dn: cn=bi,ou=groups," + BASE,
                "objectClass: groupOfNames",
                "cn: bi",
                "member: uid=erin,ou=people," + BASE);
        directory.startListening();
    }

    @AfterAll
    static void stopDirectory() {
        directory.shutDown(true);
    }

    @Test
    void directoryGroupsPickTheRuleAndTheLimits() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(
                rules,
                """
                rules:
                  - name: dashboards
                    match: {groups: [bi]}
                    engine: {type: TRINO, shareLevel: GROUP}
                  - name: everyone
                    engine: {type: SPARK_SQL}
                limits:
                  - groups: [data-engineering]
                    max: {spark.executor.memory: 16g}
                  - max: {spark.executor.memory: 8g}
                """);
        SessionConfAdvisor advisor = advisor(
                dir.resolve("conf"),
                Map.of(
                        RoutingService.RULES,
                        rules.toString(),
                        "kyuubi.session.group.lakegate.sources",
                        "ldap",
                        "kyuubi.authentication.lakegate.ldap.url",
                        "ldap://127.0.0.1:" + directory.getListenPort(),
                        "kyuubi.authentication.lakegate.ldap.bindDn",
                        "cn=svc," + BASE,
                        "kyuubi.authentication.lakegate.ldap.bindPassword",
                        "svc-secret",
                        "kyuubi.authentication.lakegate.ldap.userSearchBase",
                        "ou=people," + BASE,
                        "kyuubi.authentication.lakegate.ldap.groupSearchBase",
                        "ou=groups," + BASE));
        Map<String, String> asked = Map.of("spark.executor.memory", "64g");

        assertThat(advisor.getConfOverlay("erin", session("erin", "10.1.1.1", asked)))
                .containsEntry("kyuubi.engine.type", "TRINO")
                .hasEntrySatisfying("kyuubi.engine.share.level.subdomain", value -> assertThat(value)
                        .startsWith("lakegate-dashboards-"));
        assertThat(advisor.getConfOverlay("dave", session("dave", "10.1.1.1", asked)))
                .containsEntry("kyuubi.engine.type", "SPARK_SQL")
                .containsEntry("spark.executor.memory", "16g");
    }
}
