package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.conf.Templates;
import io.lakegate.install.plan.InstallPlanner;
import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.RefusedException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Trino 483: Lakegate's access control as the plugin directory {@code plugin/lakegate-ranger/}, switched on in
 * {@code etc/access-control.properties} for the catalogs over a Hive metastore found in {@code etc/catalog/}, with
 * Ranger's Hive-service files in {@code etc/ranger/}; each Hive-connector catalog gets
 * {@code hive.non-managed-table-creates-enabled=false}, which the access control requires. With a lineage URL, also
 * Lakegate's OpenLineage listener as {@code plugin/lakegate-openlineage/}, switched on in
 * {@code etc/event-listener.properties} with those catalogs' metastores as their dataset namespaces.
 */
final class TrinoHost implements Host {
    static final String PLUGIN = "plugin/lakegate-ranger/";
    static final String LINEAGE_PLUGIN = "plugin/lakegate-openlineage/";
    static final String EVENT_LISTENER = "etc/event-listener.properties";
    private static final String LISTENER_NAME = "lakegate-openlineage";
    static final String ACCESS_CONTROL = "etc/access-control.properties";
    static final String SECURITY = "etc/ranger/ranger-hive-security.xml";
    static final String AUDIT = "etc/ranger/ranger-hive-audit.xml";
    static final String NON_MANAGED_CREATES = "hive.non-managed-table-creates-enabled";
    private static final String CONFIG = "etc/config.properties";
    private static final String CONTROL_NAME = "lakegate-ranger";
    private static final String SUPPORTED = "483";
    // Connectors whose schemas are a Hive metastore's databases: the Hive service's names for them.
    private static final Set<String> METASTORE_CONNECTORS = Set.of("hive", "iceberg", "delta_lake", "hudi");
    private static final Pattern TRINO_MAIN = Pattern.compile("trino-main-(\\d+)\\.jar");
    private static final Pattern SERVER_DIRECTORY = Pattern.compile("trino-server-(\\d+)");
    private static final Pattern CATALOG_FILE = Pattern.compile("([a-z0-9_]+)\\.properties");
    private static final Pattern WRITES = Pattern.compile(Pattern.quote(PLUGIN) + "[^/]+\\.jar|"
            + Pattern.quote(ACCESS_CONTROL) + "|" + Pattern.quote(SECURITY) + "|" + Pattern.quote(AUDIT)
            + "|etc/catalog/[a-z0-9_]+\\.properties|" + Pattern.quote(LINEAGE_PLUGIN) + "[^/]+\\.jar|"
            + Pattern.quote(EVENT_LISTENER));

    @Override
    public String name() {
        return "trino";
    }

