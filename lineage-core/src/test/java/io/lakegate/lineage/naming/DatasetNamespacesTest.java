package io.lakegate.lineage.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetNamespacesTest {
    @Test
    void aMetastoreIsNamedAsOpenLineagesSparkIntegrationNamesIt() {
        assertThat(DatasetNamespaces.hiveMetastore("thrift://metastore:9083")).isEqualTo("hive://metastore:9083");
        assertThat(DatasetNamespaces.hiveMetastore(" thrift://a:9083 , thrift://b:9083"))
                .isEqualTo("hive://a:9083");
        assertThat(DatasetNamespaces.hiveMetastore("hive://127.0.0.1:9183")).isEqualTo("hive://127.0.0.1:9183");
        // Spark keeps a missing port missing: so do we, or the two names would be two nodes.
        assertThat(DatasetNamespaces.hiveMetastore("thrift://metastore")).isEqualTo("hive://metastore");
    }

    @Test
    void anythingElseIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> DatasetNamespaces.hiveMetastore("http://metastore:9083"))
                .hasMessageContaining("expected thrift://host:port");
        assertThatThrownBy(() -> DatasetNamespaces.hiveMetastore("metastore:9083"))
                .hasMessageContaining("Not a metastore URI");
        assertThatThrownBy(() -> DatasetNamespaces.hiveMetastore("thrift://metastore:9083/db"))
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> DatasetNamespaces.hiveMetastore("thrift://meta store"))
                .hasMessageContaining("Not a metastore URI");
    }

    @Test
    void kafkaByItsFirstBootstrapServer() {
        assertThat(DatasetNamespaces.kafka("broker1:9092,broker2:9092")).isEqualTo("kafka://broker1:9092");
        assertThatThrownBy(() -> DatasetNamespaces.kafka("")).hasMessageContaining("host:port");
    }
}
