package io.lakegate.lineage.hub.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.event.EventReader;
import io.lakegate.lineage.hub.event.InvalidEventException;
import io.lakegate.lineage.hub.event.LineageEvent;
import io.lakegate.lineage.hub.graph.Dataset;
import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.DatasetVersion;
import io.lakegate.lineage.hub.graph.Job;
import io.lakegate.lineage.hub.graph.JobId;
import io.lakegate.lineage.hub.graph.LineageGraph;
import io.lakegate.lineage.hub.graph.Namespace;
import io.lakegate.lineage.hub.graph.Run;
import io.lakegate.lineage.hub.ingest.IngestResult;
import io.lakegate.lineage.hub.ingest.Ingestor;
import io.lakegate.lineage.hub.ingest.OverloadedException;
import io.lakegate.lineage.hub.store.LineageStore;
import io.lakegate.lineage.hub.store.Page;
import io.lakegate.lineage.hub.store.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP endpoints: Marquez's API v1 (the paths, parameters and JSON its web UI and clients use), the
 * lineage page and its data, and a health check. Writes need the API key when one is configured; reads are open.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEB = "/io/lakegate/lineage/hub/web/";
    private static final int MAX_LIMIT = 10_000;
    /** Events are returned whole: a page of them is held in memory at once. */
    private static final int MAX_EVENTS = 1_000;

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private final Server server;
    private final EventReader reader = new EventReader();
    private final Ingestor ingestor;
    private final LineageStore store;
    private final LineageGraph graph;
    private final MarquezJson marquez;
    private final LineageQueries queries;
    private final PanelJson panels;
    private final Optional<byte[]> apiKey;
    private final int maxEventBytes;

    private HttpApi(
            Server server,
            Ingestor ingestor,
            LineageStore store,
            LineageGraph graph,
            Optional<String> apiKey,
            int maxEventBytes) {
        this.server = server;
        this.ingestor = ingestor;
        this.store = store;
        this.graph = graph;
        this.marquez = new MarquezJson(graph);
        this.queries = new LineageQueries(graph, marquez);
        this.panels = new PanelJson(graph, store, queries);
        this.apiKey = apiKey.map(key -> key.getBytes(UTF_8));
        this.maxEventBytes = maxEventBytes;
    }

    public static HttpApi start(
            String host,
            int port,
            Ingestor ingestor,
            LineageStore store,
            LineageGraph graph,
            Optional<String> apiKey,
            int maxEventBytes) {
        requireNonNull(host, "host is null");
        requireNonNull(ingestor, "ingestor is null");
        requireNonNull(store, "store is null");
        requireNonNull(graph, "graph is null");
        requireNonNull(apiKey, "apiKey is null");
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("lineage-hub-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Marquez's paths carry namespaces such as hive://metastore:9083 as one segment, its '/' encoded as %2F.
        http.setUriCompliance(UriCompliance.DEFAULT.with(
                "marquez-paths",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setIdleTimeout(30_000);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        HttpApi api = new HttpApi(server, ingestor, store, graph, apiKey, maxEventBytes);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                api.handle(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "Cannot listen on " + host + ":" + port + " (--host, --port): " + e.getMessage(), e);
        }
        return api;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Stops listening, letting requests in flight finish for up to five seconds. */
    @Override
    public void close() {
        server.setStopTimeout(5_000);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("event=http_stop_failed error=\"{}\"", e.getMessage());
        }
    }

    /** A response: status, extra headers, and a body with its content type (none for an empty body). */
    private record Reply(int status, Map<String, String> headers, String contentType, byte[] body) {
        static Reply json(int status, JsonNode json) {
            try {
                return new Reply(status, Map.of(), "application/json", MAPPER.writeValueAsBytes(json));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Reply error(HttpError error) {
            Reply reply = json(error.status, MarquezJson.error(error.status, error.getMessage()));
            return new Reply(reply.status, error.headers, reply.contentType, reply.body);
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        CompletableFuture<Reply> reply;
        try {
            reply = route(request);
        } catch (HttpError e) {
            reply = CompletableFuture.completedFuture(Reply.error(e));
        } catch (IOException e) {
            reply = CompletableFuture.completedFuture(
                    Reply.json(400, MarquezJson.error(400, "Cannot read the request: " + e.getMessage())));
        } catch (RuntimeException e) {
            reply = CompletableFuture.completedFuture(failed(request, e));
        }
        reply.whenComplete((done, failure) -> {
            Reply answer = done;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                answer = cause instanceof HttpError error ? Reply.error(error) : failed(request, cause);
            }
            if (answer.status() >= 400 && request.getMethod().equals("POST")) {
                // A refused body may be unread: the connection closes, so that no client reuses it mid-body.
                Map<String, String> headers = new HashMap<>(answer.headers());
                headers.put("Connection", "close");
                answer = new Reply(answer.status(), Map.copyOf(headers), answer.contentType(), answer.body());
            }
            send(response, callback, answer);
        });
    }

    private static Reply failed(Request request, Throwable e) {
        LOG.error(
                "event=request_failed method={} path={} error=\"{}\"",
                request.getMethod(),
                request.getHttpURI().getPath(),
                e.getMessage(),
                e);
        return Reply.json(500, MarquezJson.error(500, "Internal error: " + e.getMessage()));
    }

    private static void send(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders()
                .put(
                        "Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (reply.contentType() == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    private CompletableFuture<Reply> route(Request request) throws IOException {
        String method = request.getMethod();
        String rawPath = Optional.ofNullable(request.getHttpURI().getPath()).orElse("/");
        List<String> path = segments(rawPath);
        Map<String, String> query = query(request.getHttpURI().getQuery());
        if (path.isEmpty() || path.equals(List.of("index.html"))) {
            requireGet(method);
            return CompletableFuture.completedFuture(staticFile("index.html"));
        }
        if (path.get(0).equals("static")) {
            requireGet(method);
            return CompletableFuture.completedFuture(staticFile(String.join("/", path.subList(1, path.size()))));
        }
        if (path.equals(List.of("healthcheck"))) {
            requireGet(method);
            return CompletableFuture.completedFuture(health());
        }
        if (path.size() < 3 || !path.get(0).equals("api") || !path.get(1).equals("v1")) {
            throw new HttpError(404, "No such resource: " + rawPath);
        }
        List<String> api = path.subList(2, path.size());
        if (api.equals(List.of("lineage")) && method.equals("POST")) {
            return ingest(request);
        }
        requireGet(method);
        return CompletableFuture.completedFuture(Reply.json(200, get(api, query)));
    }

    private JsonNode get(List<String> api, Map<String, String> query) {
        String resource = api.get(0);
        switch (resource) {
            case "lineage" -> {
                expectLength(api, 1);
                String nodeId = required(query, "nodeId");
                int depth = integer(query, "depth", 20);
                ArrayNode nodes = queries.lineage(nodeId, depth)
                        .orElseThrow(() -> new HttpError(404, "Node '" + nodeId + "' not found."));
                return graphJson(nodes);
            }
            case "column-lineage" -> {
                expectLength(api, 1);
                String nodeId = required(query, "nodeId");
                int depth = integer(query, "depth", 20);
                boolean downstream = Boolean.parseBoolean(query.getOrDefault("withDownstream", "false"));
                ArrayNode nodes = queries.columnLineage(nodeId, depth, downstream)
                        .orElseThrow(() -> new HttpError(404, "Could not find node '" + nodeId + "'."));
                return graphJson(nodes);
            }
            case "namespaces" -> {
                return namespaces(api, query);
            }
            case "jobs" -> {
                return jobs(api, query);
            }
            case "search" -> {
                expectLength(api, 1);
                return search(query);
            }
            case "events" -> {
                if (!api.equals(List.of("events", "lineage"))) {
                    throw notFound(api);
                }
                return events(query);
            }
            case "tags" -> {
                expectLength(api, 1);
                ObjectNode tags = JSON.objectNode();
                tags.putArray("tags");
                return tags;
            }
            case "lakegate" -> {
                return lakegate(api, query);
            }
            default -> throw notFound(api);
        }
    }

    private JsonNode namespaces(List<String> api, Map<String, String> query) {
        if (api.size() == 1) {
            List<Namespace> all = new ArrayList<>(graph.namespaces());
            all.sort(Comparator.comparing(Namespace::name));
            ObjectNode json = JSON.objectNode();
            ArrayNode list = json.putArray("namespaces");
            page(all, query).forEach(namespace -> list.add(MarquezJson.namespace(namespace)));
            return json;
        }
        String namespace = api.get(1);
        if (api.equals(List.of("namespaces", namespace, "jobs"))) {
            // As Marquez: the jobs of a namespace it does not know are an empty list, not a 404.
            return jobList(namespace, query);
        }
        Namespace found = graph.namespace(namespace)
                .orElseThrow(() -> new HttpError(404, "Namespace '" + namespace + "' not found."));
        if (api.size() == 2) {
            return MarquezJson.namespace(found);
        }
        switch (api.get(2)) {
            case "datasets" -> {
                if (api.size() == 3) {
                    List<Dataset> all = graph.datasets().stream()
                            .filter(dataset -> dataset.id().namespace().equals(namespace))
                            .sorted(Comparator.comparing(dataset -> dataset.id().name()))
                            .toList();
                    ObjectNode json = JSON.objectNode();
                    json.put("totalCount", all.size());
                    ArrayNode list = json.putArray("datasets");
                    page(all, query).forEach(dataset -> list.add(MarquezJson.dataset(dataset)));
                    return json;
                }
                DatasetId id = new DatasetId(namespace, api.get(3));
                Dataset dataset = graph.dataset(id)
                        .orElseThrow(() -> new HttpError(404, "Dataset '" + id.name() + "' not found."));
                if (api.size() == 4) {
                    return MarquezJson.dataset(dataset);
                }
                if (!api.get(4).equals("versions") || api.size() > 6) {
                    throw notFound(api);
                }
                if (api.size() == 6) {
                    DatasetVersion version = uuid(api.get(5), "version")
                            .flatMap(store::version)
                            .filter(found1 -> found1.dataset().equals(dataset.id()))
                            .orElseThrow(() -> new HttpError(404, "Dataset version '" + api.get(5) + "' not found."));
                    return marquez.version(version, version.runId().flatMap(store::run));
                }
                Page<DatasetVersion> versions =
                        store.versions(dataset.id(), integer(query, "limit", 100), integer(query, "offset", 0));
                ObjectNode json = JSON.objectNode();
                json.put("totalCount", versions.totalCount());
                ArrayNode list = json.putArray("versions");
                versions.items()
                        .forEach(version -> list.add(
                                marquez.version(version, version.runId().flatMap(store::run))));
                return json;
            }
            case "jobs" -> {
                if (api.size() == 3) {
                    return jobList(namespace, query);
                }
                JobId id = new JobId(namespace, api.get(3));
                Job job = graph.job(id).orElseThrow(() -> new HttpError(404, "Job '" + id.name() + "' not found."));
                if (api.size() == 4) {
                    return marquez.job(job, store.runs(id, 10, 0).items());
                }
                if (!api.get(4).equals("runs") || api.size() > 5) {
                    throw notFound(api);
                }
                Page<Run> runs = store.runs(id, integer(query, "limit", 100), integer(query, "offset", 0));
                ObjectNode json = JSON.objectNode();
                ArrayNode list = json.putArray("runs");
                runs.items().forEach(run -> list.add(marquez.run(run)));
                json.put("totalCount", runs.totalCount());
                return json;
            }
            default -> throw notFound(api);
        }
    }

    private JsonNode jobs(List<String> api, Map<String, String> query) {
        if (api.size() == 1) {
            return jobList(null, query);
        }
        if (api.size() >= 3 && api.get(1).equals("runs") && api.size() <= 4) {
            String runId = api.get(2);
            Run run = uuid(runId, "run id")
                    .flatMap(store::run)
                    .orElseThrow(() -> new HttpError(404, "Run '" + runId + "' not found."));
            if (api.size() == 3) {
                return marquez.run(run);
            }
            if (!api.get(3).equals("facets")) {
                throw notFound(api);
            }
            String type = required(query, "type").toLowerCase(Locale.ROOT);
            ObjectNode json = JSON.objectNode();
            json.put("runId", run.id().toString());
            switch (type) {
                case "run" -> json.set("facets", run.facets());
                case "job" -> json.set(
                        "facets", graph.job(run.job()).map(Job::facets).orElse(JSON.objectNode()));
                default -> throw new HttpError(400, "type must be run or job, not " + type);
            }
            return json;
        }
        throw notFound(api);
    }

    private JsonNode jobList(String namespace, Map<String, String> query) {
        Set<String> states = query.containsKey("lastRunStates")
                ? Set.of(query.get("lastRunStates").toUpperCase(Locale.ROOT).split(","))
                : Set.of();
        List<Job> all = graph.jobs().stream()
                .filter(job -> namespace == null || job.id().namespace().equals(namespace))
                .filter(job -> states.isEmpty()
                        || graph.latestRun(job.id())
                                .map(run -> states.contains(run.state()))
                                .orElse(true))
                .sorted(Comparator.comparing(Job::updatedAt).reversed().thenComparing(Job::id))
                .toList();
        ObjectNode json = JSON.objectNode();
        json.put("totalCount", all.size());
        ArrayNode list = json.putArray("jobs");
        for (Job job : page(all, query)) {
            list.add(marquez.job(job, graph.latestRun(job.id()).stream().toList()));
        }
        return json;
    }

    private JsonNode search(Map<String, String> query) {
        String q = required(query, "q").toLowerCase(Locale.ROOT);
        if (q.isBlank()) {
            throw new HttpError(400, "query param q must not be blank");
        }
        String filter = query.getOrDefault("filter", "").toUpperCase(Locale.ROOT);
        if (!filter.isEmpty() && !filter.equals("DATASET") && !filter.equals("JOB")) {
            throw new HttpError(400, "filter must be DATASET or JOB, not " + query.get("filter"));
        }
        String sort = query.getOrDefault("sort", "NAME").toUpperCase(Locale.ROOT);
        String namespace = query.get("namespace");
        int limit = integer(query, "limit", 10);
        List<ObjectNode> results = new ArrayList<>();
        if (!filter.equals("JOB")) {
            for (Dataset dataset : graph.datasets()) {
                if (matches(dataset.id().name(), dataset.id().namespace(), q, namespace)) {
                    results.add(result(
                            "DATASET",
                            dataset.id().name(),
                            dataset.updatedAt(),
                            dataset.id().namespace(),
                            dataset.id().nodeId()));
                }
            }
        }
        if (!filter.equals("DATASET")) {
            for (Job job : graph.jobs()) {
                if (matches(job.id().name(), job.id().namespace(), q, namespace)) {
                    results.add(result(
                            "JOB",
                            job.id().name(),
                            job.updatedAt(),
                            job.id().namespace(),
                            job.id().nodeId()));
                }
            }
        }
        Comparator<ObjectNode> order = sort.startsWith("UPDATE")
                ? Comparator.comparing(
                                (ObjectNode result) -> result.path("updatedAt").asText())
                        .reversed()
                : Comparator.comparing(
                        (ObjectNode result) -> result.path("name").asText());
        results.sort(order.thenComparing(result -> result.path("nodeId").asText()));
        ObjectNode json = JSON.objectNode();
        List<ObjectNode> shown = results.subList(0, Math.min(limit, results.size()));
        json.put("totalCount", shown.size());
        ArrayNode list = json.putArray("results");
        shown.forEach(list::add);
        return json;
    }

    private static boolean matches(String name, String namespace, String q, String namespaceFilter) {
        return (namespaceFilter == null || namespaceFilter.equals(namespace))
                && name.toLowerCase(Locale.ROOT).contains(q);
    }

    private static ObjectNode result(String type, String name, Instant updatedAt, String namespace, String nodeId) {
        ObjectNode json = JSON.objectNode();
        json.put("type", type);
        json.put("name", name);
        json.put("updatedAt", updatedAt.toString());
        json.put("namespace", namespace);
        json.put("nodeId", nodeId);
        return json;
    }

    private JsonNode events(Map<String, String> query) {
        Instant after = time(query, "after", Instant.EPOCH);
        Instant before = time(query, "before", Instant.parse("9999-12-31T00:00:00Z"));
        String direction = query.getOrDefault("sortDirection", "desc").toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new HttpError(400, "sortDirection must be asc or desc, not " + direction);
        }
        int limit = integer(query, "limit", 100);
        if (limit > MAX_EVENTS) {
            throw new HttpError(400, "query param limit of events must be at most " + MAX_EVENTS + ", not " + limit);
        }
        Page<StoredEvent> events =
                store.events(after, before, direction.equals("asc"), limit, integer(query, "offset", 0));
        ObjectNode json = JSON.objectNode();
        ArrayNode list = json.putArray("events");
        for (StoredEvent event : events.items()) {
            try {
                list.add(MAPPER.readTree(event.json()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("Stored event " + event.sequence() + " is unreadable", e);
            }
        }
        json.put("totalCount", events.totalCount());
        return json;
    }

    private JsonNode lakegate(List<String> api, Map<String, String> query) {
        expectLength(api, 2);
        switch (api.get(1)) {
            case "graph" -> {
                Optional<String> nodeId =
                        Optional.ofNullable(query.get("nodeId")).filter(id -> !id.isEmpty());
                ObjectNode json = queries.pageGraph(nodeId, integer(query, "depth", 3), integer(query, "limit", 500));
                if (json == null) {
                    throw new HttpError(404, "Node '" + nodeId.orElseThrow() + "' not found.");
                }
                return json;
            }
            case "dataset" -> {
                String nodeId = required(query, "nodeId");
                Dataset dataset = NodeIds.dataset(nodeId, graph)
                        .flatMap(graph::dataset)
                        .orElseThrow(() -> new HttpError(404, "Dataset '" + nodeId + "' not found."));
                return panels.dataset(dataset);
            }
            case "job" -> {
                String nodeId = required(query, "nodeId");
                Job job = NodeIds.job(nodeId, graph)
                        .flatMap(graph::job)
                        .orElseThrow(() -> new HttpError(404, "Job '" + nodeId + "' not found."));
                return panels.job(job);
            }
            default -> throw notFound(api);
        }
    }

    private CompletableFuture<Reply> ingest(Request request) throws IOException {
        if (apiKey.isPresent() && !authorized(request)) {
            LOG.info("event=ingest_refused status=401 remote={}", Request.getRemoteAddr(request));
            throw new HttpError(
                            401,
                            "Writing lineage needs the hub's API key: Authorization: Bearer <key>"
                                    + " (OpenLineage's HTTP transport: auth.type=api_key, auth.apiKey=<key>)")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"lineage-hub\"");
        }
        String contentType = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE))
                .orElse("application/json");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "An OpenLineage event is application/json, not " + contentType);
        }
        byte[] body = body(request);
        LineageEvent event;
        try {
            event = reader.read(body);
        } catch (InvalidEventException e) {
            LOG.info(
                    "event=ingest_rejected status=400 remote={} reason=\"{}\"",
                    Request.getRemoteAddr(request),
                    e.getMessage().replace('"', '\''));
            throw new HttpError(400, e.getMessage());
        }
        try {
            return ingestor.submit(event).orTimeout(30, TimeUnit.SECONDS).handle((result, failure) -> {
                if (failure == null) {
                    if (result == IngestResult.DUPLICATE) {
                        LOG.debug("event=ingest_duplicate key={}", event.key());
                    }
                    return new Reply(201, Map.of(), null, null);
                }
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof TimeoutException) {
                    throw new HttpError(503, "The event was not stored within 30 s; send it again (it is stored once)")
                            .withHeader("Retry-After", "1");
                }
                throw new HttpError(500, "The event could not be stored: " + cause.getMessage());
            });
        } catch (OverloadedException e) {
            throw new HttpError(503, e.getMessage()).withHeader("Retry-After", "1");
        }
    }

    private boolean authorized(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = header.substring(7).trim().getBytes(UTF_8);
        return MessageDigest.isEqual(offered, apiKey.orElseThrow());
    }

    private byte[] body(Request request) throws IOException {
        String encoding = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_ENCODING))
                .orElse("identity")
                .toLowerCase(Locale.ROOT)
                .trim();
        InputStream raw = Content.Source.asInputStream(request);
        InputStream in =
                switch (encoding) {
                    case "identity" -> raw;
                    case "gzip", "x-gzip" -> {
                        try {
                            yield new GZIPInputStream(raw);
                        } catch (ZipException | EOFException e) {
                            throw new HttpError(400, "Content-Encoding is gzip but the body is not: " + e.getMessage());
                        }
                    }
                    default -> throw new HttpError(415, "Content-Encoding " + encoding + " is not supported; use gzip");
                };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (out.size() + read > maxEventBytes) {
                    throw new HttpError(
                            413,
                            "An event is limited to " + maxEventBytes + " bytes (decompressed); this one is larger");
                }
                out.write(buffer, 0, read);
            }
        } catch (ZipException | EOFException e) {
            throw new HttpError(400, "The gzip body is corrupt: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private Reply health() {
        boolean database = store.isHealthy();
        boolean writing = ingestor.isWriting();
        boolean healthy = database && writing;
        ObjectNode json = JSON.objectNode();
        json.put("status", healthy ? "ok" : "unavailable");
        json.put("database", database ? "ok" : "unreachable");
        json.put("writer", writing ? "ok" : "stopped");
        json.put("datasets", graph.datasets().size());
        json.put("jobs", graph.jobs().size());
        return Reply.json(healthy ? 200 : 503, json);
    }

    private static Reply staticFile(String path) throws IOException {
        if (path.isEmpty() || path.contains("..") || path.contains("\\") || path.startsWith("/")) {
            throw new HttpError(404, "No such file: " + path);
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        String contentType = CONTENT_TYPES.get(extension);
        try (InputStream in = HttpApi.class.getResourceAsStream(WEB + path)) {
            if (in == null || contentType == null) {
                throw new HttpError(404, "No such file: " + path);
            }
            return new Reply(200, Map.of("Cache-Control", "no-cache"), contentType, in.readAllBytes());
        }
    }

    private static ObjectNode graphJson(ArrayNode nodes) {
        ObjectNode json = JSON.objectNode();
        json.set("graph", nodes);
        return json;
    }

    private static <T> List<T> page(List<T> all, Map<String, String> query) {
        int limit = integer(query, "limit", 100);
        int offset = integer(query, "offset", 0);
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, Math.min(all.size(), offset + limit));
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new HttpError(400, "query param " + name + " must not be null");
        }
        return value;
    }

    private static int integer(Map<String, String> query, String name, int defaultValue) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0 || parsed > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new HttpError(
                    400, "query param " + name + " must be an integer from 0 to " + MAX_LIMIT + ", not " + value);
        }
    }

    private static Instant time(Map<String, String> query, String name, Instant defaultValue) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new HttpError(
                    400, "query param " + name + " must be an ISO-8601 date-time with an offset, not " + value);
        }
    }

    private static Optional<UUID> uuid(String value, String what) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "No such " + what + ": " + value);
        }
    }

    private static void requireGet(String method) {
        if (!method.equals("GET")) {
            throw new HttpError(405, "Method " + method + " is not allowed here");
        }
    }

    private static void expectLength(List<String> api, int length) {
        if (api.size() != length) {
            throw notFound(api);
        }
    }

    private static HttpError notFound(List<String> api) {
        return new HttpError(404, "No such resource: /api/v1/" + String.join("/", api));
    }

    /** Path segments, each percent-decoded ('+' stays '+'); an empty trailing segment is dropped, as Jersey does. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment.replace("+", "%2B")));
            }
        }
        return segments;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "Malformed percent-encoding in " + text);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final Map<String, String> headers;

        HttpError(int status, String message) {
            this(status, message, Map.of());
        }

        private HttpError(int status, String message, Map<String, String> headers) {
            super(message);
            this.status = status;
            this.headers = headers;
        }

        HttpError withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new HttpError(status, getMessage(), Map.copyOf(more));
        }
    }
}
