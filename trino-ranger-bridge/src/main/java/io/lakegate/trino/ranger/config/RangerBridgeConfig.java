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

    private Set<String> hiveCatalogs = Set.of();
    private List<Path> hiveConfigFiles = List.of();
    private Set<String> impersonatingUsers = Set.of();
    private boolean createRequiresDrop = true;

    @NotNull
    public Set<String> getHiveCatalogs() {
        return hiveCatalogs;
    }

    @Config(HIVE_CATALOGS)
    @ConfigDescription("Catalogs over a Hive metastore (Hive, Iceberg, Delta connectors) governed by the Ranger Hive"
            + " service's policies: schema = database, then table and column, as Spark and Flink name them")
    public RangerBridgeConfig setHiveCatalogs(List<String> hiveCatalogs) {
        // Trino's catalog names are lower case; a policy never names "Hive".
        this.hiveCatalogs = hiveCatalogs.stream()
                .map(String::strip)
                .map(name -> name.toLowerCase(ENGLISH))
                .collect(toUnmodifiableSet());
        return this;
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
            message = HIVE_CATALOGS + " is empty: name the catalogs governed by the Ranger Hive service's"
                    + " policies (e.g. " + HIVE_CATALOGS + "=hive,iceberg); every other catalog is denied")
    public boolean isAnyCatalogGoverned() {
        return !hiveCatalogs.isEmpty();
    }

    @AssertTrue(message = HIVE_CATALOGS + " names a blank catalog: list catalog names separated by commas")
    public boolean isHiveCatalogsWellFormed() {
        return hiveCatalogs.stream().noneMatch(String::isEmpty);
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
