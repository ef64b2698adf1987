package io.lakegate.lineage.hub.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.Sha256;
import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.JobId;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one OpenLineage event from its JSON: first through openlineage-java's model (the same classes the
 * transports serialise, so a type error in a known facet is refused as it would fail there), then for what the
 * spec requires and the hub relies on. Every refusal names the field.
 */
public final class EventReader {
    /** Longer namespaces or names are refused: no engine produces them, and they would bloat every index. */
    public static final int MAX_NAME_LENGTH = 4096;

    /** Transformation types and subtypes, and governance users, are short words; longer ones are refused. */
    public static final int MAX_WORD_LENGTH = 64;

    public static final int MAX_USER_LENGTH = 1024;

    /** Event times from the epoch of the data platforms (2000) to a day ahead of the hub's clock (clock skew). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");

    private final ObjectMapper trees;
    private final ObjectMapper model;

    public EventReader() {
        this.trees = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        trees.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(100)
                        .maxTokenCount(2_000_000)
                        .build());
        this.model = OpenLineageClientUtils.newObjectMapper();
    }

    public LineageEvent read(byte[] body) throws InvalidEventException {
        String json = utf8(body);
        JsonNode tree;
        try {
            tree = trees.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("Not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("An OpenLineage event is a JSON object");
        }
        ObjectNode event = (ObjectNode) tree;
        if (event.has("run")) {
            validateModel(event, OpenLineage.RunEvent.class);
            return runEvent(event, json);
        }
        if (event.has("dataset")) {
            validateModel(event, OpenLineage.DatasetEvent.class);
            return datasetEvent(event, json);
        }
        if (event.has("job")) {
            validateModel(event, OpenLineage.JobEvent.class);
            return jobEvent(event, json);
        }
        throw new InvalidEventException("Not an OpenLineage event: it needs \"run\" and \"job\" (a run event),"
                + " \"dataset\" (a dataset event) or \"job\" (a job event)");
    }

    private void validateModel(ObjectNode event, Class<?> type) throws InvalidEventException {
        try {
            model.treeToValue(event, type);
        } catch (JsonMappingException e) {
            throw new InvalidEventException("Not a valid OpenLineage " + type.getSimpleName() + " at " + path(e) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(
                    "Not a valid OpenLineage " + type.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private LineageEvent runEvent(ObjectNode event, String json) throws InvalidEventException {
        Instant eventTime = eventTime(event);
        String producer = producer(event);
        Optional<String> eventType = eventType(event);
        ObjectNode run = object(event, "run", "run", true);
        String runIdText = requiredText(run, "runId", "run.runId");
        UUID runId;
        try {
            runId = UUID.fromString(runIdText);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("run.runId must be a UUID, not " + quote(runIdText));
        }
        ObjectNode job = object(event, "job", "job", true);
        JobId jobId = jobId(job);
        List<DatasetRef> inputs = datasets(event, "inputs", "inputFacets");
        List<DatasetRef> outputs = datasets(event, "outputs", "outputFacets");
        String key = Sha256.hex("run", runId.toString(), eventType.orElse(""), eventTime.toString());
        return new LineageEvent(
                LineageEvent.Kind.RUN,
                key,
                eventType,
                eventTime,
                producer,
                Optional.of(runId),
                facets(run, "run.facets"),
                Optional.of(jobId),
                facets(job, "job.facets"),
                inputs,
                outputs,
                Optional.empty(),
                json);
    }

    private LineageEvent datasetEvent(ObjectNode event, String json) throws InvalidEventException {
        Instant eventTime = eventTime(event);
        String producer = producer(event);
        ObjectNode dataset = object(event, "dataset", "dataset", true);
        DatasetRef ref = dataset(dataset, "dataset", null);
        String key = Sha256.hex("dataset", ref.id().namespace(), ref.id().name(), eventTime.toString());
        return new LineageEvent(
                LineageEvent.Kind.DATASET,
                key,
                Optional.empty(),
                eventTime,
                producer,
                Optional.empty(),
                JsonNodeFactory.instance.objectNode(),
                Optional.empty(),
                JsonNodeFactory.instance.objectNode(),
                List.of(),
                List.of(),
                Optional.of(ref),
                json);
    }

    private LineageEvent jobEvent(ObjectNode event, String json) throws InvalidEventException {
        Instant eventTime = eventTime(event);
        String producer = producer(event);
        ObjectNode job = object(event, "job", "job", true);
        JobId jobId = jobId(job);
        String key = Sha256.hex("job", jobId.namespace(), jobId.name(), eventTime.toString());
        return new LineageEvent(
                LineageEvent.Kind.JOB,
                key,
                Optional.empty(),
                eventTime,
                producer,
                Optional.empty(),
                JsonNodeFactory.instance.objectNode(),
                Optional.of(jobId),
                facets(job, "job.facets"),
                datasets(event, "inputs", "inputFacets"),
                datasets(event, "outputs", "outputFacets"),
                Optional.empty(),
                json);
    }

    /** Every event's producer; its schemaURL is required beside it, though the hub does not read it. */
    private static String producer(ObjectNode event) throws InvalidEventException {
        String producer = requiredText(event, "producer", "producer");
        requiredText(event, "schemaURL", "schemaURL");
        return producer;
    }

