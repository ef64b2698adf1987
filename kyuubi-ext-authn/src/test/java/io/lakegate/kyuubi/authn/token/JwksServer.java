package io.lakegate.kyuubi.authn.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real identity provider's key endpoints: a JWKS and an OpenID Connect discovery document, counting requests. */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile JWKSet keys = new JWKSet();
    private volatile String discoveryIssuer;
    private volatile int failureStatus;
    private volatile boolean hanging;

    JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, keys.toString(true));
        });
        server.createContext("/realms/lake/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("issuer", discoveryIssuer == null ? issuerUrl() : discoveryIssuer);
            document.put("jwks_uri", jwksUrl());
            document.put("id_token_signing_alg_values_supported", List.of("RS256"));
            respond(exchange, JSONObjectUtils.toJSONString(document));
        });
        server.start();
    }

    private void respond(HttpExchange exchange, String body) throws IOException {
        try (exchange) {
            if (hanging) {
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failureStatus != 0) {
                exchange.sendResponseHeaders(failureStatus, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    String issuerUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/lake";
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** Publishes the public halves of {@code published}, replacing the keys published before. */
    void publish(JWK... published) {
        keys = new JWKSet(List.of(published)).toPublicJWKSet();
    }

    void discoveryIssuer(String issuer) {
        discoveryIssuer = issuer;
    }

    void failWith(int status) {
        failureStatus = status;
    }

    /** Requests get no answer until the server closes. */
    void hang() {
        hanging = true;
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    int discoveryRequests() {
        return discoveryRequests.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
