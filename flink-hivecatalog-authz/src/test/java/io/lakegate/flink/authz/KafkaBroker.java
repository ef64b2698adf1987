package io.lakegate.flink.authz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox's Kafka broker (module sandbox-kafka), started once per test JVM in a JVM of its own: Kafka's Scala
 * 2.13 cannot share Flink's class path. It stops when this JVM closes the pipe to it.
 */
final class KafkaBroker {
    private static final String READY = "bootstrap.servers=";
    private static String bootstrapServers;

    private KafkaBroker() {}

    static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    private static String start() {
        String classpath = Objects.requireNonNull(
                System.getProperty("lakegate.kafka.classpath"), "system property lakegate.kafka.classpath is not set");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp",
                        classpath,
                        "io.lakegate.sandbox.kafka.SandboxKafka"))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process broker = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(READY)) {
                    return line.substring(READY.length()).strip();
                }
            }
            throw new IllegalStateException("the Kafka broker exited before it was ready: " + broker.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
