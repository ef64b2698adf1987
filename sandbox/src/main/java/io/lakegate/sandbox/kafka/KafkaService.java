package io.lakegate.sandbox.kafka;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.process.JavaCommand;
import io.lakegate.sandbox.service.AbsentService;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.ProcessService;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The seed's Kafka broker for its ClickStream: a single-node Kafka 4.1 KRaft broker ({@code runtime/kafka}, a JVM of
 * its own: its Scala 2.13 cannot share a class path with Flink's 2.12) with the clickstream generator writing into
 * {@value #TOPIC}. Its port is one the system picks, on loopback, and its topic starts afresh with the history of the
 * last minutes at every start: the Flink service defines the table over it with the address of the day.
 */
public final class KafkaService implements SandboxService {
    public static final String NAME = "kafka";
    public static final String TOPIC = "clickstream_events";
    static final String RUNTIME = "runtime/kafka/lib";
    private static final String READY = "bootstrap.servers=";
    private static final String MAIN = "io.lakegate.sandbox.kafka.SandboxKafka";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        // The system picks the broker's port at each start.
        return Set.of();
    }

    /** Whether the sandbox runs a broker: the distribution has its runtime (the archive leaves runtime/ out). */
    public static boolean runs(SandboxContext context) {
        return Files.isDirectory(context.options().distDir().resolve(RUNTIME));
    }

    /** The running broker's bootstrap servers, as it printed them at this start. */
    public static String bootstrapServers(SandboxContext context) {
        try {
            return Files.readString(file(context), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka broker's address is not in " + file(context), e);
        }
    }

    private static Path file(SandboxContext context) {
        return context.dataDir("kafka").resolve("bootstrap.servers");
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        Files.deleteIfExists(file(context));
        if (!runs(context)) {
            return new AbsentService("no Kafka broker: the distribution has no " + RUNTIME + " (the archive leaves"
                    + " runtime/ out; a built distribution has it)");
        }
        // The broker's log segments and metadata: in the data directory, not the machine's /tmp. A broker deletes its
        // own when it stops; one killed did not: nothing in it outlives the broker that wrote it.
        Path scratch = context.dataDir("kafka/tmp");
        deleteContents(scratch);
        ChildProcess process = context.startProcess(
                NAME,
                List.of(
                        JavaCommand.java(),
                        "-Xmx384m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        // Kafka's warnings only: at INFO it logs every setting of the broker at every start.
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-Djava.io.tmpdir=" + scratch,
                        "-cp",
                        context.distFile(RUNTIME) + "/*",
                        MAIN,
                        "--until-terminated",
                        "--clickstream",
                        TOPIC),
                Map.of());
        AtomicReference<String> servers = new AtomicReference<>();
        process.await(
                () -> {
                    servers.set(readyLine(context).orElse(null));
                    return servers.get() != null;
                },
                "ready",
                Duration.ofSeconds(90));
        try {
            ConfFiles.write(file(context), servers.get() + "\n");
        } catch (IOException | RuntimeException e) {
            process.close();
            throw e;
        }
        return new ProcessService(
                List.of(new Endpoint("Kafka broker (topic " + TOPIC + ", a click a second)", servers.get())),
                List.of(),
                process);
    }

    private static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(path -> !path.equals(directory))
                    .sorted(Comparator.reverseOrder())
                    .toList()) {
                Files.delete(path);
            }
        }
    }

    // The broker prints its address once, on the log this start appended to.
    private static Optional<String> readyLine(SandboxContext context) {
        try {
            List<String> lines = Files.readAllLines(context.logFile(NAME), StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.startsWith("---- ")) {
                    return Optional.empty();
                }
                if (line.startsWith(READY)) {
                    return Optional.of(line.substring(READY.length()).strip());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
