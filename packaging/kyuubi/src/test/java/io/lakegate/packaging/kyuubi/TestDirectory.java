package io.lakegate.packaging.kyuubi;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.util.Map;

/**
 * An LDAP directory in the test JVM: UnboundID's in-memory server, from the test classpath's own (unrelocated) copy
 * of the SDK, which the host class loaders cannot see. Holds alice (password {@value #ALICE_PASSWORD}), member of
 * the group analysts.
 */
final class TestDirectory implements AutoCloseable {
    static final String ALICE_PASSWORD = "alice-secret";
    static final String USER_DN_PATTERN = "uid=%s,ou=people,dc=example,dc=com";

    private final InMemoryDirectoryServer server;

    private TestDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    static TestDirectory start() throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
        server.add(
                "dn: uid=alice,ou=people,dc=example,dc=com",
                "objectClass: inetOrgPerson",
                "uid: alice",
                "cn: Alice",
                "sn: Liddell",
                "userPassword: " + ALICE_PASSWORD);
        server.add(
                "dn: cn=analysts,ou=groups,dc=example,dc=com",
                "objectClass: groupOfNames",
                "cn: analysts",
                "member: uid=alice,ou=people,dc=example,dc=com");
        server.startListening();
        return new TestDirectory(server);
    }

    String url() {
        return "ldap://localhost:" + server.getListenPort();
    }

    /** The settings of a password provider checking users against this directory by DN pattern. */
    Map<String, String> passwordSettings() {
        return Map.of(
                "kyuubi.authentication.lakegate.ldap.url",
                url(),
                "kyuubi.authentication.lakegate.ldap.userDnPatterns",
                USER_DN_PATTERN);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
