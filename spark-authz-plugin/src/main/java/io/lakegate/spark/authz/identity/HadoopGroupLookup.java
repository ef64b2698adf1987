package io.lakegate.spark.authz.identity;

import io.lakegate.ranger.GroupLookup;
import java.util.Set;
import org.apache.hadoop.security.UserGroupInformation;

/** Groups as the rest of the Hadoop stack sees them: Hadoop's configured group mapping, which caches. */
public final class HadoopGroupLookup implements GroupLookup {
    @Override
    public Set<String> groupsOf(String user) {
        return Set.copyOf(UserGroupInformation.createRemoteUser(user).getGroups());
    }
}
