package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Reading files by path, around the catalog, needs Ranger's {@code url} resource with {@code read}: otherwise a
 * table's files would be a way around its column privileges, row filter and masks. alice may read the warehouse.
 */
class FileAccessTest {
    @Test
    void sqlOnAPathNeedsReadOnTheUrl() {
        String path = SparkWithRanger.warehouse() + "/sales.db/customers";

        assertThat(sqlAs("alice", "SELECT name FROM parquet.`" + path + "` ORDER BY name")
                        .collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("Ada", "Grace");
        assertThatThrownBy(() ->
                        sqlAs("bob", "SELECT name FROM parquet.`" + path + "`").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + path + "]");
    }

    @Test
    void switchingFileSourcesToDataSourceV2DoesNotGetAroundTheUrlCheck() {
        String path = SparkWithRanger.warehouse() + "/sales.db/customers";
        SparkSession spark = SparkWithRanger.spark();
        try {
            sqlAs("bob", "SET spark.sql.sources.useV1SourceList=");

            assertThatThrownBy(() -> sqlAs("bob", "SELECT name FROM parquet.`" + path + "`")
                            .collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + path + "]");
            spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");
            assertThatThrownBy(() -> spark.read().parquet(path).collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + path + "]");
            spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "alice");
            assertThat(spark.read().parquet(path).collectAsList()).hasSize(2);
        } finally {
            spark.conf().unset("spark.sql.sources.useV1SourceList");
        }
    }

    @Test
    void dataFrameReaderNeedsReadOnTheUrl() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "ivan");
        String path = SparkWithRanger.warehouse() + "/sales.db/orders";

        assertThatThrownBy(() -> spark.read().parquet(path).select("ssn").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [ivan] does not have [read] privilege on [" + path + "]");
    }

    @Test
    void sourcesOutsideTheCatalogThatAreNotFilesAreRefused() {
        // The metastore's Derby, over JDBC: no Ranger resource names a JDBC source's tables.
        String url = "jdbc:derby:memory:lakegate-jdbc;create=true";
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, SparkWithRanger.ADMIN);
        assertThatThrownBy(() -> spark.read()
                        .format("jdbc")
                        .option("url", url)
                        .option("dbtable", "SYS.SYSTABLES")
                        .load()
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: user [admin] may not use [JDBCRelation(SYS.SYSTABLES)")
                .hasMessageEndingWith("Lakegate cannot authorize this source, so it refuses it");
        // Creating the view connects to the source to learn its schema: refused before it does.
        assertThatThrownBy(() -> sqlAs(
                        SparkWithRanger.ADMIN,
                        "CREATE OR REPLACE TEMPORARY VIEW systables USING jdbc OPTIONS (url '" + url
                                + "', dbtable 'SYS.SYSTABLES')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: [source [jdbc]] has no Ranger resource: Lakegate cannot authorize this"
                        + " source, so it refuses it");
        assertThat(spark.catalog().tableExists("systables")).isFalse();
    }
}