    @Override
    public Plan install(Path home, Distribution distribution, InstallSettings settings) throws RefusedException {
        requireNonNull(home, "home is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(settings, "settings is null");
        String version = version(home);
        if (!version.equals(SUPPORTED)) {
            throw new RefusedException("Trino " + version + " at " + home + " is not supported: Lakegate "
                    + distribution.version() + " supports Trino " + SUPPORTED + " (the SPI its access control is"
                    + " built for; Trino refuses a plugin that implements methods its SPI no longer has)");
        }
        List<Path> jars = distribution.files("trino/lakegate-ranger", ".jar");
        Map<String, String> catalogs = metastoreCatalogs(home);
        if (catalogs.isEmpty()) {
            throw new RefusedException(home.resolve("etc/catalog") + " has no catalog over a Hive metastore"
                    + " (connector.name hive, iceberg, delta_lake or hudi): Lakegate's access control would govern"
                    + " none and deny every catalog; add the catalog first, or configure ranger.trino.catalogs by"
                    + " hand (docs/trino-ranger-bridge/README.md)");
        }
        requireListed(home, "access-control.config-files", ACCESS_CONTROL);
        Optional<String> otherControl = accessControlName(home).filter(name -> !name.equals(CONTROL_NAME));
        if (otherControl.isPresent()) {
            throw new RefusedException(home.resolve(ACCESS_CONTROL) + " switches on access-control.name="
                    + otherControl.get() + ": Trino loads one access control from it; move that file away (or list"
                    + " both in access-control.config-files by hand) and run install again");
        }

        if (settings.lineageUrl().isPresent()) {
            refuseOtherListener(home);
        }

        InstallPlanner planner = InstallPlanner.of(name(), home, distribution.version(), this::writes);
        for (Path jar : jars) {
            planner.copy(jar, PLUGIN + jar.getFileName());
        }
        Path security = home.resolve(SECURITY);
        Path audit = home.resolve(AUDIT);
        if (!planner.createIfAbsent(
                ACCESS_CONTROL,
                Templates.properties(
                        "trino/access-control.properties",
                        Map.of(
                                "hive.catalogs", String.join(",", catalogs.keySet()),
                                "security.file", security.toString(),
                                "audit.file", audit.toString())))) {
            planner.note(ACCESS_CONTROL + " names " + CONTROL_NAME + " already: its ranger.hive.catalogs is kept; "
                    + "the catalogs over a Hive metastore here are " + String.join(",", catalogs.keySet()));
        }
        planner.createIfAbsent(
                SECURITY,
                Templates.xml(
                        "trino/ranger-hive-security.xml",
                        Map.of(
                                "ranger.url",
                                settings.rangerUrl(),
                                "ranger.service",
                                settings.rangerService(),
                                "cache.dir",
                                home.resolve("var/ranger-cache").toString())));
        planner.createIfAbsent(
                AUDIT,
                Templates.xml(
                        "trino/ranger-hive-audit.xml",
                        Map.of("audit.dir", home.resolve("var/log/ranger-audit").toString())));
        for (Map.Entry<String, String> catalog : catalogs.entrySet()) {
            if (!catalog.getValue().equals("hive")) {
                continue;
            }
            String file = "etc/catalog/" + catalog.getKey() + ".properties";
            planner.mergeDefaults(file, (defaults, edits) -> {
                Optional<String> value = defaults.value(NON_MANAGED_CREATES);
                if (value.isPresent() && !value.get().strip().equalsIgnoreCase("false")) {
                    // CREATE TABLE ... (LIKE src INCLUDING PROPERTIES) would copy the source's external location
                    // after the access control's check: the copy would read the source's files unfiltered.
                    throw new IllegalArgumentException(home.resolve(file) + " sets " + NON_MANAGED_CREATES + "="
                            + value.get() + ": Lakegate's access control needs it false (a table created LIKE an"
                            + " external one would read that table's files without its row filters and masks);"
                            + " set it false and run install again");
                }
                return defaults.setIfUnset(NON_MANAGED_CREATES, "false", edits);
            });
        }
        if (settings.lineageUrl().isPresent()) {
            planLineage(planner, home, distribution, settings.lineageUrl().get(), catalogs.keySet());
        }
        planner.note("Lakegate's access control governs catalogs " + String.join(",", catalogs.keySet())
                + " by the Ranger Hive service " + settings.rangerService() + "; every other catalog is denied;"
                + " restart the coordinator");
        return planner.plan();
    }

    private static void planLineage(
            InstallPlanner planner, Path home, Distribution distribution, String lineageUrl, Set<String> catalogs)
            throws RefusedException {
        for (Path jar : distribution.files("trino/lakegate-openlineage", ".jar")) {
            planner.copy(jar, LINEAGE_PLUGIN + jar.getFileName());
        }
        List<String> namespaces = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String catalog : catalogs) {
            Optional<String> metastore = property(
                            home.resolve("etc/catalog/" + catalog + ".properties"), "hive.metastore.uri")
                    .filter(uri -> uri.startsWith("thrift://"));
            if (metastore.isPresent()) {
                namespaces.add(catalog + "=" + metastore.get().split(",", -1)[0].strip());
            } else {
                without.add(catalog);
            }
        }
        String port = property(home.resolve(CONFIG), "http-server.http.port").orElse("8080");
        String trinoUri = "http://localhost:" + port;
        if (!planner.createIfAbsent(
                EVENT_LISTENER,
                Templates.properties(
                        "trino/event-listener.properties",
                        Map.of(
                                "lineage.url", lineageUrl,
                                "trino.uri", trinoUri,
                                "catalog.namespaces", String.join(",", namespaces))))) {
            planner.note(EVENT_LISTENER + " names " + LISTENER_NAME + " already: kept as it is");
        } else {
            planner.note("Lakegate's OpenLineage listener sends each query's lineage to " + lineageUrl
                    + "; set openlineage.trino.uri in " + EVENT_LISTENER + " to the coordinator's address as clients"
                    + " reach it (now " + trinoUri + ")");
        }
        if (!without.isEmpty()) {
            planner.note("Catalogs " + String.join(",", without) + " name no thrift:// metastore: their tables are"
                    + " named trino://<host>:<port> + catalog.schema.table, not as Spark names them; add them to"
                    + " openlineage.dataset.catalog-namespaces in " + EVENT_LISTENER + " by hand");
        }
    }

