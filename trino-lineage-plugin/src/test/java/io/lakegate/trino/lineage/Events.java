package io.lakegate.trino.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the parts of OpenLineage run events the tests assert, as short strings. */
final class Events {
    private Events() {}

    static String runId(JsonNode event) {
        return event.path("run").path("runId").asText();
    }

    static List<String> datasets(JsonNode event, String side) {
        List<String> names = new ArrayList<>();
        for (JsonNode dataset : event.path(side)) {
            names.add(dataset.path("namespace").asText() + " "
                    + dataset.path("name").asText());
        }
        return names;
    }

    static JsonNode dataset(JsonNode event, String side, String name) {
        for (JsonNode dataset : event.path(side)) {
            if (dataset.path("name").asText().equals(name)) {
                return dataset;
            }
        }
        throw new AssertionError("No " + side + " dataset " + name + " in " + event.toPrettyString());
    }

    /** Output field -> its inputs as {@code name.field TYPE/SUBTYPE[ masked]}, from a columnLineage-shaped facet. */
    static Map<String, List<String>> fields(JsonNode columnLineage) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        columnLineage.path("fields").properties().forEach(entry -> {
            List<String> inputs = new ArrayList<>();
            for (JsonNode input : entry.getValue().path("inputFields")) {
                inputs.add(field(input));
            }
            fields.put(entry.getKey(), inputs);
        });
        return fields;
    }

    /** The dataset-wide (indirect) inputs of a columnLineage-shaped facet. */
    static List<String> indirect(JsonNode columnLineage) {
        List<String> inputs = new ArrayList<>();
        for (JsonNode input : columnLineage.path("dataset")) {
            inputs.add(field(input));
        }
        return inputs;
    }

    private static String field(JsonNode input) {
        StringBuilder text = new StringBuilder(
                input.path("name").asText() + "." + input.path("field").asText());
        for (JsonNode transformation : input.path("transformations")) {
            text.append(' ').append(transformation.path("type").asText());
            if (transformation.hasNonNull("subtype")) {
                text.append('/').append(transformation.path("subtype").asText());
            }
            if (transformation.path("masking").asBoolean()) {
                text.append(" masked");
            }
        }
        return text.toString();
    }
}
