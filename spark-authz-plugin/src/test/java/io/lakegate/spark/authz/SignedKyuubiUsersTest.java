package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * An engine launched by a Kyuubi that signs session users ({@code spark.kyuubi.session.user.sign.enabled=true} in
 * its conf; this class runs in a JVM of its own, see the module's pom): each operation carries the user, Kyuubi's
 * signature of it and Kyuubi's public key, and an operation whose user does not verify is refused.
 */
class SignedKyuubiUsersTest {
    @Test
    void aSignedUserIsCheckedAndAForgedOrUnsignedOneRefused() {
        assertThat(SparkWithRanger.KYUUBI_SIGNER)
                .as("this JVM's engine must be one whose Kyuubi signs users")
                .isNotNull();
        assertThat(sqlAs("alice", "SELECT ssn FROM sales.orders").collectAsList())
                .hasSize(3);
        assertThatThrownBy(() -> sqlAs("bob", "SELECT ssn FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");

        SparkSession spark = SparkWithRanger.spark();
        SparkContext context = spark.sparkContext();
        // bob's code in a shared engine claims alice's name with his own signature.
        SparkWithRanger.actAs(spark, "bob");
        context.setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "alice");
        assertThatThrownBy(() -> spark.sql("SELECT ssn FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: invalid user identifier [alice]");
        // A key pair of his own signs alice as well as any: the key must be Kyuubi's.
        KyuubiSigner forger = new KyuubiSigner();
        context.setLocalProperty(SessionUser.KYUUBI_USER_SIGN, forger.sign("alice"));
        assertThatThrownBy(() -> spark.sql("SELECT ssn FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: invalid user identifier [alice]");
        context.setLocalProperty(SessionUser.KYUUBI_USER_SIGN, null);
        assertThatThrownBy(() -> spark.sql("SELECT id FROM sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: invalid user identifier [alice]");
    }
}
