package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.Map;

/** A facet of Lakegate's own: OpenLineage's {@code _producer} and {@code _schemaURL}, then its fields. */
@JsonPropertyOrder({"_producer", "_schemaURL"})
abstract class LakegateFacet {
    static final String SCHEMA_BASE = "https://lakegate.io/spec/facets/1-0-0/";

    private final URI producer;
    private final URI schemaUrl;

    LakegateFacet(URI producer, String schemaFile) {
        this.producer = requireNonNull(producer, "producer is null");
        this.schemaUrl = URI.create(SCHEMA_BASE + requireNonNull(schemaFile, "schemaFile is null"));
    }

    @JsonProperty("_producer")
    public URI get_producer() {
        return producer;
    }

    @JsonProperty("_schemaURL")
    public URI get_schemaURL() {
        return schemaUrl;
    }

    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return Map.of();
    }
}
