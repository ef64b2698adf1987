package io.lakegate.packaging.kyuubi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the drop-in jar holds: Lakegate's classes and its dependencies relocated under
 * {@code io.lakegate.kyuubi.shaded}, nothing the host provides (Kyuubi's SPI, Scala, SLF4J), nothing that would land
 * in another library's package.
 */
final class DropInJarContentsIT {
    private static final String SHADED = "io/lakegate/kyuubi/shaded/";
    private static final List<String> RELOCATED =
            List.of("com/unboundid/", "com/nimbusds/", "org/springframework/", "com/github/benmanes/caffeine/");
    /**
     * A class file naming a relocated library under its own package: a class constant or UTF-8 constant starting
     * with it (tag 1, two length bytes), or a type descriptor ({@code Lcom/unboundid/...;}).
     */
    private static final Pattern UNRELOCATED_REFERENCE = Pattern.compile(
            "(?s)(?:\\x01..|L)(com/unboundid/|com/nimbusds/|org/springframework/|com/github/benmanes/caffeine/)");

    private static JarFile jar;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = new JarFile(HostClassLoaders.DROP_IN.toFile());
        entries = jar.stream().map(JarEntry::getName).toList();
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    @Test
    void holdsNothingTheHostProvides() {
        assertThat(entries)
                .noneMatch(name -> name.startsWith("org/apache/kyuubi/"))
                .noneMatch(name -> name.startsWith("scala/"))
                .noneMatch(name -> name.startsWith("org/slf4j/"))
                .noneMatch(name -> name.startsWith("org/apache/hadoop/"))
                .noneMatch(name -> name.startsWith("org/apache/hive/"))
                .noneMatch(name -> name.contains("/kyuubi/config/") || name.contains("/kyuubi/plugin/"));
    }

    @Test
    void everyClassIsUnderLakegatesPackages() {
        assertThat(entries.stream().filter(name -> name.endsWith(".class")))
                .isNotEmpty()
                .allMatch(name -> name.startsWith("io/lakegate/"), "is under io/lakegate/");
        assertThat(entries)
                .as("annotation-only jars are left out")
                .noneMatch(name -> name.contains("org/checkerframework/")
                        || name.contains("com/google/errorprone/")
                        || name.contains("javax/annotation/"));
    }

    @Test
    void everyOtherEntryIsTheJarsOwnMetadataOrARelocatedResource() {
        assertThat(entries)
                .allMatch(
                        name -> name.startsWith("io/lakegate/")
                                || List.of(
                                                "io/",
                                                "META-INF/",
                                                "META-INF/MANIFEST.MF",
                                                "META-INF/LICENSE",
                                                "META-INF/NOTICE")
                                        .contains(name),
                        "is under io/lakegate/ or the jar's manifest, LICENSE or NOTICE");
        assertThat(entries)
                .as("no multi-release variants, module descriptors or signatures")
                .noneMatch(name -> name.startsWith("META-INF/versions/"))
                .noneMatch(name -> name.endsWith("module-info.class"))
                .noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
        assertThat(entries)
                .as("UnboundID's message bundles and resources, moved with its classes")
                .contains(
                        SHADED + "unboundid-ldapsdk-ldap.properties",
                        SHADED + "com/unboundid/ldap/sdk/schema/standard-schema.ldif",
                        SHADED + "com/unboundid/util/oid-registry.json");
    }

    @Test
    void holdsTheProvidersAndTheRelocatedLibraries() {
        assertThat(entries)
                .contains(
                        "io/lakegate/kyuubi/authn/kyuubi/LdapPasswdAuthenticationProvider.class",
                        "io/lakegate/kyuubi/authn/kyuubi/ChainPasswdAuthenticationProvider.class",
                        "io/lakegate/kyuubi/authn/kyuubi/JwtBearerAuthenticationProvider.class",
                        "io/lakegate/kyuubi/authn/kyuubi/LakegateGroupProvider.class",
                        "io/lakegate/kyuubi/authn/hive/LdapHiveAuthenticationProvider.class",
                        "io/lakegate/kyuubi/authn/hive/ChainHiveAuthenticationProvider.class",
                        SHADED + "com/unboundid/ldap/sdk/LDAPConnectionPool.class",
                        SHADED + "com/nimbusds/jwt/SignedJWT.class",
                        SHADED + "com/nimbusds/jose/shaded/gson/Gson.class",
                        SHADED + "org/springframework/security/crypto/bcrypt/BCrypt.class",
                        SHADED + "com/github/benmanes/caffeine/cache/Caffeine.class");
    }

    @Test
    void noClassReferencesALibraryUnderItsOwnPackage() throws IOException {
        Map<String, List<String>> offenders = new TreeMap<>();
        for (String name : entries) {
            if (!name.endsWith(".class")) {
                continue;
            }
            String content;
            try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
                content = new String(in.readAllBytes(), ISO_8859_1);
            }
            List<String> found = new ArrayList<>();
            Matcher matcher = UNRELOCATED_REFERENCE.matcher(content);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            if (!found.isEmpty()) {
                offenders.put(name, found);
            }
        }
        assertThat(offenders).isEmpty();
        assertThat(RELOCATED)
                .allMatch(
                        prefix -> entries.stream().anyMatch(name -> name.startsWith(SHADED + prefix)),
                        "is relocated into the jar");
    }

    @Test
    void carriesTheLicenceAndTheNotices() throws IOException {
        assertThat(text("META-INF/LICENSE")).contains("Apache License", "Version 2.0");
        assertThat(text("META-INF/NOTICE"))
                .contains("Lakegate", "UnboundID LDAP SDK", "Nimbus JOSE+JWT", "Spring Security Crypto", "Caffeine");
        assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release"))
                .isNull();
    }

    private static String text(String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
