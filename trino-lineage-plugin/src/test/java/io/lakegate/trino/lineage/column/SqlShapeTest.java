package io.lakegate.trino.lineage.column;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQL side of column lineage, on statements whose answer Trino's events cannot give. */
class SqlShapeTest {
    private static final TableName T = new TableName("hive", "sales", "t");
    private static final Optional<String> CATALOG = Optional.of("hive");
    private static final Optional<String> SCHEMA = Optional.of("sales");

    @Test
    void anOrderByNameIsTheOutputColumnBeforeASourceColumn() {
        ColumnShape shape = shape("SELECT b AS a, a AS c FROM t ORDER BY a");
        // Trino sorts by the output column a, which is t.b.
        assertThat(shape.indirect()).containsExactly(Map.entry(new SourceColumn(T, "b"), Set.of(IndirectUse.SORT)));
    }

    @Test
    void groupByOrdinalsNameTheirSelectItems() {
        ColumnShape shape = shape("SELECT upper(a), sum(b) FROM t GROUP BY 1");
        assertThat(shape.indirect()).containsExactly(Map.entry(new SourceColumn(T, "a"), Set.of(IndirectUse.GROUP_BY)));
        assertThat(shape.derivation(0, "_col0")).contains(Derivation.TRANSFORMATION);
        assertThat(shape.derivation(1, "_col1")).contains(Derivation.AGGREGATION);
    }

    @Test
    void aStatementWithAWithIsNeverSkippedFromItsSqlAlone() {
        SqlShape shadowing = SqlShape.parse(
                        "SELECT * FROM customers WHERE EXISTS (WITH customers AS (SELECT 1 x) SELECT x FROM customers)",
                        10_000)
                .orElseThrow();
        assertThat(shadowing.skippable(CATALOG, SCHEMA, tables -> true)).isFalse();
        SqlShape plain =
                SqlShape.parse("SELECT * FROM system.runtime.nodes", 10_000).orElseThrow();
        assertThat(plain.skippable(CATALOG, SCHEMA, tables -> true)).isTrue();
        // An INSERT writes: it is lineage whatever it reads.
        SqlShape insert = SqlShape.parse("INSERT INTO t SELECT * FROM system.runtime.nodes", 10_000)
                .orElseThrow();
        assertThat(insert.skippable(CATALOG, SCHEMA, tables -> true)).isFalse();
    }

    @Test
    void aStatementLongerThanTheLimitOrNotSqlHasNoShape() {
        assertThat(SqlShape.parse("SELECT a FROM t", 5)).isEmpty();
        assertThat(SqlShape.parse("SELEC a FROM t", 100)).isEmpty();
    }

    @Test
    void subqueriesAreNotClassified() {
        assertThat(SqlShape.parse("SELECT x FROM (SELECT sum(a) AS x FROM t)", 1_000)
                        .orElseThrow()
                        .columns(CATALOG, SCHEMA, Map.of(T, Set.of("a")), Set.of()))
                .isEmpty();
    }

    private static ColumnShape shape(String sql) {
        return SqlShape.parse(sql, 10_000)
                .orElseThrow()
                .columns(CATALOG, SCHEMA, Map.of(T, Set.of("a", "b")), Set.of())
                .orElseThrow();
    }
}
