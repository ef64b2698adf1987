package io.lakegate.policyserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Ranger-compatible policy server: serves {@code <service>.json}, {@code <service>_roles.json} and
 * {@code <service>_userstore.json} from a folder on the REST endpoints an unmodified Ranger plugin polls on Ranger
 * Admin, with the status codes Ranger Admin uses: 304 when the plugin's version is current, 404 with Ranger's
 * service-not-found body when there is no policy file for the service.
 */
public final class PolicyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PolicyServer.class);

    // Plugins use the /secure/ paths when they authenticate (Kerberos, basic auth, JWT).
    private static final Map<Pattern, DocumentKind> ENDPOINTS = Map.of(
            Pattern.compile("/service/plugins(?:/secure)?/policies/download/([^/]+)"), DocumentKind.POLICIES,
            Pattern.compile("/service/roles(?:/secure)?/download/([^/]+)"), DocumentKind.ROLES,
            Pattern.compile("/service/xusers(?:/secure)?/download/([^/]+)"), DocumentKind.USER_STORE);

    private final HttpServer server;
    private final ExecutorService executor;
    private final PolicyFolder folder;
    private final Optional<String> expectedAuthorization;

    private PolicyServer(HttpServer server, ExecutorService executor, PolicyFolder folder, Optional<String> auth) {
        this.server = server;
        this.executor = executor;
        this.folder = folder;
        this.expectedAuthorization = auth;
    }

    public static PolicyServer start(PolicyServerConfig config) {
        requireNonNull(config, "config is null");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "ranger-policy-server");
            thread.setDaemon(true);
            return thread;
        });
        Optional<String> auth = config.basicAuth()
                .map(basic -> "Basic "
                        + Base64.getEncoder().encodeToString((basic.user() + ":" + basic.password()).getBytes(UTF_8)));
        PolicyServer policyServer =
                new PolicyServer(server, executor, new PolicyFolder(config.folder(), Clock.systemUTC()), auth);
        server.createContext("/", policyServer::handle);
        server.setExecutor(executor);
        server.start();
        log.info("Ranger-compatible policy server on {} serving {}", policyServer.baseUrl(), config.folder());
        return policyServer;
    }

    /** What plugins put in {@code ranger.plugin.<type>.policy.rest.url}. */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                respond(exchange, 405, "text/plain", "Only GET is served");
                return;
            }
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Ranger\"");
                respond(exchange, 401, "text/plain", "Authentication required");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            for (Map.Entry<Pattern, DocumentKind> endpoint : ENDPOINTS.entrySet()) {
                Matcher matcher = endpoint.getKey().matcher(path);
                if (matcher.matches()) {
                    String serviceName = URLDecoder.decode(matcher.group(1), UTF_8);
                    serve(exchange, endpoint.getValue(), serviceName, query(exchange.getRequestURI()));
                    return;
                }
            }
            respond(exchange, 404, "text/plain", "No such endpoint: " + path);
        } catch (RuntimeException e) {
            log.error("Failed to answer {}", exchange.getRequestURI(), e);
            respond(exchange, 500, "text/plain", "Internal error: " + e.getMessage());
        }
    }

    private void serve(HttpExchange exchange, DocumentKind kind, String serviceName, Map<String, String> query)
            throws IOException {
        String versionParameter =
                switch (kind) {
                    case POLICIES -> "lastKnownVersion";
                    case ROLES -> "lastKnownRoleVersion";
                    case USER_STORE -> "lastKnownUserStoreVersion";
                };
        long lastKnownVersion;
        try {
            lastKnownVersion = Long.parseLong(query.getOrDefault(versionParameter, "-1"));
        } catch (NumberFormatException e) {
            respond(exchange, 400, "text/plain", versionParameter + " must be a whole number");
            return;
        }
        if (kind != DocumentKind.POLICIES
                && folder.lookup(serviceName, DocumentKind.POLICIES) instanceof PolicyFolder.Missing) {
            serviceNotFound(exchange, serviceName);
            return;
        }
        PolicyFolder.Lookup lookup = folder.lookup(serviceName, kind);
        if (lookup instanceof PolicyFolder.Served served) {
            if (served.version() == lastKnownVersion) {
                respond(exchange, 304, null, null);
            } else {
                respondBytes(exchange, 200, "application/json", served.body());
            }
        } else if (lookup instanceof PolicyFolder.Broken broken) {
            respond(exchange, 500, "text/plain", broken.error());
        } else if (kind == DocumentKind.POLICIES) {
            serviceNotFound(exchange, serviceName);
        } else {
            // The service exists but has no roles or user store file: nothing to change.
            respond(exchange, 304, null, null);
        }
    }

    // Ranger's plugins recognise a deleted service only by this exact body, quotes included.
    private static void serviceNotFound(HttpExchange exchange, String serviceName) throws IOException {
        respond(
                exchange,
                404,
                "application/json",
                "\"RANGER_ERROR_SERVICE_NOT_FOUND: ServiceName=" + serviceName + "\"");
    }

    private boolean authorized(HttpExchange exchange) {
        if (expectedAuthorization.isEmpty()) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(UTF_8), expectedAuthorization.get().getBytes(UTF_8));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(
                        URLDecoder.decode(pair.substring(0, equals), UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), UTF_8));
            }
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respondBytes(exchange, status, contentType, body == null ? null : body.getBytes(UTF_8));
    }

    private static void respondBytes(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
