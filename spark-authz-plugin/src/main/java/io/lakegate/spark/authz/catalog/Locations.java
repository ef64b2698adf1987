package io.lakegate.spark.authz.catalog;

import io.lakegate.spark.authz.AccessControlException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Locations named by statements, as Spark names the paths it reads and writes ({@code file:/...},
 * {@code hdfs://nn/...}), so that one Ranger {@code url} policy covers every way of naming a path.
 */
public final class Locations {
    private Locations() {}

    public static String qualified(String location, Configuration hadoopConf) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(hadoopConf).makeQualified(path).toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new AccessControlException("Permission denied: cannot resolve the location [" + location
                    + "] to authorize it: " + e.getMessage());
        }
    }

    /** A path of {@code LOAD DATA LOCAL}: on the local file system, whatever the default file system is. */
    public static String local(String location, Configuration hadoopConf) {
        try {
            return FileSystem.getLocal(hadoopConf)
                    .makeQualified(new Path(location))
                    .toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new AccessControlException("Permission denied: cannot resolve the local path [" + location
                    + "] to authorize it: " + e.getMessage());
        }
    }
}
