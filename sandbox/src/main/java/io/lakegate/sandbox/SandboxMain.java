package io.lakegate.sandbox;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lakegate sandbox}: starts the platform, runs the tour, and stays up until Ctrl-C (or SIGTERM), which stops
 * every service and keeps the data directory.
 */
public final class SandboxMain {
    static final String USAGE = String.join(
            "\n",
            "usage: lakegate sandbox [--data-dir DIR (default ~/.lakegate/sandbox)] [--reset] [--no-tour]",
            "                        [--spark-home DIR (default $SPARK_HOME, else the distribution's runtime/spark)]",
            "                        [--host HOST (default 127.0.0.1)] [--port-offset N (default 0)]",
            "                        [--trino-java JAVA (a Java 25+ home or bin/java; default $LAKEGATE_TRINO_JAVA,",
            "                        else the newest Java 25+ in /usr/lib/jvm)]",
            "Starts a Hive metastore, the Ranger policy server, an LDAP directory, the lineage hub, a Spark Thrift",
            "Server, a Trino coordinator, a Kafka broker with a clickstream and a Flink SQL gateway with Lakegate's",
            "authentication, authorization and lineage, runs a guided tour, and stays up until Ctrl-C. Ports:",
            "metastore 9083, policies 6080, LDAP 10389, lineage hub 5000, JDBC 10000, Spark UI 4040, Trino 8080, Flink",
            "8083 (each plus --port-offset); Kafka's is one the system picks, on loopback.");

    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        SandboxOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lakegate sandbox: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            out.println(USAGE);
            return;
        }
        Sandbox sandbox = new Sandbox(options, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("stopping the sandbox ...");
                            sandbox.close();
                            out.println("stopped; data kept in " + options.dataDir());
                            out.flush();
                            stopped.countDown();
                        },
                        "sandbox-stop"));
        try {
            sandbox.start();
        } catch (Exception e) {
            System.err.println("lakegate sandbox: " + e.getMessage());
            System.exit(1);
        }
        if (options.tour()) {
            try {
                sandbox.tour();
            } catch (Exception e) {
                // Everything is still up: the user can look into it.
                out.println("the tour stopped: " + e);
            }
        }
        out.println("Ready for your own client (" + Memory.describe(Memory.residentBytes())
                + " resident now). Ctrl-C stops every service and keeps the data.");
        out.flush();
        stopped.await();
    }

    /** The options, or null for --help; throws naming the option that is wrong. */
    static SandboxOptions parse(String[] args) {
        Path dist = null;
        Path dataDir = Path.of(System.getProperty("user.home"), ".lakegate", "sandbox");
        Path sparkHome = null;
        Path trinoJava = null;
        String host = "127.0.0.1";
        int portOffset = 0;
        boolean reset = false;
        boolean tour = true;
        for (int index = 0; index < args.length; index++) {
            String option = args[index];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--reset" -> reset = true;
                case "--no-tour" -> tour = false;
                case "--dist", "--data-dir", "--spark-home", "--host", "--port-offset", "--trino-java" -> {
                    if (index + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args[++index];
                    switch (option) {
                        case "--dist" -> dist = Path.of(value);
                        case "--data-dir" -> dataDir = Path.of(value);
                        case "--spark-home" -> sparkHome = Path.of(value);
                        case "--trino-java" -> trinoJava = Path.of(value);
                        case "--host" -> host = value;
                        default -> {
                            try {
                                portOffset = Integer.parseInt(value);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("--port-offset must be a number, not " + value);
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        Path distDir = Optional.ofNullable(dist).orElseGet(SandboxMain::distributionOfThisJar);
        Path spark = Optional.ofNullable(sparkHome)
                .or(() -> Optional.ofNullable(System.getenv("SPARK_HOME")).map(Path::of))
                .orElse(distDir.resolve("runtime/spark"));
        if (!Files.isDirectory(distDir.resolve("tools"))) {
            throw new IllegalArgumentException(
                    "--dist " + distDir + " is not a Lakegate distribution (it has no tools/ directory)");
        }
        return new SandboxOptions(
                distDir.toAbsolutePath().normalize(),
                dataDir.toAbsolutePath().normalize(),
                spark.toAbsolutePath().normalize(),
                host,
                portOffset,
                reset,
                tour,
                Optional.ofNullable(trinoJava)
                        .or(() -> Optional.ofNullable(System.getenv("LAKEGATE_TRINO_JAVA"))
                                .map(Path::of))
                        .map(SandboxMain::javaOf)
                        .or(JavaHomes::newestJava25)
                        .map(java -> java.toAbsolutePath().normalize()));
    }

    // A JDK's directory or its bin/java.
    private static Path javaOf(Path given) {
        return Files.isDirectory(given) ? given.resolve("bin/java") : given;
    }

    // This jar is <dist>/tools/sandbox/lib/lakegate-sandbox-<version>.jar.
    private static Path distributionOfThisJar() {
        try {
            Path jar = Path.of(SandboxMain.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return jar.getParent().getParent().getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("cannot tell where the distribution is: pass --dist DIR");
        }
    }
}
