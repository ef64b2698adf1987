package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.InMemoryTableCatalog;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tables of DataSource V2 catalogs other than the session catalog (Iceberg's, say) are not authorized by Lakegate
 * yet: every use of them is refused, for everyone, rather than let through unchecked.
 */
class DataSourceV2CatalogTest {
    private static final String CATALOG_KEY = "spark.sql.catalog.lakehouse";

    @BeforeAll
    static void registerACatalogWithATable() throws Exception {
        SparkSession spark = SparkWithRanger.spark();
        spark.conf().set(CATALOG_KEY, InMemoryTableCatalog.class.getName());
        TableCatalog catalog =
                (TableCatalog) spark.sessionState().catalogManager().catalog("lakehouse");
        catalog.createTable(
                Identifier.of(new String[] {"sales"}, "orders"),
                new Column[] {Column.create("id", DataTypes.IntegerType)},
                new Transform[0],
                Map.of());
    }

    @AfterAll
    static void unregister() {
        SparkWithRanger.spark().conf().unset(CATALOG_KEY);
    }

    @Test
    void readsAreRefusedEvenForTheMostPrivilegedUser() {
        assertThatThrownBy(() -> sqlAs(SparkWithRanger.ADMIN, "SELECT * FROM lakehouse.sales.orders")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [admin] may not use [lakehouse.sales.orders]: Lakegate does not"
                        + " authorize DataSource V2 catalogs and sources yet, so it refuses them");
    }

    @Test
    void writesAndDdlAreRefused() {
        assertThatThrownBy(() -> sqlAs(SparkWithRanger.ADMIN, "INSERT INTO lakehouse.sales.orders VALUES (1)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("[lakehouse.sales.orders]");
        assertThatThrownBy(() -> sqlAs(SparkWithRanger.ADMIN, "CREATE TABLE lakehouse.sales.more (id INT)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("lakehouse.sales.more");
        assertThatThrownBy(() -> sqlAs(SparkWithRanger.ADMIN, "DROP TABLE lakehouse.sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("lakehouse.sales.orders");
    }
}
