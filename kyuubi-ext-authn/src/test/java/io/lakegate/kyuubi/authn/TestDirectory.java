package io.lakegate.kyuubi.authn;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory UnboundID directory per test JVM, with three listeners: plain LDAP (StartTLS offered), LDAPS with a
 * certificate for localhost, and LDAPS with a certificate for another host name. Certificates come from the JDK's
 * keytool; a trust store holds both. Counts simple binds, and delays those of {@code uid=slow}.
 */
public final class TestDirectory {
    public static final String BASE = "dc=example,dc=com";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String PARTNERS = "ou=partners," + BASE;
    public static final String PARTNER_PASSWORD = "partner password";
    public static final String SERVICE_DN = "cn=svc," + BASE;
    public static final String SERVICE_PASSWORD = "svc-secret";
    public static final String PASSWORD = "correct horse";
    public static final String STORE_PASSWORD = "changeit";

    private static TestDirectory instance;

    private final InMemoryDirectoryServer server;
    private final Path trustStore;
    private final AtomicInteger binds = new AtomicInteger();
    private final int ldapPort;

    private TestDirectory() throws Exception {
        Path dir = Files.createTempDirectory("lakegate-ldap");
        Path localhost = keyStore(dir, "localhost", "dns:localhost,ip:127.0.0.1");
        Path other = keyStore(dir, "other.example.com", "dns:other.example.com");
        trustStore = dir.resolve("trust.p12");
        for (String alias : List.of("localhost", "other.example.com")) {
            keytool(
                    "-exportcert",
                    "-alias",
                    alias,
                    "-keystore",
                    dir.resolve(alias + ".p12").toString(),
                    "-storepass",
                    STORE_PASSWORD,
                    "-file",
                    dir.resolve(alias + ".cer").toString());
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    alias,
                    "-file",
                    dir.resolve(alias + ".cer").toString(),
                    "-keystore",
                    trustStore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    STORE_PASSWORD);
        }
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        // memberOf and friends without a schema that defines them.
        config.setSchema(null);
        config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
        ldapPort = freePort();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig(
                        "ldap", loopback, ldapPort, serverSsl(localhost).createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps", loopback, 0, serverSsl(localhost).createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPSConfig(
                        "ldaps-other", loopback, 0, serverSsl(other).createSSLServerSocketFactory(), null));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                binds.incrementAndGet();
                if (request.getRequest().getBindDN().startsWith("uid=slow,")) {
                    try {
                        // The directory is slow, not the test: the client's response timeout is what is tested.
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, ldif(dir).toFile());
        server.startListening();
    }

    public static synchronized TestDirectory get() {
        if (instance == null) {
            try {
                instance = new TestDirectory();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the test directory", e);
            }
        }
        return instance;
    }

    public String ldapUrl() {
        return "ldap://localhost:" + ldapPort;
    }

    public String ldapsUrl() {
        return "ldaps://localhost:" + server.getListenPort("ldaps");
    }

    public String ldapsOtherNameUrl() {
        return "ldaps://localhost:" + server.getListenPort("ldaps-other");
    }

    public Path trustStore() {
        return trustStore;
    }

    public int binds() {
        return binds.get();
    }

    /** Stops the plain listener (connections dropped), as a directory that goes down. */
    public void stopPlainListener() {
        server.shutDown("ldap", true);
    }

    public void startPlainListener() throws LDAPException {
        server.startListening("ldap");
    }

    /** Settings of DN-pattern logins on the plain listener: the tests add or replace what they check. */
    public Map<String, String> patternSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("kyuubi.authentication.lakegate.ldap.url", ldapUrl());
        settings.put("kyuubi.authentication.lakegate.ldap.userDnPatterns", "uid=%s," + PEOPLE);
        return settings;
    }

    /** Settings of search-then-bind logins as the service account, groups searched under ou=groups. */
    public Map<String, String> searchSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("kyuubi.authentication.lakegate.ldap.url", ldapUrl());
        settings.put("kyuubi.authentication.lakegate.ldap.bindDn", SERVICE_DN);
        settings.put("kyuubi.authentication.lakegate.ldap.bindPassword", SERVICE_PASSWORD);
        settings.put("kyuubi.authentication.lakegate.ldap.userSearchBase", PEOPLE);
        settings.put("kyuubi.authentication.lakegate.ldap.userSearchFilter", "(objectClass=inetOrgPerson)");
        settings.put("kyuubi.authentication.lakegate.ldap.groupSearchBase", GROUPS);
        return settings;
    }

    private static Path ldif(Path dir) throws IOException {
        StringBuilder ldif = new StringBuilder();
        entry(ldif, "dn: " + BASE, "objectClass: domain", "dc: example");
        entry(ldif, "dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        entry(ldif, "dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        entry(ldif, "dn: " + PARTNERS, "objectClass: organizationalUnit", "ou: partners");
        // Another bob, in a subtree a second DN pattern covers.
        entry(
                ldif,
                "dn: uid=bob," + PARTNERS,
                "objectClass: inetOrgPerson",
                "uid: bob",
                "cn: bob",
                "sn: bob",
                "userPassword: " + PARTNER_PASSWORD);
        person(ldif, "alice", "cn=analysts," + GROUPS);
        person(ldif, "bob", "cn=admins," + GROUPS);
        person(ldif, "carol");
        person(ldif, "slow");
        // DN-special characters in a real user's name: escaped when built into a DN or a filter.
        entry(
                ldif,
                "dn: uid=o\\2Cbrien\\2Bx\\3Dy," + PEOPLE,
                "objectClass: inetOrgPerson",
                "uid: o,brien+x=y",
                "cn: o",
                "sn: o",
                "userPassword: " + PASSWORD);
        for (int i = 0; i < 200; i++) {
            person(ldif, "user" + i);
        }
        entry(
                ldif,
                "dn: cn=analysts," + GROUPS,
                "objectClass: groupOfNames",
                "cn: analysts",
                "member: uid=alice," + PEOPLE,
                "memberOf: cn=data," + GROUPS);
        entry(
                ldif,
                "dn: cn=data," + GROUPS,
                "objectClass: groupOfNames",
                "cn: data",
                "member: cn=analysts," + GROUPS,
                "memberOf: cn=everyone," + GROUPS);
        entry(
                ldif,
                "dn: cn=everyone," + GROUPS,
                "objectClass: groupOfNames",
                "cn: everyone",
                "member: cn=data," + GROUPS,
                "memberOf: cn=analysts," + GROUPS);
        entry(ldif, "dn: cn=admins," + GROUPS, "objectClass: groupOfNames", "cn: admins", "member: uid=bob," + PEOPLE);
        Path file = dir.resolve("directory.ldif");
        Files.writeString(file, ldif);
        return file;
    }

    private static void person(StringBuilder ldif, String uid, String... memberOf) {
        String[] lines = new String[6 + memberOf.length];
        lines[0] = "dn: uid=" + uid + "," + PEOPLE;
        lines[1] = "objectClass: inetOrgPerson";
        lines[2] = "uid: " + uid;
        lines[3] = "cn: " + uid;
        lines[4] = "sn: " + uid;
        lines[5] = "userPassword: " + PASSWORD;
        for (int i = 0; i < memberOf.length; i++) {
            lines[6 + i] = "memberOf: " + memberOf[i];
        }
        entry(ldif, lines);
    }

    private static void entry(StringBuilder ldif, String... lines) {
        for (String line : lines) {
            ldif.append(line).append('\n');
        }
        ldif.append('\n');
    }

    private static Path keyStore(Path dir, String name, String subjectAlternativeNames) {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=" + subjectAlternativeNames,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD);
        return store;
    }

    private static SSLUtil serverSsl(Path keyStore) throws GeneralSecurityException {
        // The server asks for no client certificate; its trust manager is never consulted.
        return new SSLUtil(
                new KeyStoreKeyManager(keyStore.toFile(), STORE_PASSWORD.toCharArray(), "PKCS12", null),
                new TrustAllTrustManager());
    }

    private static void keytool(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
