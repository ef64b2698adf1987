package io.lakegate.ranger;

import java.util.Set;

/**
 * The host's own group mapping (Hadoop's, LDAP, ...), consulted for users that Ranger's user store does not
 * know.
 */
@FunctionalInterface
public interface GroupLookup {
    GroupLookup NONE = user -> Set.of();

    Set<String> groupsOf(String user);
}
