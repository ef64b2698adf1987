package io.lakegate.spark.authz.catalog;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.AccessControlException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.internal.SQLConf;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The catalogs the engine started with. {@code spark.sql.catalog.<name>=<class>} and its options define a catalog
 * wherever they are set, a user's session included, and a catalog over storage of the user's choosing would name
 * its tables like governed ones: only catalogs defined, with the same options, when Spark started are authorized.
 */
public final class StartupCatalogs {
    static final String PREFIX = "spark.sql.catalog.";
    // Iceberg's source defines this catalog in a session the first time it loads a table by path or name
    // (spark.read.format("iceberg").load(...)), always alike: the metastore's tables, authorized by their names, and
    // paths, authorized by their url (IcebergSource.setupDefaultSparkCatalogs in Iceberg 1.9).
    private static final Map<String, String> ICEBERG_SOURCE_CATALOG = Map.of(
            PREFIX + "default_iceberg", "org.apache.iceberg.spark.SparkCatalog",
            PREFIX + "default_iceberg.type", "hive",
            PREFIX + "default_iceberg.default-namespace", "default",
            PREFIX + "default_iceberg.cache-enabled", "false");

    private final Map<String, String> definitions;

    private StartupCatalogs(Map<String, String> definitions) {
        this.definitions = Map.copyOf(definitions);
    }

    public static StartupCatalogs of(SparkConf startup) {
        requireNonNull(startup, "startup is null");
        Map<String, String> definitions = new TreeMap<>();
        for (Tuple2<String, String> entry : startup.getAllWithPrefix(PREFIX)) {
            definitions.put(PREFIX + entry._1(), entry._2());
        }
        return new StartupCatalogs(definitions);
    }

    /** Refuses {@code catalog} unless the session defines it exactly as the engine's configuration did. */
    public void check(CatalogPlugin catalog, SQLConf session) {
        String name = catalog.name();
        Map<String, String> now = definitionOf(name, JavaConverters.mapAsJavaMap(session.getAllConfs()));
        Map<String, String> atStartup = definitionOf(name, definitions);
        if (!now.equals(atStartup) && !(atStartup.isEmpty() && now.equals(ICEBERG_SOURCE_CATALOG))) {
            throw new AccessControlException("Permission denied: catalog [" + name + "] is not defined as it was"
                    + " when the engine started (" + (atStartup.isEmpty() ? "it was not defined" : atStartup)
                    + "; now " + now + "): only catalogs of the engine's configuration are authorized");
        }
    }

    private static Map<String, String> definitionOf(String catalog, Map<String, String> conf) {
        String key = PREFIX + catalog;
        Map<String, String> definition = new TreeMap<>();
        conf.forEach((name, value) -> {
            if (name.equals(key) || name.startsWith(key + ".")) {
                definition.put(name, value);
            }
        });
        return definition;
    }
}
