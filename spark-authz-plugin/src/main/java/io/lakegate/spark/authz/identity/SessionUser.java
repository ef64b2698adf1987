package io.lakegate.spark.authz.identity;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.AccessControlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.catalyst.CurrentUserContext;

/**
 * Who runs the current operation, in this order:
 *
 * <ol>
 *   <li>Kyuubi's session user, the local property {@value #KYUUBI_SESSION_USER} its Spark engine sets for each
 *       operation (one engine serves several users under GROUP and SERVER share levels). When Kyuubi signs it
 *       ({@code spark.kyuubi.session.user.sign.enabled=true} in the engine's conf), the signature
 *       ({@value #KYUUBI_USER_SIGN}) must verify against the public key ({@value #KYUUBI_SIGN_PUBLIC_KEY}), both local
 *       properties of the operation, as Kyuubi's authz checks them; an unsigned or forged user is refused.
 *   <li>Spark Thrift Server's session user: while a statement runs, its {@code CurrentUserContext} holds the
 *       JDBC session's user (what {@code current_user()} returns).
 *   <li>The application's Hadoop user, unless the operator requires a session user.
 * </ol>
 */
public final class SessionUser {
    public static final String KYUUBI_SESSION_USER = "kyuubi.session.user";
    public static final String KYUUBI_USER_SIGN = "kyuubi.session.user.sign";
    public static final String KYUUBI_SIGN_PUBLIC_KEY = "kyuubi.session.sign.publickey";
    public static final String KYUUBI_SIGN_ENABLED = "spark.kyuubi.session.user.sign.enabled";

    private final SparkContext context;
    private final boolean signed;
    private final boolean required;
    private final String requiredKey;

    public SessionUser(SparkContext context, boolean signed, boolean required, String requiredKey) {
        this.context = requireNonNull(context, "context is null");
        this.signed = signed;
        this.required = required;
        this.requiredKey = requireNonNull(requiredKey, "requiredKey is null");
    }

    /**
     * The current user, told the first time it is asked for: a statement that needs no decision (Spark Thrift
     * Server's {@code USE} when it opens a session, say) needs no user.
     */
    public Supplier<String> deferred() {
        return new Supplier<>() {
            private String user;

            @Override
            public String get() {
                if (user == null) {
                    user = current();
                }
                return user;
            }
        };
    }

    public String current() {
        String kyuubiUser = context.getLocalProperty(KYUUBI_SESSION_USER);
        if (signed) {
            return verified(kyuubiUser);
        }
        if (!isBlank(kyuubiUser)) {
            return kyuubiUser;
        }
        String thriftServerUser = CurrentUserContext.CURRENT_USER().get();
        if (!isBlank(thriftServerUser)) {
            return thriftServerUser;
        }
        if (required) {
            throw new AccessControlException("Permission denied: the statement carries no session user (Kyuubi's"
                    + " " + KYUUBI_SESSION_USER + " or Spark Thrift Server's), and " + requiredKey + "=true requires"
                    + " one");
        }
        try {
            return UserGroupInformation.getCurrentUser().getShortUserName();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tell the current Hadoop user", e);
        }
    }

    private String verified(String user) {
        String signature = context.getLocalProperty(KYUUBI_USER_SIGN);
        String publicKey = context.getLocalProperty(KYUUBI_SIGN_PUBLIC_KEY);
        if (isBlank(user)
                || isBlank(signature)
                || isBlank(publicKey)
                || !KyuubiSignatures.verifies(user, signature, publicKey)) {
            throw new AccessControlException("Permission denied: invalid user identifier [" + user + "]: Kyuubi"
                    + " signs session users here (" + KYUUBI_SIGN_ENABLED + "=true), and this operation's user is"
                    + " not signed, or its signature does not verify");
        }
        return user;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