    /**
     * Trino reads the files {@code config.properties} lists under {@code key}, when it lists any, and then not {@code
     * file}: such a list must name it.
     */
    private static void requireListed(Path home, String key, String file) throws RefusedException {
        Optional<String> listed = property(home.resolve(CONFIG), key);
        if (listed.isPresent()
                && Stream.of(listed.get().split(","))
                        .map(String::strip)
                        .map(Path::of)
                        .noneMatch(path -> path.isAbsolute()
                                ? path.normalize().equals(home.resolve(file))
                                : path.normalize().toString().equals(file))) {
            throw new RefusedException(home.resolve(CONFIG) + " sets " + key + "=" + listed.get()
                    + ": Trino loads those files, not " + file + "; add " + home.resolve(file)
                    + " to that list (or remove the setting) and run install again");
        }
    }

    /** Trino loads one event listener per file. */
    private static void refuseOtherListener(Path home) throws RefusedException {
        requireListed(home, "event-listener.config-files", EVENT_LISTENER);
        Optional<String> other = property(home.resolve(EVENT_LISTENER), "event-listener.name")
                .filter(name -> !name.equals(LISTENER_NAME));
        if (other.isPresent()) {
            throw new RefusedException(home.resolve(EVENT_LISTENER) + " switches on event-listener.name="
                    + other.get() + ": Trino loads one listener from a file; move it to another file listed in"
                    + " event-listener.config-files (with " + EVENT_LISTENER + ") and run install again");
        }
    }

    @Override
    public boolean writes(String path) {
        return WRITES.matcher(requireNonNull(path, "path is null")).matches();
    }

    private static String version(Path home) throws RefusedException {
        Optional<String> version = HostVersion.find(home, "lib", TRINO_MAIN).map(match -> match.group(1));
        if (version.isEmpty() && home.getFileName() != null) {
            Matcher directory = SERVER_DIRECTORY.matcher(home.getFileName().toString());
            if (directory.matches() && Files.isDirectory(home.resolve("lib"))) {
                version = Optional.of(directory.group(1));
            }
        }
        return version.orElseThrow(() -> new RefusedException(home + " is not a Trino home: it has no "
                + "lib/trino-main-<version>.jar; pass --trino-home the directory of a Trino server distribution "
                + "(the one holding bin/launcher, lib/ and plugin/)"));
    }

    /** Catalog name to connector name, in name order, of {@code etc/catalog/*.properties} over a Hive metastore. */
    private static Map<String, String> metastoreCatalogs(Path home) throws RefusedException {
        Path dir = home.resolve("etc/catalog");
        Map<String, String> catalogs = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return catalogs;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.properties")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            Matcher name = CATALOG_FILE.matcher(file.getFileName().toString());
            if (!name.matches()) {
                continue;
            }
            String connector =
                    load(file).getProperty("connector.name", "").strip().toLowerCase(Locale.ROOT);
            if (METASTORE_CONNECTORS.contains(connector)) {
                catalogs.put(name.group(1), connector);
            }
        }
        return catalogs;
    }

    private static Optional<String> accessControlName(Path home) throws RefusedException {
        return property(home.resolve(ACCESS_CONTROL), "access-control.name");
    }

    private static Optional<String> property(Path file, String key) throws RefusedException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(load(file).getProperty(key)).map(String::strip);
    }

    private static Properties load(Path file) throws RefusedException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new RefusedException(file + " cannot be read as Trino reads it: " + e.getMessage());
        }
        return properties;
    }
}
