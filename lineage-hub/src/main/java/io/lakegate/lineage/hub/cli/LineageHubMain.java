package io.lakegate.lineage.hub.cli;

import io.lakegate.lineage.hub.HubConfig;
import io.lakegate.lineage.hub.LineageHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lakegate-lineage-hub [--host HOST] [--port PORT] [--data-dir DIR] [--db-url JDBC_URL] [--db-user USER]
 * [--api-key-file FILE]}. Secrets never come from the command line (where {@code ps} shows them): the database
 * password from {@value #DB_PASSWORD_VARIABLE}, the API key from {@value #API_KEY_VARIABLE} or {@code --api-key-file}.
 */
public final class LineageHubMain {
    static final String API_KEY_VARIABLE = "LAKEGATE_LINEAGE_HUB_API_KEY";
    static final String DB_PASSWORD_VARIABLE = "LAKEGATE_LINEAGE_HUB_DB_PASSWORD";
    static final String USAGE = "usage: lakegate-lineage-hub [--host HOST (default 127.0.0.1)] [--port PORT (default "
            + HubConfig.DEFAULT_PORT + ")] [--data-dir DIR (default ./lineage-hub-data)] [--db-url JDBC_URL"
            + " (default: embedded H2 in the data directory)] [--db-user USER, password in $" + DB_PASSWORD_VARIABLE
            + "] [--api-key-file FILE, or the key in $" + API_KEY_VARIABLE + "]";

    private LineageHubMain() {}

    public static void main(String[] args) throws InterruptedException {
        HubConfig config;
        try {
            config = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LineageHub hub;
        try {
            hub = LineageHub.start(config);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            hub.close();
                            stopped.countDown();
                        },
                        "lineage-hub-shutdown"));
        System.out.println("Lineage hub on " + hub.baseUri() + " (Marquez API under " + hub.baseUri() + "api/v1/)");
        stopped.await();
    }

    static HubConfig parse(String[] args, Map<String, String> environment) {
        String host = "127.0.0.1";
        int port = HubConfig.DEFAULT_PORT;
        Path dataDir = Path.of("lineage-hub-data");
        String dbUrl = null;
        String dbUser = null;
        Path apiKeyFile = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("Lakegate lineage hub: a Marquez-compatible OpenLineage service");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> host = value;
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, not " + value);
                    }
                }
                case "--data-dir" -> dataDir = Path.of(value);
                case "--db-url" -> dbUrl = value;
                case "--db-user" -> dbUser = value;
                case "--api-key-file" -> apiKeyFile = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        Optional<String> apiKey =
                Optional.ofNullable(environment.get(API_KEY_VARIABLE)).filter(key -> !key.isEmpty());
        if (apiKeyFile != null) {
            if (apiKey.isPresent()) {
                throw new IllegalArgumentException(
                        "Give the API key once: --api-key-file or $" + API_KEY_VARIABLE + ", not both");
            }
            try {
                apiKey = Optional.of(
                        Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read --api-key-file " + apiKeyFile + ": " + e.getMessage());
            }
            if (apiKey.get().isEmpty()) {
                throw new IllegalArgumentException("--api-key-file " + apiKeyFile + " is empty");
            }
        }
        if (dbUser != null && dbUrl == null) {
            throw new IllegalArgumentException("--db-user needs --db-url");
        }
        HubConfig config = HubConfig.embedded(dataDir).withHost(host).withPort(port);
        if (dbUrl != null) {
            config = config.withDatabase(
                    dbUrl, Optional.ofNullable(dbUser), Optional.ofNullable(environment.get(DB_PASSWORD_VARIABLE)));
        }
        return apiKey.isPresent() ? config.withApiKey(apiKey.get()) : config;
    }
}
