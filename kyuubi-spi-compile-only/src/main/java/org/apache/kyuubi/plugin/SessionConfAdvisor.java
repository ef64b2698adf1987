package org.apache.kyuubi.plugin;

import java.util.Collections;
import java.util.Map;

/**
 * Compile-only copy of Kyuubi's {@code org.apache.kyuubi.plugin.SessionConfAdvisor} (kyuubi-server-plugin,
 * Kyuubi 1.10). Kyuubi loads implementations listed in {@code kyuubi.session.conf.advisor} with a no-arg
 * constructor and merges their overlays in order, the later advisor winning a conflict.
 */
public interface SessionConfAdvisor {
    default Map<String, String> getConfOverlay(String user, Map<String, String> sessionConf) {
        return Collections.emptyMap();
    }
}
