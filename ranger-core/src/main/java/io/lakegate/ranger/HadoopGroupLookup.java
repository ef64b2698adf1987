package io.lakegate.ranger;

import java.util.Arrays;
import java.util.Set;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Groups as the rest of the Hadoop stack sees them: Hadoop's configured group mapping, which caches. For hosts that
 * run with a Hadoop client (Spark, Flink with the Hive connector); Trino hands its own groups over instead.
 */
public final class HadoopGroupLookup implements GroupLookup {
    @Override
    public Set<String> groupsOf(String user) {
        return Set.copyOf(
                Arrays.asList(UserGroupInformation.createRemoteUser(user).getGroupNames()));
    }
}
