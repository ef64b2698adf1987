package io.lakegate.trino.ranger.config;

import static java.util.Locale.ENGLISH;
import static java.util.stream.Collectors.toUnmodifiableSet;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The properties of {@code etc/access-control.properties} after {@code access-control.name=lakegate-ranger}. */
public final class RangerBridgeConfig {
    public static final String HIVE_CATALOGS = "ranger.hive.catalogs";
    public static final String HIVE_CONFIG_FILES = "ranger.hive.config-files";
    public static final String IMPERSONATING_USERS = "ranger.impersonating-users";
    public static final String CREATE_REQUIRES_DROP = "ranger.hive.create-requires-drop";
    public static final String TRINO_CATALOGS = "ranger.trino.catalogs";
    public static final String TRINO_CONFIG_FILES = "ranger.trino.config-files";

    private Set<String> hiveCatalogs = Set.of();
    private List<Path> hiveConfigFiles = List.of();
    private Set<String> impersonatingUsers = Set.of();
    private boolean createRequiresDrop = true;
    private Set<String> trinoCatalogs = Set.of();
    private List<Path> trinoConfigFiles = List.of();

    @NotNull
    public Set<String> getHiveCatalogs() {
        return hiveCatalogs;
    }

    @Config(HIVE_CATALOGS)
    @ConfigDescription("Catalogs over a Hive metastore (Hive, Iceberg, Delta connectors) governed by the Ranger Hive"
            + " service's policies: schema = database, then table and column, as Spark and Flink name them")
    public RangerBridgeConfig setHiveCatalogs(List<String> hiveCatalogs) {
        this.hiveCatalogs = catalogNames(hiveCatalogs);
        return this;
    }

    @NotNull
    public Set<String> getTrinoCatalogs() {
        return trinoCatalogs;
    }

    @Config(TRINO_CATALOGS)
    @ConfigDescription("Catalogs governed by the Ranger trino service's policies (catalog, schema, table, column, as"
            + " Trino's own Ranger plugin reads them), or * for every catalog not in " + HIVE_CATALOGS)
    public RangerBridgeConfig setTrinoCatalogs(List<String> trinoCatalogs) {
        this.trinoCatalogs = catalogNames(trinoCatalogs);
        return this;
    }

    @NotNull
    public List<Path> getTrinoConfigFiles() {
        return trinoConfigFiles;
    }

    @Config(TRINO_CONFIG_FILES)
    @ConfigDescription("Ranger's files for the trino service, as Trino's own Ranger plugin reads them:"
            + " ranger-trino-security.xml, and optionally ranger-trino-audit.xml and ranger-policymgr-ssl.xml. With"
            + " them, the trino service also decides impersonation, other users' queries, system information and"
            + " system session properties")
    public RangerBridgeConfig setTrinoConfigFiles(List<String> trinoConfigFiles) {
        this.trinoConfigFiles =
                trinoConfigFiles.stream().map(String::strip).map(Path::of).toList();
        return this;
    }

    // Trino's catalog names are lower case; a policy never names "Hive".
    private static Set<String> catalogNames(List<String> names) {
        return names.stream()
                .map(String::strip)
                .map(name -> name.toLowerCase(ENGLISH))
                .collect(toUnmodifiableSet());
    }

    @NotNull
    public List<Path> getHiveConfigFiles() {
        return hiveConfigFiles;
    }

    @Config(HIVE_CONFIG_FILES)
    @ConfigDescription("Ranger's files for the Hive service, as Ranger's Hive plugin reads them:"
            + " ranger-hive-security.xml (service name, policy URL, cache dir), and optionally ranger-hive-audit.xml"
            + " and ranger-hive-policymgr-ssl.xml")
    public RangerBridgeConfig setHiveConfigFiles(List<String> hiveConfigFiles) {
        this.hiveConfigFiles =
                hiveConfigFiles.stream().map(String::strip).map(Path::of).toList();
        return this;
    }

    @NotNull
    public Set<String> getImpersonatingUsers() {
        return impersonatingUsers;
    }

    @Config(IMPERSONATING_USERS)
    @ConfigDescription("Users who may run queries as any other user (X-Trino-User), such as the service account a"
            + " gateway like Kyuubi authenticates with; the user they name is the one policies are checked for")
    public RangerBridgeConfig setImpersonatingUsers(List<String> impersonatingUsers) {
        this.impersonatingUsers = impersonatingUsers.stream().map(String::strip).collect(toUnmodifiableSet());
        return this;
    }

