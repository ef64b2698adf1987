package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import io.trino.spi.eventlistener.ColumnLineageInfo;
import io.trino.spi.eventlistener.QueryCompletedEvent;
import io.trino.spi.eventlistener.QueryContext;
import io.trino.spi.eventlistener.QueryFailureInfo;
import io.trino.spi.eventlistener.QueryIOMetadata;
import io.trino.spi.eventlistener.TableInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a run event needs of a completed query, taken on Trino's thread by reference (no copying): the event itself
 * also holds the query's plans and statistics, which a queued event must not keep alive.
 */
public record CompletedQuery(
        String queryId,
        String sql,
        Optional<String> preparedSql,
        String state,
        Optional<String> updateType,
        List<TableInfo> tables,
        QueryContext context,
        QueryIOMetadata io,
        Optional<List<ColumnLineageInfo>> selectLineage,
        Optional<QueryFailureInfo> failure,
        long writtenRows,
        long writtenBytes,
        Instant created,
        Instant ended) {
    public CompletedQuery {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(preparedSql, "preparedSql is null");
        requireNonNull(state, "state is null");
        requireNonNull(updateType, "updateType is null");
        requireNonNull(tables, "tables is null");
        requireNonNull(context, "context is null");
        requireNonNull(io, "io is null");
        requireNonNull(selectLineage, "selectLineage is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(created, "created is null");
        requireNonNull(ended, "ended is null");
    }

    /** What to read the statement's shape from: an {@code EXECUTE}'s prepared statement, else the query itself. */
    public String parsedSql() {
        return preparedSql.orElse(sql);
    }

    public static CompletedQuery of(QueryCompletedEvent event) {
        return new CompletedQuery(
                event.getMetadata().getQueryId(),
                event.getMetadata().getQuery(),
                event.getMetadata().getPreparedQuery(),
                event.getMetadata().getQueryState(),
                event.getMetadata().getUpdateType(),
                event.getMetadata().getTables(),
                event.getContext(),
                event.getIoMetadata(),
                event.getSelectColumnsLineageInfo(),
                event.getFailureInfo(),
                event.getStatistics().getWrittenRows(),
                event.getStatistics().getWrittenBytes(),
                event.getCreateTime(),
                event.getEndTime());
    }
}
