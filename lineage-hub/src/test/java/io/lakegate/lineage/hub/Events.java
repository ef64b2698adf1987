package io.lakegate.lineage.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** OpenLineage events shaped as the engines send them: Spark names tables by location plus a symlink. */
final class Events {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SPARK = "https://github.com/OpenLineage/OpenLineage/tree/1.53.0/integration/spark";
    static final String TRINO = "https://lakegate.io/trino-lineage-plugin";
    static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String METASTORE = "hive://metastore:9083";

    private Events() {}

    static ObjectNode run(String type, UUID runId, String jobNamespace, String jobName, Instant time, String engine) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", type);
        event.put("eventTime", time.toString());
        event.put("producer", engine.equals("trino") ? TRINO : SPARK);
        event.put("schemaURL", SCHEMA_URL);
        ObjectNode run = event.putObject("run");
        run.put("runId", runId.toString());
        ObjectNode processing = run.putObject("facets").putObject("processing_engine");
        facet(processing);
        processing.put("name", engine);
        processing.put("version", engine.equals("trino") ? "483" : "3.5.4");
        ObjectNode job = event.putObject("job");
        job.put("namespace", jobNamespace);
        job.put("name", jobName);
        ObjectNode jobType = job.putObject("facets").putObject("jobType");
        facet(jobType);
        jobType.put("processingType", "BATCH");
        jobType.put("integration", engine.toUpperCase(java.util.Locale.ROOT));
        jobType.put("jobType", "SQL_JOB");
        event.putArray("inputs");
        event.putArray("outputs");
        return event;
    }

    static ObjectNode sql(ObjectNode event, String query) {
        ObjectNode sql = ((ObjectNode) event.path("job").path("facets")).putObject("sql");
        facet(sql);
        sql.put("query", query);
        return event;
    }

    static ObjectNode owner(ObjectNode event, String owner) {
        ObjectNode ownership = ((ObjectNode) event.path("job").path("facets")).putObject("ownership");
        facet(ownership);
        ObjectNode entry = ownership.putArray("owners").addObject();
        entry.put("name", owner);
        entry.put("type", "USER");
        return event;
    }

    /** A Hive table as Spark names it: its location, with the table as a symlink. */
    static ObjectNode sparkTable(String table, String... fields) {
        ObjectNode dataset = dataset("file", "/warehouse/" + table.replace(".", ".db/"), fields);
        ObjectNode symlinks = ((ObjectNode) dataset.path("facets")).putObject("symlinks");
        facet(symlinks);
        ObjectNode identifier = symlinks.putArray("identifiers").addObject();
        identifier.put("namespace", METASTORE);
        identifier.put("name", table);
        identifier.put("type", "TABLE");
        return dataset;
    }

    /** A Hive table as the OpenLineage naming spec (and Trino) names it. */
    static ObjectNode hiveTable(String table, String... fields) {
        return dataset(METASTORE, table, fields);
    }

    static ObjectNode dataset(String namespace, String name, String... fields) {
        ObjectNode dataset = JSON.createObjectNode();
        dataset.put("namespace", namespace);
        dataset.put("name", name);
        ObjectNode facets = dataset.putObject("facets");
        if (fields.length > 0) {
            ObjectNode schema = facets.putObject("schema");
            facet(schema);
            ArrayNode list = schema.putArray("fields");
            for (String field : fields) {
                String[] parts = field.split(":");
                ObjectNode entry = list.addObject();
                entry.put("name", parts[0]);
                entry.put("type", parts.length > 1 ? parts[1] : "string");
            }
        }
        return dataset;
    }

    /** Column lineage: {@code output} from {@code namespace/name.field} inputs, DIRECT/IDENTITY or given. */
    static ObjectNode columnLineage(
            ObjectNode dataset,
            String output,
            String inputNamespace,
            String inputName,
            String inputField,
            String subtype,
            boolean masking) {
        ObjectNode facets = (ObjectNode) dataset.path("facets");
        ObjectNode facet = facets.has("columnLineage") ? (ObjectNode) facets.get("columnLineage") : null;
        if (facet == null) {
            facet = facets.putObject("columnLineage");
            facet(facet);
            facet.putObject("fields");
        }
        ObjectNode fields = (ObjectNode) facet.get("fields");
        ObjectNode column = fields.has(output) ? (ObjectNode) fields.get(output) : fields.putObject(output);
        ArrayNode inputs =
                column.has("inputFields") ? (ArrayNode) column.get("inputFields") : column.putArray("inputFields");
        ObjectNode input = inputs.addObject();
        input.put("namespace", inputNamespace);
        input.put("name", inputName);
        input.put("field", inputField);
        ObjectNode transformation = input.putArray("transformations").addObject();
        transformation.put(
                "type", subtype.equals("IDENTITY") || subtype.equals("TRANSFORMATION") ? "DIRECT" : "INDIRECT");
        transformation.put("subtype", subtype);
        transformation.put("masking", masking);
        return dataset;
    }

    /** Lakegate's governance facet on an input: who read it, which columns were masked, which filter applied. */
    static ObjectNode governed(ObjectNode input, String user, String rowFilter, String... maskedColumns) {
        ObjectNode facet = input.putObject("inputFacets").putObject("lakegate_governance");
        facet(facet);
        facet.put("user", user);
        ArrayNode masked = facet.putArray("maskedColumns");
        for (String column : maskedColumns) {
            String[] parts = column.split(":");
            ObjectNode entry = masked.addObject();
            entry.put("name", parts[0]);
            entry.put("maskType", parts.length > 1 ? parts[1] : "MASK");
        }
        if (rowFilter != null) {
            facet.putObject("rowFilter").put("expression", rowFilter);
        }
        return input;
    }

    static ObjectNode statistics(ObjectNode output, long rows, long bytes) {
        ObjectNode facet = output.putObject("outputFacets").putObject("outputStatistics");
        facet(facet);
        facet.put("rowCount", rows);
        facet.put("size", bytes);
        return output;
    }

    static ObjectNode reads(ObjectNode event, ObjectNode... datasets) {
        ArrayNode inputs = (ArrayNode) event.get("inputs");
        for (ObjectNode dataset : datasets) {
            inputs.add(dataset);
        }
        return event;
    }

    static ObjectNode writes(ObjectNode event, ObjectNode... datasets) {
        ArrayNode outputs = (ArrayNode) event.get("outputs");
        for (ObjectNode dataset : datasets) {
            outputs.add(dataset);
        }
        return event;
    }

    private static void facet(ObjectNode facet) {
        facet.put("_producer", SPARK);
        facet.put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/Facet.json");
    }
}
