package io.lakegate.sandbox.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker (combined with its controller) on free loopback ports, its logs in a new directory under
 * {@code java.io.tmpdir} that it deletes when it stops. Prints {@value #READY}{@code <bootstrap servers>} on standard
 * output once it accepts clients. Without arguments it stops when standard input closes: a test's broker whose parent
 * dies (or closes the pipe) never outlives it. With {@code --until-terminated} it stops on SIGTERM, as the sandbox's
 * services do; with {@code --clickstream TOPIC} it also runs a {@link ClickGenerator} into {@code TOPIC}.
 */
public final class SandboxKafka {
    /** The line's prefix that says the broker is ready, followed by its bootstrap servers. */
    public static final String READY = "bootstrap.servers=";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String CONTROLLER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private SandboxKafka() {}

    public static void main(String[] args) throws Exception {
        boolean untilTerminated = false;
        String clickstream = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--until-terminated" -> untilTerminated = true;
                case "--clickstream" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--clickstream needs a topic");
                    }
                    clickstream = args[++i];
                }
                default -> throw new IllegalArgumentException(
                        "unknown argument " + args[i] + "; expected --until-terminated and --clickstream TOPIC");
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path logDir = Files.createTempDirectory("kafka-");
        KafkaRaftServer server = null;
        ClickGenerator generator = null;
        try {
            int brokerPort = freeLoopbackPort();
            int controllerPort = freeLoopbackPort();
            String bootstrapServers = LOOPBACK + ":" + brokerPort;
            format(logDir);
            server =
                    new KafkaRaftServer(KafkaConfig.fromProps(config(logDir, brokerPort, controllerPort)), Time.SYSTEM);
            // Returns once the broker is unfenced and serves clients.
            server.startup();
            if (clickstream != null) {
                generator = ClickGenerator.start(bootstrapServers, clickstream, Clock.systemUTC());
            }
            out.println(READY + bootstrapServers);
            if (untilTerminated) {
                awaitTermination();
            } else {
                drain(System.in);
            }
        } finally {
            if (generator != null) {
                generator.close();
            }
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            delete(logDir);
        }
    }

    // Every listener on loopback: the broker has no authentication, whoever reaches it reads every topic.
    private static Properties config(Path logDir, int brokerPort, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        config.put(
                "listeners",
                "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + "," + CONTROLLER + "://" + LOOPBACK + ":"
                        + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        config.put("controller.listener.names", CONTROLLER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        // One broker: every internal topic has one replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    // The controller's address must be known before it starts (the quorum's voters name it); so is the broker's,
    // for symmetry. Another process could take either port in between: the start then fails, naming it.
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            return socket.getLocalPort();
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    // SIGTERM runs the shutdown hooks: this one waits for main's finally to close the generator and the broker.
    private static void awaitTermination() throws InterruptedException {
        CountDownLatch terminated = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminated.countDown();
            try {
                main.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        terminated.await();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Nothing is read from the parent; the pipe's end is the signal to stop.
        }
    }
}
