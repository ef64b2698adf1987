package io.lakegate.kyuubi.authn.password;

import java.util.Optional;
import javax.security.sasl.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kyuubi (over HTTP) and Spark Thrift Server cut the name a provider authenticates at its first {@code /} or
 * {@code @}, as they shorten Kerberos principals: {@code admin@partner.example} would become the user {@code admin},
 * whom every engine's Ranger then checks. Such names are refused rather than have the host turn one user into
 * another.
 */
public final class ShortNames {
    private static final Logger LOG = LoggerFactory.getLogger(ShortNames.class);

    private ShortNames() {}

    public static void check(String user, String what, Optional<String> clientAddress) throws AuthenticationException {
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
