package io.lakegate.kyuubi.authn.group;

import java.util.List;

/** Where a user's groups come from; throws {@link IllegalStateException} when it cannot say. */
interface GroupSource {
    List<String> groupsOf(String user);
}
