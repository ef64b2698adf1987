package io.lakegate.sandbox;

import static java.util.Objects.requireNonNull;

import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts every {@link SandboxService} once those it requires are up (the others in parallel), prints what is where,
 * runs the tour, and stops everything in the reverse order when closed. The data directory is kept between starts.
 */
public final class Sandbox implements AutoCloseable {
    /** Marks a directory as a sandbox's, so that {@code --reset} never wipes anything else. */
    static final String MARKER = ".lakegate-sandbox";

    private final SandboxOptions options;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<StartedService> running = Collections.synchronizedList(new ArrayList<>());
    // A thread per service start: the common pool has one thread on two cores, and starts block.
    private final ExecutorService starter = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-start");
        thread.setDaemon(true);
        return thread;
    });
    private FileChannel lockFile;
    private FileLock lock;

    public Sandbox(SandboxOptions options, PrintStream out) {
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Starts every service; on a failure stops those that started and throws saying which failed and why. */
    public void start() throws Exception {
        prepareDataDir();
        SandboxContext context = new SandboxContext(
                options, DemoDirectory.ofDataDir(options.dataDir().resolve("ldap/directory.ldif")));
        List<SandboxService> services = ServiceLoader.load(SandboxService.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(SandboxService::name))
                .toList();
        refuseTakenPorts(services, context);
        Map<String, CompletableFuture<StartedService>> futures = new HashMap<>();
        Map<String, SandboxService> byName = new LinkedHashMap<>();
        services.forEach(service -> byName.put(service.name(), service));
        for (SandboxService service : services) {
            schedule(service, byName, futures, context, new ArrayList<>());
        }
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException e) {
            // Let every start under way finish before stopping them all.
            futures.values()
                    .forEach(future -> future.handle((value, error) -> value).join());
            close();
            Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
            throw cause instanceof Exception exception ? exception : e;
        } finally {
            starter.shutdown();
        }
        printBanner();
    }

    /** Runs each service's part of the tour, in the order they started. */
    public void tour() throws Exception {
        for (StartedService service : List.copyOf(running)) {
            service.tour(out);
        }
        out.println();
    }

    private CompletableFuture<StartedService> schedule(
            SandboxService service,
            Map<String, SandboxService> byName,
            Map<String, CompletableFuture<StartedService>> futures,
            SandboxContext context,
            List<String> path) {
        CompletableFuture<StartedService> existing = futures.get(service.name());
        if (existing != null) {
            return existing;
        }
        if (path.contains(service.name())) {
            throw new IllegalStateException("sandbox services require each other in a cycle: " + path);
        }
        path.add(service.name());
        List<CompletableFuture<StartedService>> required = new ArrayList<>();
        for (String name : service.requires()) {
            SandboxService requirement = byName.get(name);
            if (requirement == null) {
                throw new IllegalStateException(
                        "sandbox service " + service.name() + " requires " + name + ", which is not registered");
            }
            required.add(schedule(requirement, byName, futures, context, path));
        }
        path.remove(service.name());
        CompletableFuture<StartedService> future = CompletableFuture.allOf(required.toArray(CompletableFuture[]::new))
                .thenApplyAsync(
                        ignored -> {
                            progress("starting " + service.name());
                            try {
                                StartedService up = service.start(context);
                                running.add(up);
                                progress(service.name() + " is up"
                                        + up.endpoints().stream()
                                                .findFirst()
                                                .map(endpoint -> " (" + endpoint.address() + ")")
                                                .orElse(""));
                                return up;
                            } catch (Exception e) {
                                throw new CompletionException(
                                        new SandboxException(service.name() + " did not start: " + firstLine(e), e));
                            }
                        },
                        starter);
        futures.put(service.name(), future);
        return future;
    }

    private static void refuseTakenPorts(List<SandboxService> services, SandboxContext context) throws IOException {
        for (SandboxService service : services) {
            for (int port : service.ports(context)) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(context.host(), port));
                } catch (IOException taken) {
                    throw new SandboxException("port " + port + " on " + context.host() + ", which the sandbox's "
                            + service.name() + " listens on, is in use (" + taken.getMessage() + "): stop what"
                            + " holds it (a sandbox killed with SIGKILL leaves its services running), or pass"
                            + " --port-offset");
                }
            }
        }
    }

    // Hive's JDBC errors carry the server's stack trace in their message.
    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private void printBanner() {
        out.println();
        out.println("Lakegate sandbox is up in " + String.format("%.1f", elapsedSeconds()) + " s, using "
                + Memory.describe(Memory.residentBytes()) + " of memory (resident, every process)");
        out.println("data directory (kept between starts; --reset wipes it): " + options.dataDir());
        out.println();
        for (StartedService service : List.copyOf(running)) {
            for (Endpoint endpoint : service.endpoints()) {
                out.printf("  %-58s %s%n", endpoint.what(), endpoint.address());
            }
        }
        out.println();
        for (StartedService service : List.copyOf(running)) {
            service.notes().forEach(note -> out.println("  " + note));
        }
        out.flush();
    }

    private void progress(String message) {
        out.printf("[%5.1f s] %s%n", elapsedSeconds(), message);
        out.flush();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void prepareDataDir() throws IOException {
        Path dir = options.dataDir();
        if (Files.exists(dir) && !Files.exists(dir.resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new SandboxException(dir + " is not empty and not a sandbox's data directory (it has no "
                            + MARKER + "): pass another --data-dir");
                }
            }
        }
        Files.createDirectories(dir);
        // Passwords, HR's salaries and the audit are in there: the sandbox's user's alone.
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions: its own rules apply.
        }
        lockFile = FileChannel.open(dir.resolve("sandbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.tryLock();
        if (lock == null) {
            lockFile.close();
            throw new SandboxException("another sandbox is running on " + dir + ": stop it first, or pass another"
                    + " --data-dir (and --port-offset)");
        }
        refuseLeftOverServices(dir);
        if (options.reset()) {
            progress("--reset: wiping " + dir);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals("sandbox.lock")) {
                        deleteRecursively(entry);
                    }
                }
            }
        }
        Files.writeString(dir.resolve(MARKER), "A Lakegate sandbox's data directory.\n");
    }

    // A launcher killed with SIGKILL leaves its services running, on this directory's files.
    private static void refuseLeftOverServices(Path dir) throws IOException {
        Path pids = dir.resolve(SandboxContext.PIDS);
        if (!Files.exists(pids)) {
            return;
        }
        List<String> alive = new ArrayList<>();
        for (String line : Files.readAllLines(pids)) {
            try {
                ProcessHandle.of(Long.parseLong(line.strip()))
                        .filter(ProcessHandle::isAlive)
                        .filter(process -> process.info()
                                .commandLine()
                                .map(command -> command.contains(dir.toString()))
                                .orElse(false))
                        .ifPresent(process -> alive.add(Long.toString(process.pid())));
            } catch (NumberFormatException notAPid) {
                // Not ours to judge: the file is rewritten below.
            }
        }
        if (!alive.isEmpty()) {
            throw new SandboxException("services of an earlier sandbox on " + dir + " are still running (pids "
                    + String.join(" ", alive) + "): its launcher was killed without stopping them; stop them with"
                    + " kill " + String.join(" ", alive));
        }
        Files.delete(pids);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(path)) {
                for (Path entry : entries.toList()) {
                    deleteRecursively(entry);
                }
            }
        }
        Files.delete(path);
    }

    // A stop while services start: their processes are children of this JVM, not yet in the running list.
    private static void stopServicesStillStarting() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Stops every service, the last started first. */
    @Override
    public void close() {
        List<StartedService> stopping = new ArrayList<>(running);
        running.clear();
        Collections.reverse(stopping);
        for (StartedService service : stopping) {
            service.close();
        }
        stopServicesStillStarting();
        try {
            if (lock != null) {
                lock.release();
                lockFile.close();
                lock = null;
            }
        } catch (IOException e) {
            out.println("cannot release the data directory's lock: " + e.getMessage());
        }
    }
}
