package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a statement does to one table: {@code accessType} (a Ranger access type such as {@code select}) on the
 * given columns of {@code table}, or on the table itself when {@code columns} is empty.
 */
public record TableAccess(RangerResource table, List<String> columns, String accessType) {
    public TableAccess {
        requireNonNull(table, "table is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(accessType, "accessType is null");
        if (accessType.isBlank()) {
            throw new IllegalArgumentException("accessType is blank");
        }
    }
}