    public boolean isCreateRequiresDrop() {
        return createRequiresDrop;
    }

    @Config(CREATE_REQUIRES_DROP)
    @ConfigDescription("Whether CREATE TABLE, VIEW and MATERIALIZED VIEW also need drop on the new name: Trino does not"
            + " tell an access control whether the statement is CREATE OR REPLACE, which drops what is there. Set false"
            + " where creators hold create only (e.g. all for {OWNER}) and replacing is acceptable")
    public RangerBridgeConfig setCreateRequiresDrop(boolean createRequiresDrop) {
        this.createRequiresDrop = createRequiresDrop;
        return this;
    }

    @AssertTrue(
            message = HIVE_CATALOGS + " and " + TRINO_CATALOGS + " are empty: name the catalogs governed by the Ranger"
                    + " Hive service's policies (e.g. " + HIVE_CATALOGS + "=hive,iceberg) or the trino service's;"
                    + " every other catalog is denied")
    public boolean isAnyCatalogGoverned() {
        return !hiveCatalogs.isEmpty() || !trinoCatalogs.isEmpty();
    }

    @AssertTrue(message = HIVE_CATALOGS + " names a blank catalog: list catalog names separated by commas")
    public boolean isHiveCatalogsWellFormed() {
        return hiveCatalogs.stream().noneMatch(name -> name.isEmpty() || name.equals("*"));
    }

    @AssertTrue(message = TRINO_CATALOGS + " names a blank catalog: list catalog names separated by commas, or *")
    public boolean isTrinoCatalogsWellFormed() {
        return trinoCatalogs.stream().noneMatch(String::isEmpty);
    }

    @AssertTrue(
            message = HIVE_CATALOGS + " and " + TRINO_CATALOGS + " both name a catalog: a catalog is governed by one"
                    + " Ranger service")
    public boolean isEachCatalogGovernedOnce() {
        return hiveCatalogs.stream().noneMatch(trinoCatalogs::contains);
    }

    @AssertTrue(
            message = TRINO_CONFIG_FILES + " must name the Ranger trino plugin's ranger-trino-security.xml (with"
                    + " ranger.plugin.trino.service.name and ranger.plugin.trino.policy.rest.url) when "
                    + TRINO_CATALOGS + " is set")
    public boolean isTrinoSecurityFileNamed() {
        return (trinoCatalogs.isEmpty() && trinoConfigFiles.isEmpty())
                || trinoConfigFiles.stream()
                        .anyMatch(file -> file.getFileName() != null
                                && file.getFileName().toString().equals("ranger-trino-security.xml"));
    }

    @AssertTrue(
            message = TRINO_CONFIG_FILES + " names a file that does not exist or cannot be read: give each"
                    + " file's path (relative to Trino's working directory, or absolute)")
    public boolean isTrinoConfigFilesReadable() {
        return trinoConfigFiles.stream().allMatch(file -> Files.isRegularFile(file) && Files.isReadable(file));
    }

    @AssertTrue(
            message = HIVE_CONFIG_FILES + " must name the Ranger Hive plugin's ranger-hive-security.xml (with"
                    + " ranger.plugin.hive.service.name and ranger.plugin.hive.policy.rest.url)")
    public boolean isHiveSecurityFileNamed() {
        return hiveCatalogs.isEmpty()
                || hiveConfigFiles.stream()
                        .anyMatch(file -> file.getFileName() != null
                                && file.getFileName().toString().equals("ranger-hive-security.xml"));
    }

    @AssertTrue(
            message = HIVE_CONFIG_FILES + " names a file that does not exist or cannot be read: give each"
                    + " file's path (relative to Trino's working directory, or absolute)")
    public boolean isHiveConfigFilesReadable() {
        return hiveConfigFiles.stream().allMatch(file -> Files.isRegularFile(file) && Files.isReadable(file));
    }

    @AssertTrue(message = IMPERSONATING_USERS + " names a blank user: list user names separated by commas")
    public boolean isImpersonatingUsersWellFormed() {
        return impersonatingUsers.stream().noneMatch(String::isEmpty);
    }
}
