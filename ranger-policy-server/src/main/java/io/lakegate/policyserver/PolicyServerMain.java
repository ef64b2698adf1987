package io.lakegate.policyserver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ranger-policy-server --folder DIR [--host HOST] [--port PORT] [--basic-auth-user USER]}; the basic-auth
 * password comes from the environment variable {@value #PASSWORD_VARIABLE}, never from the command line.
 */
public final class PolicyServerMain {
    static final String PASSWORD_VARIABLE = "LAKEGATE_POLICY_SERVER_PASSWORD";
    private static final String USAGE = "usage: ranger-policy-server --folder DIR [--host HOST (default 127.0.0.1)]"
            + " [--port PORT (default 6080)] [--basic-auth-user USER, password in $" + PASSWORD_VARIABLE + "]";

    private PolicyServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        PolicyServerConfig config;
        try {
            config = parse(args, Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        PolicyServer server = PolicyServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("Serving Ranger policies from " + config.folder() + " on " + server.baseUrl());
        stopped.await();
    }

    static PolicyServerConfig parse(String[] args, Optional<String> password) {
        Path folder = null;
        String host = "127.0.0.1";
        int port = 6080;
        String user = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--folder" -> folder = Path.of(value);
                case "--host" -> host = value;
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, not " + value);
                    }
                }
                case "--basic-auth-user" -> user = value;
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        if (folder == null) {
            throw new IllegalArgumentException("--folder is required");
        }
        PolicyServerConfig config = new PolicyServerConfig(folder, host, port, Optional.empty());
        if (user == null) {
            return config;
        }
        String secret = password.filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException(
                        "--basic-auth-user needs the password in the environment variable " + PASSWORD_VARIABLE));
        return config.withBasicAuth(user, secret);
    }
}
