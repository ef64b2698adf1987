package io.lakegate.sandbox.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Trino's client protocol over HTTPS, as its CLI and JDBC driver speak it: a statement posted to {@code
 * /v1/statement} with the user's password (Basic), then each {@code nextUri} until the result is complete. Enough
 * for the tour and the sandbox's readiness check; a user's own client is Trino's CLI or JDBC driver.
 */
public final class TrinoClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI server;
    private final HttpClient http;

    /** A client of the Trino at {@code server} (https) whose certificate {@code tls} trusts. */
    public TrinoClient(URI server, SSLContext tls) {
        this.server = requireNonNull(server, "server is null");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(requireNonNull(tls, "tls is null"))
                .build();
    }

    /** A result: column names and rows of values as Trino's JSON gives them. */
    public record Result(List<String> columns, List<List<String>> rows) {}

    /** Trino's error for a statement: its message, as a user sees it. */
    public static final class QueryFailed extends Exception {
        private static final long serialVersionUID = 1L;

        public QueryFailed(String message) {
            super(message);
        }
    }

    /** Whether the server has finished starting (its catalogs and logins are in place). */
    public boolean started() {
        try {
            HttpResponse<String> info = http.send(
                    HttpRequest.newBuilder(server.resolve("/v1/info"))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return info.statusCode() == 200
                    && !JSON.readTree(info.body()).path("starting").asBoolean(true);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Result query(String user, String password, String catalog, String sql) throws QueryFailed, IOException {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/v1/statement"))
                .timeout(TIMEOUT)
                .header("X-Trino-User", user)
                .header("X-Trino-Catalog", catalog)
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(sql));
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        JsonNode page = send(request.build());
        while (true) {
            if (page.has("error")) {
                throw new QueryFailed(page.path("error").path("message").asText());
            }
            if (columns.isEmpty() && page.has("columns")) {
                page.path("columns")
                        .forEach(column -> columns.add(column.path("name").asText()));
            }
            page.path("data").forEach(row -> {
                List<String> values = new ArrayList<>();
                row.forEach(value -> values.add(value.isNull() ? "NULL" : value.asText()));
                rows.add(values);
            });
            if (!page.hasNonNull("nextUri")) {
                return new Result(columns, rows);
            }
            page = send(HttpRequest.newBuilder(URI.create(page.path("nextUri").asText()))
                    .timeout(TIMEOUT)
                    .header("X-Trino-User", user)
                    .header("Authorization", "Basic " + credentials)
                    .GET()
                    .build());
        }
    }

    private JsonNode send(HttpRequest request) throws IOException, QueryFailed {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() == 401) {
            throw new QueryFailed("Trino refused the login (HTTP 401): wrong user or password");
        }
        if (response.statusCode() != 200) {
            throw new IOException("Trino answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
