package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.conf.UserLines;
import io.lakegate.kyuubi.authn.conf.WatchedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Accounts from a file of {@code user:hash} lines (service accounts, typically), {@code #} starting a comment, read
 * again when it changes. Key {@code kyuubi.authentication.lakegate.file.path}.
 */
public final class AccountsFile implements PasswordAuthenticator {
    public static final String PATH = "kyuubi.authentication.lakegate.file.path";

    // Spends what a real check does on an unknown user, so timing does not tell which users exist.
    private static final PasswordHash UNKNOWN_USER = PasswordHash.parse("$2a$10$" + "a".repeat(53));

    private final WatchedFile<Map<String, PasswordHash>> file;

    private AccountsFile(WatchedFile<Map<String, PasswordHash>> file) {
        this.file = requireNonNull(file, "file is null");
    }

    public static AccountsFile from(AuthnSettings settings) {
        Path path = Path.of(settings.required(PATH, "name the file of user:hash lines"));
        return new AccountsFile(new WatchedFile<>(
                PATH,
                path,
                AccountsFile::parse,
                "name a readable file of user:hash lines (bcrypt, cost 10 or more, or $pbkdf2-sha256$ hashes)"));
    }

    @Override
    public void authenticate(String user, String password) throws LoginRejectedException {
        PasswordHash hash = file.current().get(user);
        if (hash == null) {
            UNKNOWN_USER.matches(password);
            throw new LoginRejectedException("no account [" + user + "] in " + file.path());
        }
        if (!hash.matches(password)) {
            throw new LoginRejectedException("wrong password for account [" + user + "] of " + file.path());
        }
    }

    private static Map<String, PasswordHash> parse(List<String> lines) {
        return UserLines.parse(lines, "user:hash", PasswordHash::parse);
    }
}
