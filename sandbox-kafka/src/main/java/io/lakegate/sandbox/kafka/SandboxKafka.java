package io.lakegate.sandbox.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker on a free loopback port. Prints {@value #READY}{@code <bootstrap servers>} on standard
 * output once it accepts clients, and stops when standard input closes: a broker whose parent dies (or closes the
 * pipe) never outlives it.
 */
public final class SandboxKafka {
    /** The line's prefix that says the broker is ready, followed by its bootstrap servers. */
    public static final String READY = "bootstrap.servers=";

    private SandboxKafka() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumControllerNodes(1)
                        .setNumBrokerNodes(1)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build())
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            out.println(READY + cluster.bootstrapServers());
            drain(System.in);
        } finally {
            cluster.close();
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Nothing is read from the parent; the pipe's end is the signal to stop.
        }
    }
}
