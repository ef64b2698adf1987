package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A stored password hash of an accounts file: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}, cost 10 or more)
 * or PBKDF2 ({@code $pbkdf2-sha256$<iterations>$<salt>$<hash>}, and {@code -sha512}, salt and hash in unpadded
 * base64, at least 100,000 iterations). Weaker hashes are refused when the file is read, not accepted quietly.
 */
sealed interface PasswordHash {
    int MIN_BCRYPT_COST = 10;
    int MIN_PBKDF2_ITERATIONS = 100_000;

    boolean matches(String password);

    static PasswordHash parse(String value) {
        requireNonNull(value, "value is null");
        Matcher bcrypt = Bcrypt.FORMAT.matcher(value);
        if (bcrypt.matches()) {
            int cost = Integer.parseInt(bcrypt.group(1));
            if (cost < MIN_BCRYPT_COST) {
                throw new IllegalArgumentException("a bcrypt cost of " + cost + " (at least " + MIN_BCRYPT_COST + ")");
            }
            return new Bcrypt(value);
        }
        Matcher pbkdf2 = Pbkdf2.FORMAT.matcher(value);
        if (pbkdf2.matches()) {
            int iterations;
            try {
                iterations = Integer.parseInt(pbkdf2.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an iteration count out of range");
            }
            if (iterations < MIN_PBKDF2_ITERATIONS) {
                throw new IllegalArgumentException(
                        iterations + " PBKDF2 iterations (at least " + MIN_PBKDF2_ITERATIONS + ")");
            }
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] salt = base64.decode(pbkdf2.group(3));
            byte[] hash = base64.decode(pbkdf2.group(4));
            if (salt.length < 16 || hash.length < 32) {
                throw new IllegalArgumentException("a PBKDF2 salt under 16 bytes or a hash under 32 bytes");
            }
            return new Pbkdf2(
                    "PBKDF2WithHmac" + pbkdf2.group(1).toUpperCase(java.util.Locale.ROOT), iterations, salt, hash);
        }
        throw new IllegalArgumentException(
                "a hash that is neither bcrypt ($2a$, $2b$, $2y$) nor $pbkdf2-sha256$/$pbkdf2-sha512$");
    }

    record Bcrypt(String hash) implements PasswordHash {
        static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");

        @Override
        public boolean matches(String password) {
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            // bcrypt reads 72 bytes; a longer password would match any that shares them.
            return bytes.length <= 72 && BCrypt.checkpw(bytes, hash);
        }
    }

    record Pbkdf2(String algorithm, int iterations, byte[] salt, byte[] hash) implements PasswordHash {
        static final Pattern FORMAT =
                Pattern.compile("\\$pbkdf2-(sha256|sha512)\\$(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

        @Override
        public boolean matches(String password) {
            try {
                PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length * 8);
                byte[] derived = SecretKeyFactory.getInstance(algorithm)
                        .generateSecret(spec)
                        .getEncoded();
                spec.clearPassword();
                return MessageDigest.isEqual(derived, hash);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Every Java runtime has " + algorithm, e);
            }
        }
    }
}
