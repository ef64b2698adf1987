package io.lakegate.kyuubi.authn.kyuubi;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.group.GroupLookup;
import java.util.List;
import java.util.Map;
import org.apache.kyuubi.plugin.GroupProvider;

/**
 * Kyuubi group provider ({@code kyuubi.session.group.provider}): groups from LDAP, the user's last validated token
 * and a file, as {@code kyuubi.session.group.lakegate.*} configure. Kyuubi creates it without its conf, so the keys
 * are read from {@code kyuubi-defaults.conf}, the way Kyuubi reads them.
 */
public final class LakegateGroupProvider implements GroupProvider {
    private final GroupLookup lookup;

    public LakegateGroupProvider() {
        this.lookup = GroupLookup.of(AuthnSettings.fromKyuubiDefaults());
    }

    @Override
    public String primaryGroup(String user, Map<String, String> sessionConf) {
        return lookup.primaryGroup(user);
    }

    @Override
    public String[] groups(String user, Map<String, String> sessionConf) {
        List<String> groups = lookup.groups(user);
        return groups.isEmpty() ? new String[] {user} : groups.toArray(String[]::new);
    }
}
