package org.apache.kyuubi.plugin;

import java.util.Map;

/**
 * Compile-only copy of Kyuubi's {@code org.apache.kyuubi.plugin.GroupProvider} (kyuubi-server-plugin, Kyuubi
 * 1.10), configured with {@code kyuubi.session.group.provider}.
 */
public interface GroupProvider {
    String primaryGroup(String user, Map<String, String> sessionConf);

    default String[] groups(String user, Map<String, String> sessionConf) {
        return new String[] {primaryGroup(user, sessionConf)};
    }
}
