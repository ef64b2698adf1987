package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.Optional;

/**
 * {@code trino_query}, on a run: what OpenLineage has no standard facet for, the Trino query behind the run: its id
 * (to find it in Trino's UI and logs), type and update type, the user it ran as and the client that sent it.
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "queryId", "queryType", "updateType", "user", "source"})
@JsonInclude(JsonInclude.Include.NON_NULL)
final class TrinoQueryFacet extends LakegateFacet implements OpenLineage.RunFacet {
    static final String NAME = "trino_query";

    private final String queryId;
    private final String queryType;
    private final String updateType;
    private final String user;
    private final String source;

    TrinoQueryFacet(
            URI producer,
            String queryId,
            Optional<String> queryType,
            Optional<String> updateType,
            String user,
            Optional<String> source) {
        super(producer, "TrinoQueryRunFacet.json");
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.queryType = requireNonNull(queryType, "queryType is null").orElse(null);
        this.updateType = requireNonNull(updateType, "updateType is null").orElse(null);
        this.user = requireNonNull(user, "user is null");
        this.source = requireNonNull(source, "source is null").orElse(null);
    }

    @JsonProperty
    public String getQueryId() {
        return queryId;
    }

    @JsonProperty
    public String getQueryType() {
        return queryType;
    }

    @JsonProperty
    public String getUpdateType() {
        return updateType;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public String getSource() {
        return source;
    }
}
