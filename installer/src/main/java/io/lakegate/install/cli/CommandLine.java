package io.lakegate.install.cli;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.host.Host;
import io.lakegate.install.host.Hosts;
import io.lakegate.install.host.InstallSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parsed arguments of {@code lakegate install} or {@code uninstall}; bad ones are a {@link UsageException}. */
record CommandLine(
        Command command, Path distribution, boolean dryRun, Map<Host, Path> homes, InstallSettings settings) {
    static final String USAGE = String.join(
            "\n",
            "Usage: lakegate install [--dry-run] [--kyuubi-home DIR] [--spark-home DIR] [--flink-home DIR]",
            "                        [--trino-home DIR] [--ranger-url URL] [--ranger-service NAME] [--lineage-url URL]",
            "       lakegate uninstall [--dry-run] --<host>-home DIR ...",
            "At least one home. install copies Lakegate's jars into each home and merges its settings, recording every",
            "change in <home>/.lakegate/install.json; uninstall takes back what that records. --dry-run prints every",
            "file that would change, with a diff of each text change, and changes nothing.",
            "  --ranger-url      Ranger Admin or Lakegate's policy server, http(s)://host:port (default "
                    + InstallSettings.DEFAULT_RANGER_URL + "; a comma list fails over)",
            "  --ranger-service  the Ranger Hive service whose policies apply (default "
                    + InstallSettings.DEFAULT_RANGER_SERVICE + ")",
            "  --lineage-url     an OpenLineage HTTP receiver, http(s)://host:port (Marquez, Lakegate's lineage hub);",
            "                    without it Spark's OpenLineage listener is not switched on");

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final List<String> INSTALL_ONLY = List.of("--ranger-url", "--ranger-service", "--lineage-url");

    enum Command {
        INSTALL,
        UNINSTALL
    }

    CommandLine {
        requireNonNull(command, "command is null");
        requireNonNull(distribution, "distribution is null");
        // In the order of Hosts.all(): the order hosts are installed into and reported.
        homes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(homes, "homes is null")));
        requireNonNull(settings, "settings is null");
    }

    /** A usage error: the message says which argument and what to do. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(List<String> args) throws UsageException {
        requireNonNull(args, "args is null");
        Map<String, String> options = new HashMap<>();
        Command command = null;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.startsWith("--")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (!known(name)) {
                    throw new UsageException("unknown option " + name);
                }
                if (options.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else if (command == null && (arg.equals("install") || arg.equals("uninstall"))) {
                command = arg.equals("install") ? Command.INSTALL : Command.UNINSTALL;
            } else {
                throw new UsageException("unexpected argument [" + arg + "]");
            }
        }
        if (command == null) {
            throw new UsageException("say install or uninstall");
        }
        String distribution = options.get("--dist");
        if (distribution == null || !Files.isDirectory(Path.of(distribution))) {
            throw new UsageException("--dist must name the distribution's directory (bin/lakegate passes it)");
        }
        Map<Host, Path> homes = new LinkedHashMap<>();
        for (Host host : Hosts.all()) {
            String option = "--" + host.name() + "-home";
            String value = options.get(option);
            if (value == null) {
                continue;
            }
            Path home = Path.of(value).toAbsolutePath().normalize();
            if (!Files.isDirectory(home)) {
                throw new UsageException(option + " " + value + " is not a directory: pass the host's installation "
                        + "directory (the one holding its bin/)");
            }
            homes.put(host, home);
        }
        if (homes.isEmpty()) {
            throw new UsageException(
                    "name at least one home (--spark-home, --kyuubi-home, --flink-home, --trino-home)");
        }
        if (command == Command.UNINSTALL) {
            for (String option : INSTALL_ONLY) {
                if (options.containsKey(option)) {
                    throw new UsageException(
                            option + " is for install only: uninstall takes back what the manifest " + "records");
                }
            }
        }
        String rangerUrl = options.getOrDefault("--ranger-url", InstallSettings.DEFAULT_RANGER_URL);
        for (String url : rangerUrl.split(",", -1)) {
            checkUrl("--ranger-url", url.trim(), true);
        }
        String service = options.getOrDefault("--ranger-service", InstallSettings.DEFAULT_RANGER_SERVICE);
        if (!SERVICE.matcher(service).matches()) {
            throw new UsageException("--ranger-service [" + service + "] is no Ranger service name: 1 to 255 of "
                    + "A-Z a-z 0-9 _ - (the Hive service's name in Ranger Admin)");
        }
        // Spark's transport appends the endpoint to the URL, which must not end in a slash then.
        Optional<String> lineageUrl = Optional.ofNullable(options.get("--lineage-url"))
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (lineageUrl.isPresent()) {
            checkUrl("--lineage-url", lineageUrl.get(), false);
        }
        return new CommandLine(
                command,
                Path.of(distribution).toAbsolutePath().normalize(),
                dryRun,
                homes,
                new InstallSettings(rangerUrl, service, lineageUrl));
    }

    private static boolean known(String option) {
        return option.equals("--dist")
                || INSTALL_ONLY.contains(option)
                || Hosts.all().stream().anyMatch(host -> option.equals("--" + host.name() + "-home"));
    }

    /** Ranger's plugin needs {@code http(s)://host:port}; OpenLineage's transport takes the endpoint separately. */
    private static void checkUrl(String option, String url, boolean portRequired) throws UsageException {
        String expected = portRequired ? "http(s)://host:port" : "http(s)://host[:port]";
        try {
            URI uri = new URI(url);
            boolean valid = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (!portRequired || uri.getPort() > 0)
                    && (uri.getPath() == null
                            || uri.getPath().isEmpty()
                            || uri.getPath().equals("/"))
                    && uri.getQuery() == null
                    && uri.getUserInfo() == null;
            if (valid) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException(option + " [" + url + "] is not " + expected + ", without a path or credentials");
    }
}
