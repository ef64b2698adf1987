package io.lakegate.sandbox.flink;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A client of Flink's SQL gateway REST API (v2), as a user's client would call it through the sandbox's Flink
 * endpoint: HTTP basic logins, a session per user, statements and their results as JSON rows.
 */
public final class FlinkSqlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    // "org.example.SomeException: " before a cause's message: the message is what a user reads.
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("^(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*: ");

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public FlinkSqlClient(URI endpoint) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
    }

    /** Opens a session as {@code user}; the endpoint takes the user from the login. */
    public Session open(String user, String password) throws IOException {
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        String authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        JsonNode opened = call(authorization, "POST", "/v2/sessions", "{}");
        return new Session(authorization, opened.path("sessionHandle").asText());
    }

    private JsonNode call(String authorization, String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + method + " " + path);
        }
        if (response.statusCode() != 200) {
            JsonNode errors;
            try {
                errors = JSON.readTree(response.body());
            } catch (IOException notJson) {
                throw new StatementFailed(
                        "HTTP " + response.statusCode() + " from " + method + " " + path + ": " + response.body());
            }
            throw new StatementFailed(cause(errors));
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    // The gateway answers a failed statement with its stack trace: the last cause is the one a user needs.
    private static String cause(JsonNode answer) {
        String last = null;
        for (JsonNode error : answer.path("errors")) {
            for (String line : error.asText().split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("Caused by: ")) {
                    last = trimmed.substring("Caused by: ".length());
                } else if (last == null && !trimmed.isEmpty() && !trimmed.startsWith("at ")) {
                    last = trimmed;
                }
            }
        }
        return last == null ? answer.toString() : EXCEPTION_CLASS.matcher(last).replaceFirst("");
    }

    /** A session of one user; {@link #close} ends it on the gateway. */
    public final class Session implements AutoCloseable {
        private final String authorization;
        private final String handle;

        private Session(String authorization, String handle) {
            this.authorization = authorization;
            this.handle = handle;
        }

        /** Runs {@code sql} and returns its column names and every row, each value as the gateway's JSON text. */
        public Result execute(String sql) throws IOException {
            JsonNode submitted = call(
                    authorization,
                    "POST",
                    "/v2/sessions/" + handle + "/statements",
                    JSON.createObjectNode().put("statement", sql).toString());
            String operation = submitted.path("operationHandle").asText();
            List<String> columns = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            String next = "/v2/sessions/" + handle + "/operations/" + operation + "/result/0?rowFormat=JSON";
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (next != null) {
                JsonNode page = call(authorization, "GET", next, null);
                String type = page.path("resultType").asText();
                if (columns.isEmpty()) {
                    page.path("results")
                            .path("columns")
                            .forEach(column -> columns.add(column.path("name").asText()));
                }
                for (JsonNode row : page.path("results").path("data")) {
                    List<String> values = new ArrayList<>();
                    row.path("fields").forEach(value -> values.add(value.isNull() ? "NULL" : value.asText()));
                    rows.add(values);
                }
                if (type.equals("EOS")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no end of the results of " + sql + " within " + TIMEOUT.toSeconds() + " s");
                }
                String uri = page.path("nextResultUri").asText(null);
                if (page.path("results").path("data").isEmpty()) {
                    // Nothing yet (NOT_READY, or an empty page of a running job): the gateway answers at once, so the
                    // client waits a little before asking again, as Flink's SQL client does.
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted waiting for the results of " + sql);
                    }
                }
                if (uri != null) {
                    next = uri;
                } else if (!type.equals("NOT_READY")) {
                    next = null;
                }
            }
            return new Result(List.copyOf(columns), List.copyOf(rows));
        }

        @Override
        public void close() throws IOException {
            call(authorization, "DELETE", "/v2/sessions/" + handle, null);
        }
    }

    /** Column names and rows. */
    public record Result(List<String> columns, List<List<String>> rows) {
        public Result {
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }

    /** A statement or call the endpoint refused or that failed; the message is its last cause. */
    public static final class StatementFailed extends IOException {
        private static final long serialVersionUID = 1L;

        StatementFailed(String message) {
            super(message);
        }
    }
}
