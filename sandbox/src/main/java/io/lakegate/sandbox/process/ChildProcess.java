package io.lakegate.sandbox.process;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A service's own JVM (or script that execs one), its output appended to a log file of the data directory. Stopping
 * it sends SIGTERM, so its shutdown hooks run (the lineage hub commits, the metastore closes Derby), and kills it only
 * if it has not exited after a grace period.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        requireNonNull(name, "name is null");
        requireNonNull(command, "command is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(log, "log is null");
        Files.writeString(
                log,
                "---- " + Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Returns once {@code host:port} accepts connections; if the process exits first or {@code timeout} passes, stops
     * it and throws with the end of its log.
     */
    public void awaitPort(String host, int port, Duration timeout) throws IOException, InterruptedException {
        try {
            waitForPort(host, port, timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void waitForPort(String host, int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " before it listened on "
                        + host + ":" + port + "; the end of " + log + ":\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not listen on " + host + ":" + port + " within "
                            + timeout.toSeconds() + " s; the end of " + log + ":\n" + tail());
                }
            }
            // The process's exit ends this wait early; otherwise it is the polling interval.
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Returns once {@code ready} says so (asked every 200 ms); if the process exits first or {@code timeout} passes,
     * stops it and throws with the end of its log, naming {@code what} it was waited for.
     */
    public void await(BooleanSupplier ready, String what, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive()
                        ? " within " + timeout.toSeconds() + " s"
                        : ": it exited with code " + process.exitValue();
                close();
                throw new IOException(name + " was not " + what + why + "; the end of " + log + ":\n" + tail());
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    /** The last lines of the log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
