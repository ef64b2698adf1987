package io.lakegate.flink.authz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;

/** Bad catalog store settings stop the table environment's creation, naming the key and the fix. */
class CatalogStoreSettingsTest {
    @Test
    void aStoreThatDelegatesToItselfIsRefused() {
        assertThatThrownBy(() -> environment(Map.of("table.catalog-store.lakegate.delegate", "lakegate")))
                .hasStackTraceContaining("Option table.catalog-store.lakegate.delegate is [lakegate]: set it to the"
                        + " catalog store kind that holds the operator's catalogs");
    }

    @Test
    void aConfiguredCatalogWithoutTypeIsRefused() {
        assertThatThrownBy(() -> environment(Map.of("table.catalog-store.lakegate.catalog.lake.hive-conf-dir", "/x")))
                .hasStackTraceContaining("Catalog [lake] of table.catalog-store.lakegate.catalog.lake.* has no type:"
                        + " set table.catalog-store.lakegate.catalog.lake.type");
    }

    @Test
    void aConfiguredCatalogKeyWithoutOptionIsRefused() {
        assertThatThrownBy(() -> environment(Map.of("table.catalog-store.lakegate.catalog.lake", "lakegate-hive")))
                .hasStackTraceContaining("Option table.catalog-store.lakegate.catalog.lake names no catalog option");
    }

    private static TableEnvironment environment(Map<String, String> storeSettings) {
        Configuration configuration = new Configuration();
        configuration.setString("table.catalog-store.kind", "lakegate");
        storeSettings.forEach(configuration::setString);
        return TableEnvironment.create(EnvironmentSettings.newInstance()
                .inBatchMode()
                .withConfiguration(configuration)
                .build());
    }
}