    private static Instant eventTime(ObjectNode event) throws InvalidEventException {
        String text = requiredText(event, "eventTime", "eventTime");
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidEventException(
                    "eventTime must be an ISO-8601 date-time with an offset (2026-12-01T10:15:30.123Z), not "
                            + quote(text));
        }
        // A time far away would pin a job's latest run for good, or overflow a run's duration.
        if (time.isBefore(EARLIEST) || time.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
            throw new InvalidEventException(
                    "eventTime " + quote(text) + " is before 2000 or more than a day ahead of" + " the hub's clock");
        }
        return time;
    }

    /** The body as UTF-8, the one encoding JSON on the wire may use (RFC 8259); a byte-order mark is dropped. */
    private static String utf8(byte[] body) throws InvalidEventException {
        int start = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3
                : 0;
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, start, body.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("An OpenLineage event is UTF-8 JSON; this body is not UTF-8");
        }
    }

    private static Optional<String> eventType(ObjectNode event) throws InvalidEventException {
        JsonNode type = event.get("eventType");
        if (type == null || type.isNull()) {
            return Optional.empty();
        }
        if (!type.isTextual() || !EVENT_TYPES.contains(type.asText())) {
            throw new InvalidEventException(
                    "eventType must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, not " + type);
        }
        return Optional.of(type.asText());
    }

    private static JobId jobId(ObjectNode job) throws InvalidEventException {
        return new JobId(name(job, "namespace", "job.namespace"), name(job, "name", "job.name"));
    }

    private static List<DatasetRef> datasets(ObjectNode event, String field, String ioFacetsField)
            throws InvalidEventException {
        JsonNode list = event.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidEventException(field + " must be a list of datasets");
        }
        List<DatasetRef> datasets = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = field + "[" + i + "]";
            JsonNode dataset = list.get(i);
            if (!dataset.isObject()) {
                throw new InvalidEventException(where + " must be an object with namespace and name");
            }
            datasets.add(dataset((ObjectNode) dataset, where, ioFacetsField));
        }
        return datasets;
    }

    private static DatasetRef dataset(ObjectNode dataset, String where, String ioFacetsField)
            throws InvalidEventException {
        DatasetId id =
                new DatasetId(name(dataset, "namespace", where + ".namespace"), name(dataset, "name", where + ".name"));
        ObjectNode facets = facets(dataset, where + ".facets");
        ObjectNode ioFacets = ioFacetsField == null
                ? JsonNodeFactory.instance.objectNode()
                : facets(dataset, ioFacetsField, where + "." + ioFacetsField);
        validateColumnLineage(facets, where);
        validateSymlinks(facets, where);
        validateGovernance(ioFacets, where + "." + ioFacetsField);
        return new DatasetRef(id, facets, ioFacets);
    }

    /** A TABLE symlink names the node the hub files the dataset under: it must be a name like any other. */
    private static void validateSymlinks(ObjectNode facets, String where) throws InvalidEventException {
        JsonNode identifiers = facets.path("symlinks").path("identifiers");
        for (int i = 0; i < identifiers.size(); i++) {
            JsonNode identifier = identifiers.get(i);
            if (identifier.isObject()
                    && "TABLE".equalsIgnoreCase(identifier.path("type").asText())) {
                String at = where + ".facets.symlinks.identifiers[" + i + "]";
                name((ObjectNode) identifier, "namespace", at + ".namespace");
                name((ObjectNode) identifier, "name", at + ".name");
            }
        }
    }

    private static void validateGovernance(ObjectNode ioFacets, String where) throws InvalidEventException {
        JsonNode facet = ioFacets.get("lakegate_governance");
        if (facet == null || facet.isNull()) {
            return;
        }
        String at = where + ".lakegate_governance";
        if (!facet.isObject()) {
            throw new InvalidEventException(at + " must be an object");
        }
        limit(facet.path("user"), MAX_USER_LENGTH, at + ".user");
        JsonNode masked = facet.path("maskedColumns");
        for (int i = 0; i < masked.size(); i++) {
            limit(masked.get(i).path("name"), MAX_NAME_LENGTH, at + ".maskedColumns[" + i + "].name");
            limit(masked.get(i).path("maskType"), MAX_WORD_LENGTH, at + ".maskedColumns[" + i + "].maskType");
        }
        limit(facet.path("rowFilter").path("expression"), MAX_NAME_LENGTH, at + ".rowFilter.expression");
    }

    private static void limit(JsonNode value, int maximum, String where) throws InvalidEventException {
        if (value.isTextual() && value.asText().length() > maximum) {
            throw new InvalidEventException(
                    where + " is " + value.asText().length() + " characters long; the limit is " + maximum);
        }
    }

    /** The hub turns this facet into column edges, so it must hold together beyond what the model checks. */
    private static void validateColumnLineage(ObjectNode facets, String where) throws InvalidEventException {
        JsonNode facet = facets.get("columnLineage");
        if (facet == null || facet.isNull()) {
            return;
        }
        String prefix = where + ".facets.columnLineage";
        JsonNode fields = facet.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new InvalidEventException(prefix + ".fields must be an object of output field to inputs");
        }
        for (var entry : fields.properties()) {
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_NAME_LENGTH) {
                throw new InvalidEventException(prefix + ".fields has a field name of "
                        + entry.getKey().length() + " characters; names are 1 to " + MAX_NAME_LENGTH);
            }
            JsonNode inputs = entry.getValue().get("inputFields");
            String fieldWhere = prefix + ".fields." + entry.getKey() + ".inputFields";
            if (inputs == null || !inputs.isArray()) {
                throw new InvalidEventException(fieldWhere + " must be a list");
            }
            for (int i = 0; i < inputs.size(); i++) {
                JsonNode input = inputs.get(i);
                String inputWhere = fieldWhere + "[" + i + "]";
                if (!input.isObject()) {
                    throw new InvalidEventException(inputWhere + " must be an object with namespace, name, field");
                }
                name((ObjectNode) input, "namespace", inputWhere + ".namespace");
                name((ObjectNode) input, "name", inputWhere + ".name");
                name((ObjectNode) input, "field", inputWhere + ".field");
                JsonNode transformation = input.path("transformations").path(0);
                limit(transformation.path("type"), MAX_WORD_LENGTH, inputWhere + ".transformations[0].type");
                limit(transformation.path("subtype"), MAX_WORD_LENGTH, inputWhere + ".transformations[0].subtype");
            }
        }
    }

    private static ObjectNode facets(ObjectNode owner, String where) throws InvalidEventException {
        return facets(owner, "facets", where);
    }

    private static ObjectNode facets(ObjectNode owner, String field, String where) throws InvalidEventException {
        ObjectNode facets = object(owner, field, where, false);
        return facets == null ? JsonNodeFactory.instance.objectNode() : facets;
    }

    private static ObjectNode object(ObjectNode owner, String field, String where, boolean required)
            throws InvalidEventException {
        JsonNode value = owner.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidEventException(where + " is required");
            }
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidEventException(where + " must be an object");
        }
        return (ObjectNode) value;
    }

    private static String name(ObjectNode owner, String field, String where) throws InvalidEventException {
        String value = requiredText(owner, field, where);
        if (value.isBlank()) {
            throw new InvalidEventException(where + " must not be blank");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidEventException(
                    where + " is " + value.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidEventException(where + " contains a control character");
            }
        }
        return value;
    }

    private static String requiredText(ObjectNode owner, String field, String where) throws InvalidEventException {
        JsonNode value = owner.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(where + " is required");
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(where + " must be a string, not " + value.getNodeType());
        }
        return value.asText();
    }

    /** The JSON path of a mapping error, as {@code run.facets.nominalTime} or {@code outputs[0].name}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the event" : path.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable value";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + shown + "\"";
    }
}
