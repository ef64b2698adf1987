package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.catalog.TableName;
import java.util.List;

/**
 * A catalog table or permanent view that a statement reads, with the columns it uses; no columns means the
 * statement reads rows but no column of them (as {@code count(*)} does). Columns are in name order.
 */
public record TableRead(TableName table, List<String> columns) {
    public TableRead {
        requireNonNull(table, "table is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
