package io.lakegate.trino.ranger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.policyserver.RangerPluginFiles;
import io.trino.spi.QueryId;
import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.Identity;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etc/access-control.properties} as Trino hands it to the factory: a property that cannot work stops Trino's
 * startup with the property's name and the fix; a control that has never loaded a policy denies everything.
 */
class ConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void noGovernedCatalogStopsStartupNamingTheProperty() {
        assertThatThrownBy(() -> TrinoWithRanger.load(
                        Map.of("ranger.hive.config-files", securityFile().toString())))
                .hasMessageContaining("ranger.hive.catalogs and ranger.trino.catalogs are empty: name the catalogs"
                        + " governed by the Ranger Hive service's policies");
    }

    @Test
    void aCatalogGovernedByBothServicesStopsStartup() {
        assertThatThrownBy(() -> TrinoWithRanger.load(Map.of(
                        "ranger.hive.catalogs", "hive",
                        "ranger.hive.config-files", securityFile().toString(),
                        "ranger.trino.catalogs", "hive,tpch")))
                .hasMessageContaining("ranger.hive.catalogs and ranger.trino.catalogs both name a catalog")
                .hasMessageContaining(
                        "ranger.trino.config-files must name the Ranger trino plugin's" + " ranger-trino-security.xml");
    }

    @Test
    void aMissingRangerFileStopsStartupNamingTheProperty() {
        assertThatThrownBy(() -> TrinoWithRanger.load(Map.of(
                        "ranger.hive.catalogs",
                        "hive",
                        "ranger.hive.config-files",
                        dir.resolve("ranger-hive-security.xml").toString())))
                .hasMessageContaining("ranger.hive.config-files names a file that does not exist or cannot be read");
    }

    @Test
    void aMisspelledPropertyStopsStartup() {
        assertThatThrownBy(() -> TrinoWithRanger.load(Map.of(
                        "ranger.hive.catalogs", "hive",
                        "ranger.hive.config-files", securityFile().toString(),
                        "ranger.hive.catalog", "iceberg")))
                .hasMessageContaining("ranger.hive.catalog")
                .hasMessageContaining("was not used");
    }

    @Test
    void aRangerFileWithoutTheServiceStopsStartupNamingTheFileProperty() throws Exception {
        Path incomplete = Files.writeString(
                Files.createDirectories(dir.resolve("incomplete")).resolve("ranger-hive-security.xml"),
                "<?xml version=\"1.0\"?>\n<configuration>\n  <property><name>ranger.plugin.hive.policy.rest.url"
                        + "</name><value>http://127.0.0.1:1</value></property>\n</configuration>\n");
        assertThatThrownBy(() -> TrinoWithRanger.load(
                        Map.of("ranger.hive.catalogs", "hive", "ranger.hive.config-files", incomplete.toString())))
                .hasMessageContaining("Invalid Ranger files of ranger.hive.config-files")
                .hasMessageContaining("ranger.plugin.hive.service.name");
    }

    @Test
    void withNoPolicyEverLoadedEverythingIsDeniedAndSaysWhy() {
        SystemAccessControl control = TrinoWithRanger.load(Map.of(
                "ranger.hive.catalogs",
                "hive",
                "ranger.hive.config-files",
                securityFile().toString()));
        try {
            SystemSecurityContext admin =
                    new SystemSecurityContext(Identity.ofUser("admin"), QueryId.valueOf("q1"), Instant.now());
            CatalogSchemaTableName orders = new CatalogSchemaTableName("hive", "sales", "orders");

            assertThatThrownBy(
                            () -> control.checkCanSelectFromColumns(admin, orders, Optional.empty(), Set.of("amount")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessage("Access Denied: Cannot select from columns [amount] in table or view hive.sales.orders:"
                            + " Permission denied: user [admin] does not have [select] privilege on"
                            + " [sales/orders/amount]: no Ranger policies are loaded for service [unreachable_hive]"
                            + " (Ranger Admin unreachable or the service unknown to it, and no policy cache)");
            assertThat(control.filterSchemas(admin, "hive", Set.of("sales", "hr", "information_schema")))
                    .containsExactly("information_schema");
            assertThat(control.getRowFilters(admin, orders)).isEmpty();
        } finally {
            control.shutdown();
        }
    }

    // A policy server that is not there, and a cache dir with nothing in it.
    private Path securityFile() {
        Path conf = dir.resolve("etc");
        try {
            Files.createDirectories(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RangerPluginFiles.securityXml(
                conf,
                "hive",
                RangerPluginFiles.standardKeys(
                        "hive", "unreachable_hive", "http://127.0.0.1:1", 60_000, dir.resolve("cache")));
    }
}
