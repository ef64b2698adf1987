package io.lakegate.sandbox.flink;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The sandbox's Flink SQL endpoint: Flink's SQL gateway REST API, with what Kyuubi's front end adds before a session
 * reaches a Flink engine. A login (HTTP basic, checked by a bind to the sandbox's directory) opens a session as that
 * user ({@code kyuubi.session.user}, which the guarded catalog takes its user from); a client's own session
 * properties are refused, since the gateway would take them over the engine's (the catalog store, the user); a
 * session is its opener's alone; statements that put code into the engine every user shares are refused ({@link
 * StatementScreen}), as are a statement's own settings. The gateway's other calls of its REST API v1 and v2 (sessions,
 * operations, results) are forwarded to it on its loopback port as they are; anything else is answered 404.
 */
final class FlinkFront implements AutoCloseable {
    static final String USER_PROPERTY = "kyuubi.session.user";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern VERSION = Pattern.compile("v[12]");
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_SESSIONS = 16;
    private static final LDAPConnectionOptions LDAP_OPTIONS = ldapOptions();
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI gateway;
    private final String ldapHost;
    private final int ldapPort;
    private final String peopleDn;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private FlinkFront(
            HttpServer server, ExecutorService executor, URI gateway, String ldapHost, int ldapPort, String peopleDn) {
        this.server = server;
        this.executor = executor;
        this.gateway = gateway;
        this.ldapHost = ldapHost;
        this.ldapPort = ldapPort;
        this.peopleDn = peopleDn;
    }

