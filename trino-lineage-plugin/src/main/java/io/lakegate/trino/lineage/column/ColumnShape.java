package io.lakegate.trino.lineage.column;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the output columns of one classified statement derive from its sources.
 *
 * @param star whether it is {@code SELECT *} of its sources: every output column a copy
 * @param derivations each select item's derivation, in order
 * @param targetColumns the columns an {@code INSERT} or {@code CREATE TABLE AS} names for its select items
 * @param indirect the columns that filter, join, group, sort or partition the result, with how
 */
public record ColumnShape(
        boolean star,
        List<Derivation> derivations,
        Optional<List<String>> targetColumns,
        Map<SourceColumn, Set<IndirectUse>> indirect) {
    public ColumnShape {
        derivations = List.copyOf(requireNonNull(derivations, "derivations is null"));
        requireNonNull(targetColumns, "targetColumns is null");
        indirect = Map.copyOf(requireNonNull(indirect, "indirect is null"));
    }

    /**
     * The derivation of the output column at {@code position} (0-based) named {@code name}; empty when it cannot be
     * told.
     */
    public Optional<Derivation> derivation(int position, String name) {
        if (star) {
            return Optional.of(Derivation.IDENTITY);
        }
        int index = targetColumns.map(columns -> columns.indexOf(name)).orElse(position);
        return index >= 0 && index < derivations.size() ? Optional.of(derivations.get(index)) : Optional.empty();
    }
}
