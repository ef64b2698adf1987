package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code lakegate_selectColumnLineage}, on a {@code SELECT}'s run: the column lineage of its result, which is no
 * dataset (OpenLineage's {@code columnLineage} facet belongs to an output dataset). Same shape as {@code
 * columnLineage}: {@code fields} maps each result column to the source columns it is made of, with their
 * transformations; {@code dataset} lists the columns that filter, join, group, sort or partition it.
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "fields", "dataset"})
final class SelectColumnLineageFacet extends LakegateFacet implements OpenLineage.RunFacet {
    static final String NAME = "lakegate_selectColumnLineage";

    private final Map<String, OpenLineage.ColumnLineageDatasetFacetFieldsAdditional> fields;
    private final List<OpenLineage.InputField> dataset;

    SelectColumnLineageFacet(
            URI producer,
            Map<String, OpenLineage.ColumnLineageDatasetFacetFieldsAdditional> fields,
            List<OpenLineage.InputField> dataset) {
        super(producer, "LakegateSelectColumnLineageRunFacet.json");
        this.fields = requireNonNull(fields, "fields is null");
        this.dataset = List.copyOf(requireNonNull(dataset, "dataset is null"));
    }

    @JsonProperty
    public Map<String, OpenLineage.ColumnLineageDatasetFacetFieldsAdditional> getFields() {
        return fields;
    }

    @JsonProperty
    public List<OpenLineage.InputField> getDataset() {
        return dataset;
    }
}
