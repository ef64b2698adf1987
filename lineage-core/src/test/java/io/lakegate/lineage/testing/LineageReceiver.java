package io.lakegate.lineage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real OpenLineage HTTP receiver on loopback, as Marquez's {@code POST /api/v1/lineage} answers (201), that keeps
 * every event it accepted and can be told to misbehave: answer an error status, or hold each request until released
 * (a receiver that hangs).
 */
public final class LineageReceiver implements AutoCloseable {
    public static final String ENDPOINT = "/api/v1/lineage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private int status = 201;
    private int requests;
    private CountDownLatch hold = new CountDownLatch(0);

    private LineageReceiver(HttpServer server) {
        this.server = server;
    }

    public static LineageReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            LineageReceiver receiver = new LineageReceiver(server);
            server.createContext(ENDPOINT, receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers every request with {@code status} from now on (201 accepts, and keeps the event). */
    public synchronized void answer(int status) {
        this.status = status;
    }

    /** Holds every request from now on until {@link #release}: a receiver that takes but never answers. */
    public synchronized void hang() {
        hold = new CountDownLatch(1);
    }

    public synchronized void release() {
        hold.countDown();
    }

    public synchronized int requests() {
        return requests;
    }

    public synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The first accepted event matching {@code predicate}, waiting up to {@code timeout} for it. */
    public JsonNode await(Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (JsonNode event : events) {
                    if (predicate.test(event)) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No matching event within " + timeout + "; received " + events);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits until {@code count} events were accepted. */
    public List<JsonNode> awaitCount(int count, Duration timeout) {
        await(ignored -> eventsSize() >= count, timeout);
        return events();
    }

    private synchronized int eventsSize() {
        return events.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        CountDownLatch held;
        int answer;
        synchronized (this) {
            requests++;
            held = hold;
            answer = status;
        }
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body;
        try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody())
                : exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (answer == 201) {
            JsonNode event = JSON.readTree(body);
            synchronized (this) {
                events.add(event);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                notifyAll();
            }
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
