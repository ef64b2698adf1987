package io.lakegate.kyuubi.authn.password;

import static io.lakegate.kyuubi.authn.TestDirectory.PASSWORD;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.kyuubi.authn.TestDirectory;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class ChainAndFileTest {
    private static final TestDirectory DIRECTORY = TestDirectory.get();

    @Test
    void fileAccountsCheckBcryptAndPbkdf2Hashes() throws Exception {
        Path file = accounts("etl:" + BCrypt.hashpw("etl-secret", BCrypt.gensalt(10)) + "\n"
                + "# a comment\n"
                + "batch:" + pbkdf2("batch-secret") + "\n");
        PasswordLogin login = fileLogin(file);
        login.login("etl", "etl-secret", Optional.empty());
        login.login("batch", "batch-secret", Optional.empty());
        assertThatThrownBy(() -> login.login("etl", "batch-secret", Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);
        assertThatThrownBy(() -> login.login("nobody", "etl-secret", Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);
    }

    @Test
    void aBcryptPasswordIsNotMatchedByItsFirst72Bytes() throws Exception {
        String long72 = "x".repeat(72);
        PasswordLogin login = fileLogin(accounts("etl:" + BCrypt.hashpw(long72, BCrypt.gensalt(10)) + "\n"));
        login.login("etl", long72, Optional.empty());
        assertThatThrownBy(() -> login.login("etl", long72 + "anything", Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);
    }

    @Test
    void theFileIsReadAgainWhenItChangesAndABadChangeKeepsTheAccountsBefore() throws Exception {
        Path file = accounts("etl:" + BCrypt.hashpw("first", BCrypt.gensalt(10)) + "\n");
        PasswordLogin login = fileLogin(file);
        login.login("etl", "first", Optional.empty());

        replace(file, "etl:" + BCrypt.hashpw("second", BCrypt.gensalt(10)) + "\n");
        login.login("etl", "second", Optional.empty());
        assertThatThrownBy(() -> login.login("etl", "first", Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);

        replace(file, "etl:plaintext-by-mistake\n");
        login.login("etl", "second", Optional.empty());
        assertThatThrownBy(() -> login.login("etl", "plaintext-by-mistake", Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);
    }

    @Test
    void weakOrUnknownHashesStopTheProvider() throws Exception {
        for (String hash : new String[] {
            BCrypt.hashpw("x", BCrypt.gensalt(4)),
            "plain",
            "$pbkdf2-sha256$1000$"
                    + Base64.getEncoder().withoutPadding().encodeToString(new byte[16]) + "$"
                    + Base64.getEncoder().withoutPadding().encodeToString(new byte[32])
        }) {
            Path file = accounts("etl:" + hash + "\n");
            assertThatThrownBy(() -> fileLogin(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("kyuubi.authentication.lakegate.file.path")
                    .hasMessageContaining("line 1");
        }
    }

    @Test
    void aChainSkipsADirectoryThatIsDownWithoutChangingTheFilesAnswer() throws Exception {
        Path file = accounts("etl:" + BCrypt.hashpw("etl-secret", BCrypt.gensalt(10)) + "\n");
        Map<String, String> settings = DIRECTORY.patternSettings();
        settings.put("kyuubi.authentication.lakegate.chain", "ldap,file");
        settings.put("kyuubi.authentication.lakegate.file.path", file.toString());
        settings.put("kyuubi.authentication.lakegate.login.cacheTtl", "0");
        // A directory nobody listens on.
        Map<String, String> down = new java.util.HashMap<>(settings);
        down.put("kyuubi.authentication.lakegate.ldap.url", "ldap://localhost:1");

        PasswordLogin up = PasswordLogins.chain(AuthnSettings.of(settings));
        up.login("alice", PASSWORD, Optional.empty());
        up.login("etl", "etl-secret", Optional.empty());

        PasswordLogin chain = PasswordLogins.chain(AuthnSettings.of(down));
        chain.login("etl", "etl-secret", Optional.empty());
        assertThatThrownBy(() -> chain.login("etl", "wrong", Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);
        assertThatThrownBy(() -> chain.login("alice", PASSWORD, Optional.empty()))
                .hasMessage(LoginFailedException.INVALID);

        Map<String, String> onlyDown = new java.util.HashMap<>(down);
        onlyDown.put("kyuubi.authentication.lakegate.chain", "ldap");
        assertThatThrownBy(() ->
                        PasswordLogins.chain(AuthnSettings.of(onlyDown)).login("alice", PASSWORD, Optional.empty()))
                .hasMessage(LoginFailedException.UNAVAILABLE);
    }

    @Test
    void badChainsStopTheProvider() {
        assertThatThrownBy(() -> PasswordLogins.chain(AuthnSettings.of(Map.of())))
                .hasMessageContaining("kyuubi.authentication.lakegate.chain");
        assertThatThrownBy(() -> PasswordLogins.chain(
                        AuthnSettings.of(Map.of("kyuubi.authentication.lakegate.chain", "ldap,kerberos"))))
                .hasMessageContaining("kerberos");
        assertThatThrownBy(() ->
                        PasswordLogins.chain(AuthnSettings.of(Map.of("kyuubi.authentication.lakegate.chain", "file"))))
                .hasMessageContaining("kyuubi.authentication.lakegate.file.path");
    }

    private static PasswordLogin fileLogin(Path file) {
        return new PasswordLogin(
                "test",
                AccountsFile.from(
                        AuthnSettings.of(Map.of("kyuubi.authentication.lakegate.file.path", file.toString()))),
                new LoginPolicy(
                        java.time.Duration.ZERO,
                        100,
                        java.time.Duration.ofMinutes(1),
                        java.time.Duration.ofSeconds(1)));
    }

    private static Path accounts(String content) throws Exception {
        Path file = Files.createTempFile("accounts", ".txt");
        Files.writeString(file, content);
        return file;
    }

    // As an operator's editor or a configuration tool does: a new file moved over the old one.
    private static void replace(Path file, String content) throws Exception {
        Path next = Files.createTempFile(file.getParent(), "accounts", ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pbkdf2(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 100_000, 256))
                .getEncoded();
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$pbkdf2-sha256$100000$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }
}
