package io.lakegate.lineage.transport;

import io.openlineage.client.OpenLineage.DatasetEvent;
import io.openlineage.client.OpenLineage.JobEvent;
import io.openlineage.client.OpenLineage.ParentRunFacet;
import io.openlineage.client.OpenLineage.ParentRunFacetJob;
import io.openlineage.client.OpenLineage.RootJob;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClientException;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.Transport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka transport of {@link Transports#kafka}, which only a host with Kafka's client loads. */
final class KafkaTransports {
    private KafkaTransports() {}

    static Transport acknowledged(String topic, Map<String, String> properties, Duration timeout) {
        Map<String, Object> producer = new HashMap<>(properties);
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        // The producer gives a record up within the send's timeout: once the emitter has counted a send failed and
        // tries it again, the first try is not still delivering (a duplicate, or a START after its COMPLETE).
        producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        return new Acknowledged(
                new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer()), topic, timeout);
    }

    // Not OpenLineage's KafkaTransport: it logs a send the broker refused or never acknowledged and returns as if sent.
    private static final class Acknowledged extends Transport {
        private final KafkaProducer<String, String> producer;
        private final String topic;
        private final Duration timeout;

        Acknowledged(KafkaProducer<String, String> producer, String topic, Duration timeout) {
            this.producer = producer;
            this.topic = topic;
            this.timeout = timeout;
        }

        @Override
        public void emit(RunEvent event) {
            send(key(event), OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void emit(DatasetEvent event) {
            send(
                    "dataset:" + event.getDataset().getNamespace() + "/"
                            + event.getDataset().getName(),
                    OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void emit(JobEvent event) {
            send(
                    "job:" + event.getJob().getNamespace() + "/"
                            + event.getJob().getName(),
                    OpenLineageClientUtils.toJson(event));
        }

        private void send(String key, String json) {
            try {
                producer.send(new ProducerRecord<>(topic, key, json)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new OpenLineageClientException("Kafka did not take the event: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new OpenLineageClientException("Kafka did not acknowledge the event within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenLineageClientException("interrupted while waiting for Kafka", e);
            }
        }

        private static String key(RunEvent event) {
            Optional<ParentRunFacet> parent =
                    Optional.ofNullable(event.getRun().getFacets()).map(facets -> facets.getParent());
            if (parent.map(ParentRunFacet::getRoot).isPresent()) {
                RootJob root = parent.get().getRoot().getJob();
                return "run:" + root.getNamespace() + "/" + root.getName();
            }
            if (parent.isPresent()) {
                ParentRunFacetJob job = parent.get().getJob();
                return "run:" + job.getNamespace() + "/" + job.getName();
            }
            return "run:" + event.getJob().getNamespace() + "/" + event.getJob().getName();
        }

        @Override
        public void close() {
            producer.close(timeout);
        }
    }
}
