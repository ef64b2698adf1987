package io.lakegate.flink.authz.storage;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.fs.FileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The storage locations a table's or database's options name, qualified as the code that reads them will resolve
 * them: a file table's {@code path} by Flink's file systems, a Hive table's or database's location by Hadoop's with
 * the metastore client's configuration. A location that cannot be resolved is refused, never skipped.
 */
public final class Locations {
    /** The filesystem connector's data directory. */
    public static final String PATH = "path";

    /** A Hive table's location, as Flink's HiveCatalog takes it from a table's options. */
    public static final String HIVE_TABLE_LOCATION = "hive.location-uri";

    /** A Hive database's location, as Flink's HiveCatalog takes it from a database's properties. */
    public static final String HIVE_DATABASE_LOCATION = "hive.database.location-uri";

    private final Configuration hadoopConf;

    public Locations(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    /** The locations of a table's options that differ from {@code before}'s (empty for a new table). */
    public List<String> tableLocations(Map<String, String> options, Map<String, String> before) {
        requireNonNull(options, "options is null");
        requireNonNull(before, "before is null");
        List<String> locations = new ArrayList<>();
        if (changed(PATH, options, before)) {
            locations.add(flinkPath(options.get(PATH)));
        }
        if (changed(HIVE_TABLE_LOCATION, options, before)) {
            locations.add(hadoopPath(options.get(HIVE_TABLE_LOCATION)));
        }
        return locations;
    }

    /** The location of a database's properties, where it differs from {@code before}'s. */
    public List<String> databaseLocations(Map<String, String> properties, Map<String, String> before) {
        requireNonNull(properties, "properties is null");
        requireNonNull(before, "before is null");
        return changed(HIVE_DATABASE_LOCATION, properties, before)
                ? List.of(hadoopPath(properties.get(HIVE_DATABASE_LOCATION)))
                : List.of();
    }

    private static boolean changed(String key, Map<String, String> options, Map<String, String> before) {
        return options.containsKey(key) && !Objects.equals(options.get(key), before.get(key));
    }

    /** A file table's path, qualified by Flink's own file systems (its default scheme included). */
    public static String flinkPath(String location) {
        try {
            org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(location);
            requireAbsolute(location, path.isAbsolute());
            FileSystem fileSystem = path.getFileSystem();
            return path.makeQualified(fileSystem).toString();
        } catch (AccessControlException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unresolved(location, e);
        }
    }

    private String hadoopPath(String location) {
        try {
            Path path = new Path(location);
            requireAbsolute(location, path.isAbsolute());
            return path.getFileSystem(hadoopConf).makeQualified(path).toString();
        } catch (AccessControlException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unresolved(location, e);
        }
    }

    // A relative path means the working directory of whichever process resolves it: the one authorized here is not
    // the one a task manager reads.
    private static void requireAbsolute(String location, boolean absolute) {
        if (!absolute) {
            throw new AccessControlException("Permission denied: the location [" + location + "] is relative: give"
                    + " an absolute path, with its scheme (file:/..., hdfs://..., s3a://...)");
        }
    }

    private static AccessControlException unresolved(String location, Exception e) {
        return new AccessControlException(
                "Permission denied: cannot resolve the location [" + location + "] to authorize it: " + e.getMessage());
    }
}
