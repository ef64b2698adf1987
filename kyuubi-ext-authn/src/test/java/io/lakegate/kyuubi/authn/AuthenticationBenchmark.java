package io.lakegate.kyuubi.authn;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.authn.ldap.LdapDirectory;
import io.lakegate.kyuubi.authn.password.LoginPolicy;
import io.lakegate.kyuubi.authn.password.PasswordLogin;
import io.lakegate.kyuubi.authn.token.BearerTokens;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code mvn -B -pl kyuubi-ext-authn -am -Pbench -DskipTests verify}: cached password logins (latency per login,
 * one thread), LDAP logins through the pool against the in-process directory, and bearer-token validations (both in
 * logins per second over a fixed time, with two threads on this two-core machine). Writes
 * {@code target/bench/results.md}.
 */
public final class AuthenticationBenchmark {
    private static final int CACHED_LOGINS = 1_000_000;
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final int THREADS = 2;

    private AuthenticationBenchmark() {}

    public static void main(String[] args) throws Exception {
        TestDirectory directory = TestDirectory.get();
        StringBuilder results = new StringBuilder();
        results.append("JDK ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n\n");

        PasswordLogin cached = new PasswordLogin(
                "bench",
                LdapDirectory.of(AuthnSettings.of(directory.patternSettings())),
                new LoginPolicy(Duration.ofHours(1), 5, Duration.ofMinutes(5), Duration.ofSeconds(30)));
        cached.login("alice", TestDirectory.PASSWORD, Optional.empty());
        long[] nanos = new long[CACHED_LOGINS];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < CACHED_LOGINS; i++) {
                long start = System.nanoTime();
                cached.login("alice", TestDirectory.PASSWORD, Optional.empty());
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        results.append(String.format(
                Locale.ROOT,
                "| cached login (%,d, after as many warm-up) | p50 %.1f µs | p99 %.1f µs | p99.9 %.1f µs | max %.1f µs |%n%n",
                CACHED_LOGINS,
                nanos[CACHED_LOGINS / 2] / 1e3,
                nanos[CACHED_LOGINS * 99 / 100] / 1e3,
                nanos[CACHED_LOGINS * 999 / 1000] / 1e3,
                nanos[CACHED_LOGINS - 1] / 1e3));

        Map<String, String> pooled = directory.searchSettings();
        pooled.put("kyuubi.authentication.lakegate.ldap.poolSize", "8");
        PasswordLogin ldap = new PasswordLogin(
                "bench",
                LdapDirectory.of(AuthnSettings.of(pooled)),
                new LoginPolicy(Duration.ZERO, 5, Duration.ofMinutes(5), Duration.ofSeconds(30)));
        double ldapRate = rate(i -> ldap.login("user" + (i % 200), TestDirectory.PASSWORD, Optional.empty()));
        results.append(String.format(
                Locale.ROOT,
                "| LDAP logins through the pool (search as the service account, then bind; no cache; %d threads) | %,.0f per second |%n%n",
                THREADS,
                ldapRate));

        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        try {
            BearerTokens tokens = BearerTokens.forSettings(AuthnSettings.of(Map.of(
                    "kyuubi.authentication.lakegate.jwt.jwksUrl",
                            "http://localhost:" + jwks.getAddress().getPort() + "/jwks",
                    "kyuubi.authentication.lakegate.jwt.issuer", "https://idp.example.com",
                    "kyuubi.authentication.lakegate.jwt.audience", "kyuubi")));
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                    new JWTClaimsSet.Builder()
                            .issuer("https://idp.example.com")
                            .audience("kyuubi")
                            .subject("alice")
                            .claim("groups", List.of("analysts"))
                            .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                            .build());
            jwt.sign(new RSASSASigner(key));
            String token = jwt.serialize();
            double tokenRate = rate(i -> tokens.validate(token, Optional.empty()));
            results.append(String.format(
                    Locale.ROOT,
                    "| bearer-token validations (RS256, 2048-bit key, cached JWKS; %d threads) | %,.0f per second |%n",
                    THREADS,
                    tokenRate));
        } finally {
            jwks.stop(0);
        }

        Path out = Path.of("target", "bench", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, results);
        System.out.print(results);
        System.exit(0);
    }

    interface Operation {
        void run(int i) throws Exception;
    }

    /** Operations per second over {@link #RUN}, after as long a warm-up. */
    private static double rate(Operation operation) throws Exception {
        run(operation);
        return run(operation);
    }

    private static double run(Operation operation) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int offset = t * 1_000_000;
            counts.add(threads.submit(() -> {
                long done = 0;
                while (!stop.get()) {
                    operation.run(offset + (int) done);
                    done++;
                }
                return done;
            }));
        }
        threads.shutdown();
        // The run's length is what is measured, not a synchronisation.
        threads.awaitTermination(RUN.toMillis(), TimeUnit.MILLISECONDS);
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