    /** Listens on {@code host:port} in front of {@code gateway}; a login binds as {@code uid=<user>,<peopleDn>}. */
    static FlinkFront start(String host, int port, URI gateway, String ldapHost, int ldapPort, String peopleDn)
            throws IOException {
        requireNonNull(host, "host is null");
        requireNonNull(gateway, "gateway is null");
        requireNonNull(ldapHost, "ldapHost is null");
        requireNonNull(peopleDn, "peopleDn is null");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "flink-front");
            thread.setDaemon(true);
            return thread;
        });
        FlinkFront front = new FlinkFront(server, executor, gateway, ldapHost, ldapPort, peopleDn);
        server.createContext("/", front::handle);
        server.setExecutor(executor);
        server.start();
        return front;
    }

    private void handle(HttpExchange exchange) {
        // The exchange is closed after the answer, a failure's included: a resource's catch runs after its close.
        try (exchange) {
            try {
                serve(exchange);
            } catch (JsonProcessingException e) {
                answerFailure(exchange, 400, "the request's body is not JSON: " + e.getOriginalMessage());
            } catch (IOException | RuntimeException e) {
                answerFailure(exchange, 502, "the sandbox's Flink endpoint could not serve this request: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answerFailure(exchange, 502, "the sandbox's Flink endpoint was stopped while serving this request");
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        Optional<String> user = login(exchange);
        if (user.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Lakegate sandbox, Flink\"");
            refuse(exchange, 401, "log in with the user and password of the sandbox's directory (HTTP basic)");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        List<String> segments = List.of(path.substring(1).split("/", -1));
        if (segments.stream().anyMatch(segment -> !SEGMENT.matcher(segment).matches())) {
            refuse(exchange, 404, "no such resource: " + path);
            return;
        }
        Optional<Call> call = Call.of(exchange.getRequestMethod(), segments);
        if (call.isEmpty()) {
            refuse(
                    exchange,
                    404,
                    "no such resource: " + exchange.getRequestMethod() + " " + path + " (the sandbox's Flink"
                            + " endpoint serves Flink's SQL gateway REST API v1 and v2: sessions, statements,"
                            + " operations and their results)");
            return;
        }
        byte[] body = body(exchange);
        if (body == null) {
            refuse(exchange, 413, "a request's body is at most " + MAX_BODY + " bytes");
            return;
        }
        switch (call.get()) {
            case INFO -> forward(exchange, body, null);
            case OPEN -> open(exchange, user.get(), body);
            case STATEMENT, SESSION, CLOSE -> {
                String handle = segments.get(2);
                if (!user.get().equals(owners.get(handle))) {
                    refuse(exchange, 404, "Session '" + handle + "' does not exist");
                    return;
                }
                if (call.get() == Call.STATEMENT) {
                    Optional<byte[]> screenedBody = screened(exchange, user.get(), body);
                    if (screenedBody.isPresent()) {
                        forward(exchange, screenedBody.get(), null);
                    }
                } else if (forward(exchange, body, null) == 200 && call.get() == Call.CLOSE) {
                    owners.remove(handle);
                }
            }
        }
    }

    // The body, or null when it is longer than MAX_BODY: the rest is read and dropped, so that the client, still
    // sending, reads the answer rather than a reset connection.
    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length <= MAX_BODY) {
            return body;
        }
        in.transferTo(OutputStream.nullOutputStream());
        return null;
    }

    // The gateway did not answer, or the request was not JSON: the client hears it, unless it was already answered.
    private static void answerFailure(HttpExchange exchange, int status, String message) {
        try {
            refuse(exchange, status, message);
        } catch (IOException | RuntimeException alreadyAnswered) {
            // The response had begun: the connection's end tells the client.
        }
    }

    private void open(HttpExchange exchange, String user, byte[] body) throws IOException, InterruptedException {
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        if (!request.isObject()) {
            refuse(exchange, 400, "a session's request is a JSON object");
            return;
        }
        JsonNode properties = request.path("properties");
        if (!properties.isMissingNode() && !properties.isNull() && !properties.isObject()) {
            refuse(exchange, 400, "a session's properties are a JSON object");
            return;
        }
        if (!properties.isMissingNode() && !properties.isNull() && !properties.isEmpty()) {
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            refuse(
                    exchange,
                    403,
                    "user [" + user + "] may not set session properties " + names + ": the sandbox's"
                            + " Flink endpoint opens sessions with the engine's settings only (the gateway would take a"
                            + " client's over them, the catalog store and the user included); use SET in the session");
            return;
        }
        ObjectNode forwarded = JSON.createObjectNode();
        if (request.hasNonNull("sessionName")) {
            forwarded.put("sessionName", request.get("sessionName").asText());
        }
        forwarded.putObject("properties").put(USER_PROPERTY, user);
        if (openSessions(user) >= MAX_SESSIONS) {
            refuse(
                    exchange,
                    429,
                    "user [" + user + "] has " + MAX_SESSIONS + " sessions open on the sandbox's Flink endpoint: close"
                            + " one (DELETE /v2/sessions/<handle>) before opening another");
            return;
        }
        forward(exchange, JSON.writeValueAsBytes(forwarded), answer -> {
            String handle = answer.path("sessionHandle").asText(null);
            if (handle != null) {
                owners.put(handle, user);
            }
        });
    }

    // A statement's request as the gateway gets it: its statement, screened, and its executionTimeout; a client's
    // per-statement
    // settings (executionConfig) are refused as its session properties are. Empty when the client was answered.
    private static Optional<byte[]> screened(HttpExchange exchange, String user, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        if (!request.isObject() || !request.path("statement").isTextual()) {
            refuse(exchange, 400, "a statement's request is a JSON object with a \"statement\"");
            return Optional.empty();
        }
        List<String> unknown = new ArrayList<>();
        request.fieldNames().forEachRemaining(name -> {
            if (!name.equals("statement") && !name.equals("executionTimeout")) {
                unknown.add(name);
            }
        });
        JsonNode settings = request.path("executionConfig");
        if (unknown.equals(List.of("executionConfig")) && (settings.isNull() || settings.isEmpty())) {
            unknown.clear();
        }
        if (!unknown.isEmpty()) {
            refuse(
                    exchange,
                    403,
                    "user [" + user + "] may not send " + unknown + " with a statement: the sandbox's Flink endpoint"
                            + " takes a statement and its executionTimeout only (use SET in the session)");
            return Optional.empty();
        }
        String statement = request.get("statement").asText();
        Optional<String> refusal = StatementScreen.refusal(statement);
        if (refusal.isPresent()) {
            refuse(
                    exchange,
                    403,
                    "Permission denied: user [" + user + "] may not run this statement on the sandbox's Flink"
                            + " endpoint: " + refusal.get());
            return Optional.empty();
        }
        ObjectNode forwarded = JSON.createObjectNode().put("statement", statement);
        if (request.has("executionTimeout")) {
            if (!request.get("executionTimeout").canConvertToLong()) {
                refuse(exchange, 400, "a statement's executionTimeout is a number of milliseconds");
                return Optional.empty();
            }
            forwarded.put("executionTimeout", request.get("executionTimeout").asLong());
        }
        return Optional.of(JSON.writeValueAsBytes(forwarded));
    }

    // The user's sessions the gateway still has: those it closed when idle are forgotten here too.
    private long openSessions(String user) throws IOException, InterruptedException {
        for (Map.Entry<String, String> owner : List.copyOf(owners.entrySet())) {
            if (owner.getValue().equals(user)) {
                HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/v2/sessions/" + owner.getKey()))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    owners.remove(owner.getKey(), user);
                }
            }
        }
        return owners.values().stream().filter(user::equals).count();
    }

    private int forward(HttpExchange exchange, byte[] body, AnswerReader onSuccess)
            throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getRawQuery();
        URI target = gateway.resolve(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 200 && onSuccess != null) {
            onSuccess.read(JSON.readTree(response.body()));
        }
        respond(exchange, response.statusCode(), response.body());
        return response.statusCode();
    }

    private Optional<String> login(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        // An empty password would be an anonymous bind, which LDAP accepts as no one.
        if (!USER.matcher(user).matches() || password.isEmpty()) {
            return Optional.empty();
        }
        try (LDAPConnection connection = new LDAPConnection(LDAP_OPTIONS, ldapHost, ldapPort)) {
            connection.bind("uid=" + user + "," + peopleDn, password);
            return Optional.of(user);
        } catch (LDAPException refused) {
            return Optional.empty();
        }
    }

    private static LDAPConnectionOptions ldapOptions() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(10_000);
        options.setResponseTimeoutMillis(10_000);
        return options;
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode errors = JSON.createObjectNode();
        errors.putArray("errors").add(message);
        respond(exchange, status, JSON.writeValueAsBytes(errors));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // The gateway's calls the front serves (Flink 1.20's REST API v1 and v2), by method and path; v3's materialized
    // tables and workflow scheduler, which take settings of their own, are not among them.
    private enum Call {
        INFO,
        OPEN,
        SESSION,
        STATEMENT,
        CLOSE;

        static Optional<Call> of(String method, List<String> segments) {
            if (segments.size() == 1) {
                return segments.get(0).equals("api_versions") && method.equals("GET")
                        ? Optional.of(INFO)
                        : Optional.empty();
            }
            if (!VERSION.matcher(segments.get(0)).matches()) {
                return Optional.empty();
            }
            String resource = segments.get(1);
            int size = segments.size();
            if (size == 2) {
                if (method.equals("GET") && (resource.equals("info") || resource.equals("api_versions"))) {
                    return Optional.of(INFO);
                }
                return resource.equals("sessions") && method.equals("POST") ? Optional.of(OPEN) : Optional.empty();
            }
            if (!resource.equals("sessions")) {
                return Optional.empty();
            }
            if (size == 3) {
                return switch (method) {
                    case "GET" -> Optional.of(SESSION);
                    case "DELETE" -> Optional.of(CLOSE);
                    default -> Optional.empty();
                };
            }
            String action = segments.get(3);
            if (size == 4) {
                return switch (method + " " + action) {
                    case "POST statements", "POST configure-session" -> Optional.of(STATEMENT);
                    case "POST heartbeat", "GET complete-statement" -> Optional.of(SESSION);
                    default -> Optional.empty();
                };
            }
            if (!action.equals("operations")) {
                return Optional.empty();
            }
            String call = method + " " + String.join("/", segments.subList(5, size));
            if (size == 6 && (call.equals("GET status") || call.equals("POST cancel") || call.equals("DELETE close"))
                    || size == 7 && method.equals("GET") && segments.get(5).equals("result")) {
                return Optional.of(SESSION);
            }
            return Optional.empty();
        }
    }

    @FunctionalInterface
    private interface AnswerReader {
        void read(JsonNode answer) throws IOException;
    }
}
