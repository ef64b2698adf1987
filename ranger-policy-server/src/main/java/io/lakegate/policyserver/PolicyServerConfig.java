package io.lakegate.policyserver;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the policy server reads from and listens. Port 0 picks a free port. With {@code basicAuth}, every
 * download needs HTTP basic credentials, which plugins send from {@code ranger.plugin.<type>.policy.rest.client
 * .username} and {@code .password}.
 */
public record PolicyServerConfig(Path folder, String host, int port, Optional<BasicAuth> basicAuth) {
    public PolicyServerConfig {
        requireNonNull(folder, "folder is null");
        requireNonNull(host, "host is null");
        requireNonNull(basicAuth, "basicAuth is null");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Policy folder " + folder + " is not a directory");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, not " + port);
        }
    }

    public static PolicyServerConfig onLoopback(Path folder) {
        return new PolicyServerConfig(folder, "127.0.0.1", 0, Optional.empty());
    }

    public PolicyServerConfig withBasicAuth(String user, String password) {
        return new PolicyServerConfig(folder, host, port, Optional.of(new BasicAuth(user, password)));
    }

    public record BasicAuth(String user, String password) {
        public BasicAuth {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            if (user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("Basic auth user must be non-empty and without ':'");
            }
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + "]";
        }
    }
}
