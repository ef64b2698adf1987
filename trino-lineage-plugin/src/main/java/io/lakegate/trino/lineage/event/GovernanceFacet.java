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
     * A masked column: {@code maskType} is Ranger's mask type ({@code MASK_HASH}, ...) as Lakegate's Ranger bridge
     * labelled it, or {@code UNKNOWN} for a mask without its label (another access control's); {@code expression}, when
     * included, is the SQL Trino evaluated instead of the column.
     */
    @JsonPropertyOrder({"name", "maskType", "expression"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class MaskedColumn {
        private final String name;
        private final String maskType;
        private final String expression;

        MaskedColumn(String name, String maskType, Optional<String> expression) {
            this.name = requireNonNull(name, "name is null");
            this.maskType = requireNonNull(maskType, "maskType is null");
            this.expression = requireNonNull(expression, "expression is null").orElse(null);
        }

        @JsonProperty
        public String getName() {
            return name;
        }

        @JsonProperty
        public String getMaskType() {
            return maskType;
        }

        @JsonProperty
        public String getExpression() {
            return expression;
        }
    }

    /** The row filter Trino applied (several are one conjunction), or {@code (hidden)} without expressions. */
    record RowFilter(@JsonProperty("expression") String expression) {
        RowFilter {
            requireNonNull(expression, "expression is null");
        }
    }
}
