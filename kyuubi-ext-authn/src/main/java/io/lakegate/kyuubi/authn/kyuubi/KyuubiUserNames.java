package io.lakegate.kyuubi.authn.kyuubi;

import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kyuubi cuts the name an HTTP provider authenticates at its first {@code /} or {@code @} (as it shortens Kerberos
 * principals): {@code admin@partner.example} would become Kyuubi's user {@code admin}, whom every engine's Ranger
 * then checks. Such names are refused rather than have Kyuubi turn one user into another.
 */
final class KyuubiUserNames {
    private static final Logger LOG = LoggerFactory.getLogger(KyuubiUserNames.class);

    private KyuubiUserNames() {}

    static void check(String user, String what, Optional<String> clientAddress) throws AuthenticationException {
        if (user != null && (user.indexOf('/') >= 0 || user.indexOf('@') >= 0)) {
            LOG.warn(
                    "Refused the {} [{}]{}: Kyuubi would cut the name at its '/' or '@' and so take it for another"
                            + " user; use a user name (claim) without them",
                    what,
                    user.replaceAll("\\p{Cntrl}", "?"),
                    clientAddress.map(address -> " from " + address).orElse(""));
            throw new AuthenticationException("Authentication failed: user names with '/' or '@' are not accepted");
        }
    }
}
