package io.lakegate.flink.authz.identity;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.TableConfig;

/**
 * Whose statements a guarded catalog governs: {@value #KYUUBI_SESSION_USER} of the Flink configuration the process
 * started with (Kyuubi's Flink engine, one per user, is launched with it), else the operating-system user.
 *
 * <p>Read when a session's catalog store and listener open (a table environment's root configuration, the SQL
 * gateway's session configuration as the session opened), never later: {@code SET 'kyuubi.session.user' = 'admin'}
 * before a catalog is first used must not make it admin's, so the store hands each guarded catalog the user it
 * recorded. (Flink's SQL gateway merges the properties a client opened the session with over the engine's; only a
 * front end that opens the sessions itself, as Kyuubi does, keeps users from choosing those.)
 */
public final class SessionUser {
    public static final String KYUUBI_SESSION_USER = "kyuubi.session.user";
    private static final ConfigOption<String> USER =
            ConfigOptions.key(KYUUBI_SESSION_USER).stringType().noDefaultValue();

    private SessionUser() {}

    public static String of(ReadableConfig configuration) {
        ReadableConfig root = configuration instanceof TableConfig table ? table.getRootConfiguration() : configuration;
        return root.getOptional(USER)
                .map(String::strip)
                .filter(user -> !user.isEmpty())
                .orElseGet(() -> System.getProperty("user.name"));
    }
}
