package io.lakegate.spark.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.catalyst.CurrentUserContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who the statement's user is, read from the Spark application's own operation context: Kyuubi's session user
 * (verified when Kyuubi signs it), else Spark Thrift Server's, else the Hadoop user unless a session user is
 * required. End to end: {@link SignedKyuubiUsersTest} (an engine whose Kyuubi signs users) and
 * {@link ThriftServerTest}.
 */
class SessionUserTest {
    private static final String REQUIRED_KEY = "ranger.plugin.spark.lakegate.session.user.required";

    @BeforeEach
    @AfterEach
    void clear() {
        SparkContext context = SparkWithRanger.spark().sparkContext();
        for (String key : new String[] {
            SessionUser.KYUUBI_SESSION_USER, SessionUser.KYUUBI_USER_SIGN, SessionUser.KYUUBI_SIGN_PUBLIC_KEY
        }) {
            context.setLocalProperty(key, null);
        }
        CurrentUserContext.CURRENT_USER().remove();
    }

    @Test
    void aSignedUserIsKyuubisOnlyWhenItsSignatureVerifies() {
        SparkContext context = SparkWithRanger.spark().sparkContext();
        SessionUser signed = new SessionUser(context, true, false, REQUIRED_KEY);
        KyuubiSigner kyuubi = new KyuubiSigner();
        context.setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "alice");
        context.setLocalProperty(SessionUser.KYUUBI_SIGN_PUBLIC_KEY, kyuubi.publicKey());
        context.setLocalProperty(SessionUser.KYUUBI_USER_SIGN, kyuubi.sign("alice"));
        assertThat(signed.current()).isEqualTo("alice");

        // Code of the user's in a shared engine sets the property to another user, keeping the signature.
        context.setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "admin");
        assertThatThrownBy(signed::current)
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: invalid user identifier [admin]: Kyuubi signs session users here"
                        + " (spark.kyuubi.session.user.sign.enabled=true), and this operation's user is not signed, or"
                        + " its signature does not verify");
        context.setLocalProperty(SessionUser.KYUUBI_USER_SIGN, new KyuubiSigner().sign("admin"));
        assertThatThrownBy(signed::current).isInstanceOf(AccessControlException.class);
        context.setLocalProperty(SessionUser.KYUUBI_USER_SIGN, null);
        assertThatThrownBy(signed::current).isInstanceOf(AccessControlException.class);
        context.setLocalProperty(SessionUser.KYUUBI_SESSION_USER, null);
        CurrentUserContext.CURRENT_USER().set("alice");
        assertThatThrownBy(signed::current)
                .as("where Kyuubi signs users, no other source of a user counts")
                .isInstanceOf(AccessControlException.class);
    }

    @Test
    void withoutKyuubiTheThriftServersUserThenTheHadoopUser() throws Exception {
        SparkContext context = SparkWithRanger.spark().sparkContext();
        SessionUser user = new SessionUser(context, false, false, REQUIRED_KEY);
        assertThat(user.current())
                .isEqualTo(UserGroupInformation.getCurrentUser().getShortUserName());
        CurrentUserContext.CURRENT_USER().set("judy");
        assertThat(user.current()).isEqualTo("judy");
        context.setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "ivan");
        assertThat(user.current()).isEqualTo("ivan");
    }

    @Test
    void aStatementWithoutSessionUserIsRefusedWhereOneIsRequired() {
        SparkContext context = SparkWithRanger.spark().sparkContext();
        SessionUser required = new SessionUser(context, false, true, REQUIRED_KEY);
        assertThatThrownBy(required::current)
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: the statement carries no session user (Kyuubi's kyuubi.session.user"
                        + " or Spark Thrift Server's), and " + REQUIRED_KEY + "=true requires one");
        CurrentUserContext.CURRENT_USER().set("judy");
        assertThat(required.current()).isEqualTo("judy");
    }
}
