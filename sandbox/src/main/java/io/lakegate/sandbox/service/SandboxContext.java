package io.lakegate.sandbox.service;

import static java.util.Objects.requireNonNull;

import io.lakegate.sandbox.SandboxOptions;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every service shares: the options, where each keeps its files, the address of each, and the demonstration
 * directory (users, passwords, groups).
 */
public final class SandboxContext {
    private static final int METASTORE_PORT = 9083;
    private static final int POLICY_SERVER_PORT = 6080;
    private static final int LDAP_PORT = 10389;
    private static final int LINEAGE_HUB_PORT = 5000;
    private static final int THRIFT_PORT = 10000;
    private static final int SPARK_UI_PORT = 4040;
    private static final int TRINO_PORT = 8080;
    private static final int FLINK_PORT = 8083;

    /** The pids of the services' processes, one per line. */
    public static final String PIDS = "sandbox.pids";

    private final SandboxOptions options;
    private final DemoDirectory directory;

    public SandboxContext(SandboxOptions options, DemoDirectory directory) {
        this.options = requireNonNull(options, "options is null");
        this.directory = requireNonNull(directory, "directory is null");
    }

    public SandboxOptions options() {
        return options;
    }

    public DemoDirectory directory() {
        return directory;
    }

    public String host() {
        return options.host();
    }

    public int metastorePort() {
        return METASTORE_PORT + options.portOffset();
    }

    public int policyServerPort() {
        return POLICY_SERVER_PORT + options.portOffset();
    }

    public int ldapPort() {
        return LDAP_PORT + options.portOffset();
    }

    public int lineageHubPort() {
        return LINEAGE_HUB_PORT + options.portOffset();
    }

    public int thriftPort() {
        return THRIFT_PORT + options.portOffset();
    }

    public int sparkUiPort() {
        return SPARK_UI_PORT + options.portOffset();
    }

    public int trinoPort() {
        return TRINO_PORT + options.portOffset();
    }

    public int flinkPort() {
        return FLINK_PORT + options.portOffset();
    }

    /** The Flink SQL endpoint: Flink's SQL gateway REST API, with the sandbox's logins. */
    public String flinkUrl() {
        return "http://" + host() + ":" + flinkPort();
    }

    public String trinoUrl() {
        return "https://" + host() + ":" + trinoPort();
    }

    public String metastoreUri() {
        return "thrift://" + host() + ":" + metastorePort();
    }

    public String policyServerUrl() {
        return "http://" + host() + ":" + policyServerPort();
    }

    public String ldapUrl() {
        return "ldap://" + host() + ":" + ldapPort();
    }

    public String lineageHubUrl() {
        return "http://" + host() + ":" + lineageHubPort();
    }

    /** The Ranger Hive service every engine enforces: one policy set. */
    public String rangerService() {
        return "sandbox_hive";
    }

    /** The OpenLineage namespace of every engine's jobs. */
    public String lineageNamespace() {
        return "lakegate-sandbox";
    }

    /** A directory of the data directory, created if missing. */
    public Path dataDir(String name) {
        return directory(options.dataDir().resolve(name));
    }

    public Path warehouse() {
        return dataDir("warehouse");
    }

    public Path logFile(String service) {
        return dataDir("logs").resolve(service + ".log");
    }

    /**
     * Starts a service's process, its output in the service's log, its pid recorded in the data directory so that a
     * later start can tell when an earlier sandbox's services outlived their launcher (SIGKILL).
     */
    public ChildProcess startProcess(String service, List<String> command, Map<String, String> environment)
            throws IOException {
        ChildProcess process = ChildProcess.start(service, command, environment, logFile(service));
        synchronized (this) {
            Files.writeString(
                    options.dataDir().resolve(PIDS),
                    process.pid() + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return process;
    }

    /** A file of the distribution, which must exist. */
    public Path distFile(String relative) {
        Path file = options.distDir().resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing from the distribution: rebuild it (mvn -B package"
                    + " -DskipTests) or pass the distribution's directory as --dist");
        }
        return file;
    }

    /**
     * The one jar of the distribution's {@code directory} named {@code prefix} and a version, which must exist.
     */
    public String distJar(String directory, String prefix) throws IOException {
        Path dir = distFile(directory);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(file -> {
                        String name = file.getFileName().toString();
                        // A version follows the prefix: lakegate-kyuubi-0.1.0.jar, not lakegate-kyuubi-authn-0.1.0.jar.
                        return name.startsWith(prefix)
                                && name.length() > prefix.length()
                                && Character.isDigit(name.charAt(prefix.length()))
                                && name.endsWith(".jar");
                    })
                    .toList();
            if (matches.size() != 1) {
                throw new IllegalStateException("the distribution's " + dir + " should hold one " + prefix
                        + "*.jar, not " + matches.size() + ": rebuild it (mvn -B package -DskipTests)");
            }
            return matches.get(0).toString();
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }
}
