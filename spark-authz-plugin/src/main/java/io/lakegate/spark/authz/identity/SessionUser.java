package io.lakegate.spark.authz.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.sql.SparkSession;

/**
 * Who runs the current operation. Kyuubi's Spark engine sets the local property {@value #KYUUBI_SESSION_USER}
 * per operation, so one engine can serve several users (GROUP and SERVER share levels); otherwise the
 * application's Hadoop user.
 */
public final class SessionUser {
    public static final String KYUUBI_SESSION_USER = "kyuubi.session.user";

    private SessionUser() {}

    public static String of(SparkSession session) {
        String kyuubiUser = session.sparkContext().getLocalProperty(KYUUBI_SESSION_USER);
        if (kyuubiUser != null && !kyuubiUser.isBlank()) {
            return kyuubiUser;
        }
        try {
            return UserGroupInformation.getCurrentUser().getShortUserName();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tell the current Hadoop user", e);
        }
    }
}
