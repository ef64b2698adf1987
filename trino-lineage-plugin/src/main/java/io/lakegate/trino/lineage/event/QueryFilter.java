package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import io.lakegate.trino.lineage.column.TableName;
import io.trino.spi.resourcegroups.QueryType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Which queries send events and which tables appear in them. */
public final class QueryFilter {
    private final Set<QueryType> queryTypes;
    private final List<Pattern> excluded;
    private final boolean includeSystem;

    public QueryFilter(Set<QueryType> queryTypes, List<Pattern> excluded, boolean includeSystem) {
        this.queryTypes = Set.copyOf(requireNonNull(queryTypes, "queryTypes is null"));
        this.excluded = List.copyOf(requireNonNull(excluded, "excluded is null"));
        this.includeSystem = includeSystem;
    }

    /** Whether a query of this type sends events; one whose type Trino did not tell does not. */
    public boolean admits(Optional<QueryType> type) {
        return type.isPresent() && queryTypes.contains(type.get());
    }

    /** Whether a table is left out of events: an exclude pattern's, or Trino's system catalog and metadata. */
    public boolean excludes(TableName table) {
        if (!includeSystem
                && (table.catalog().equals("system") || table.schema().equals("information_schema"))) {
            return true;
        }
        String name = table.toString();
        for (Pattern pattern : excluded) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a query that writes nothing sends no event at all: every table it reads is left out, or (unless system
     * queries are included) it reads none, as {@code SELECT 1} and a client's pings.
     */
    public boolean skips(Collection<TableName> tablesRead) {
        if (tablesRead.isEmpty()) {
            return !includeSystem;
        }
        return tablesRead.stream().allMatch(this::excludes);
    }
}
