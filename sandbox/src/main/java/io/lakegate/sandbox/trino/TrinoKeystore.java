package io.lakegate.sandbox.trino;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sandbox's TLS key for Trino, made once per data directory with the JDK's {@code keytool}: Trino takes
 * passwords over HTTPS only, so logins need it. Self-signed, for the sandbox's address; its password is the data
 * directory's own (a file only its owner reads), never printed.
 */
record TrinoKeystore(Path file, String password) {
    TrinoKeystore {
        requireNonNull(file, "file is null");
        requireNonNull(password, "password is null");
    }

    static TrinoKeystore ofDataDir(Path dir, String host) throws IOException, InterruptedException {
        Path file = dir.resolve("trino-https.p12");
        Path passwordFile = dir.resolve("trino-https.password");
        if (Files.isRegularFile(file) && Files.isRegularFile(passwordFile)) {
            return new TrinoKeystore(file, Files.readString(passwordFile).strip());
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.deleteIfExists(file);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder keytoolRun = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "trino",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "3650",
                        "-dname",
                        "CN=" + host + ", O=Lakegate sandbox",
                        "-ext",
                        "SAN=ip:" + host + ",dns:localhost",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass:env",
                        "KEYSTORE_PASSWORD"))
                .redirectErrorStream(true);
        keytoolRun.environment().put("KEYSTORE_PASSWORD", password);
        Process started = keytoolRun.start();
        String output = new String(started.getInputStream().readAllBytes());
        if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
            throw new IOException("keytool could not make Trino's TLS key in " + file + ": " + output.strip());
        }
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new TrinoKeystore(file, password);
    }

    /** A TLS context that trusts this key's certificate, and nothing else. */
    SSLContext trusting() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read Trino's TLS key in " + file + ": " + e.getMessage(), e);
        }
    }
}
