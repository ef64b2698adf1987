package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code lakegate_governance}, on an input dataset: what access control did to this query's read of it, for the user
 * it enforced: the columns it masked (with Ranger's mask type where Lakegate's Ranger bridge set the mask) and the
 * row filter it applied. The lineage hub's README describes the facet.
 */
@JsonPropertyOrder({"_producer", "_schemaURL", "user", "maskedColumns", "rowFilter"})
@JsonInclude(JsonInclude.Include.NON_NULL)
final class GovernanceFacet extends LakegateFacet implements OpenLineage.InputDatasetFacet {
    static final String NAME = "lakegate_governance";

    private final String user;
    private final List<MaskedColumn> maskedColumns;
    private final RowFilter rowFilter;

    GovernanceFacet(URI producer, String user, List<MaskedColumn> maskedColumns, Optional<RowFilter> rowFilter) {
        super(producer, "LakegateGovernanceInputDatasetFacet.json");
        this.user = requireNonNull(user, "user is null");
        this.maskedColumns = List.copyOf(requireNonNull(maskedColumns, "maskedColumns is null"));
        this.rowFilter = requireNonNull(rowFilter, "rowFilter is null").orElse(null);
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public List<MaskedColumn> getMaskedColumns() {
        return maskedColumns;
    }

    @JsonProperty
    public RowFilter getRowFilter() {
        return rowFilter;
    }

    /**
     * A masked column: {@code maskType} is Ranger's mask type ({@code MASK_HASH}, ...), or {@code CUSTOM} for a mask
     * another access control set; {@code expression} is the SQL Trino evaluated instead of the column.
     */
    @JsonPropertyOrder({"name", "maskType", "expression"})
    record MaskedColumn(
            @JsonProperty("name") String name,
            @JsonProperty("maskType") String maskType,
            @JsonProperty("expression") String expression) {
        MaskedColumn {
            requireNonNull(name, "name is null");
            requireNonNull(maskType, "maskType is null");
            requireNonNull(expression, "expression is null");
        }
    }

    /** The row filter Trino applied; several filters are one conjunction. */
    record RowFilter(@JsonProperty("expression") String expression) {
        RowFilter {
            requireNonNull(expression, "expression is null");
        }
    }
}
