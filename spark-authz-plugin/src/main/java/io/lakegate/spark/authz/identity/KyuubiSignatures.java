package io.lakegate.spark.authz.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Verifies the session user Kyuubi signs when {@code kyuubi.session.user.sign.enabled} is on, as Kyuubi's own
 * {@code SignUtils.verifySignWithECDSA} does: {@code SHA256withECDSA} over the user name's UTF-8 bytes, the
 * signature and the public key (X.509, EC) in Base64. A verification costs far more than a statement's other checks,
 * and every operation of a session carries the same three values: verified ones are remembered for a while.
 */
final class KyuubiSignatures {
    private record Signed(String user, String signature, String publicKey) {}

    private static final Cache<Signed, Boolean> VERIFIED = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .executor(Runnable::run)
            .build();

    private KyuubiSignatures() {}

    static boolean verifies(String user, String signatureBase64, String publicKeyBase64) {
        Signed signed = new Signed(user, signatureBase64, publicKeyBase64);
        if (VERIFIED.getIfPresent(signed) != null) {
            return true;
        }
        boolean verified = verify(signed);
        if (verified) {
            VERIFIED.put(signed, Boolean.TRUE);
        }
        return verified;
    }

    private static boolean verify(Signed signed) {
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(signed.publicKey())));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initVerify(key);
            signature.update(signed.user().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signed.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
