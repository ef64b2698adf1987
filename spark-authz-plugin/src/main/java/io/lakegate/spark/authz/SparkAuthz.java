package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.spark.authz.catalog.StartupCatalogs;
import io.lakegate.spark.authz.identity.SessionUser;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * What every rule of the extension shares in one Spark application: the Ranger plugin, the plugin's settings, and
 * the engine's configuration as it started (catalogs, Kyuubi's signing of users).
 */
public final class SparkAuthz {
    private final RangerAuthorizer authorizer;
    private final SparkAuthzConfig config;
    private final SparkConf startupConf;
    private final StartupCatalogs startupCatalogs;
    private final boolean kyuubiSignsUsers;

    SparkAuthz(RangerAuthorizer authorizer, SparkAuthzConfig config, SparkConf startupConf) {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.config = requireNonNull(config, "config is null");
        this.startupConf = requireNonNull(startupConf, "startupConf is null");
        this.startupCatalogs = StartupCatalogs.of(startupConf);
        this.kyuubiSignsUsers = startupConf.getBoolean(SessionUser.KYUUBI_SIGN_ENABLED, false);
    }

    public RangerAuthorizer authorizer() {
        return authorizer;
    }

    public SparkAuthzConfig config() {
        return config;
    }

    public SparkConf startupConf() {
        return startupConf;
    }

    public StartupCatalogs startupCatalogs() {
        return startupCatalogs;
    }

    public SessionUser sessionUser(SparkSession session) {
        return new SessionUser(
                session.sparkContext(),
                kyuubiSignsUsers,
                config.sessionUserRequired(),
                config.sessionUserRequiredKey());
    }
}
