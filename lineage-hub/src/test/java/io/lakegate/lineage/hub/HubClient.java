package io.lakegate.lineage.hub;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP to a running hub. */
final class HubClient {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    HubClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> post(String body) {
        return send(HttpRequest.newBuilder(base.resolve("api/v1/lineage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> post(JsonNode event) {
        return post(event.toString());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> getResponse(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build());
    }

    /** GET that must answer 200; the body as JSON. */
    JsonNode get(String pathAndQuery) {
        HttpResponse<String> response = getResponse(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return Events.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, UTF_8);
    }

    URI base() {
        return base;
    }
}
