package io.lakegate.trino.lineage.column;

import static java.util.Objects.requireNonNull;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.DataType;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.GroupingElement;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Insert;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinOn;
import io.trino.sql.tree.JoinUsing;
import io.trino.sql.tree.LambdaExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.OrderBy;
import io.trino.sql.tree.QualifiedName;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.SelectItem;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.SortItem;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.WindowSpecification;
import io.trino.sql.tree.With;
import io.trino.sql.tree.WithQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What Trino 483's events do not say about a statement, read from its SQL with Trino's own parser: the tables it
 * names (to leave out metadata queries before they ran), and, for a single {@code SELECT ... FROM} of tables and joins
 * (directly, or under {@code INSERT} or {@code CREATE TABLE AS}), how each output column derives from its sources and
 * which columns filter, join, group, sort or partition it. Anything else (subqueries, {@code WITH}, set operations,
 * views) is not classified: the answer is empty, never a guess.
 */
public final class SqlShape {
    /** Trino's aggregate functions (a user's own aggregate is taken for a scalar function: a transformation). */
    private static final Set<String> AGGREGATES = Set.of(
            "approx_distinct",
            "approx_most_frequent",
            "approx_percentile",
            "approx_set",
            "arbitrary",
            "any_value",
            "array_agg",
            "avg",
            "bitwise_and_agg",
            "bitwise_or_agg",
            "bitwise_xor_agg",
            "bool_and",
            "bool_or",
            "checksum",
            "corr",
            "count",
            "count_if",
            "covar_pop",
            "covar_samp",
            "every",
            "geometric_mean",
            "histogram",
            "kurtosis",
            "listagg",
            "map_agg",
            "map_union",
            "max",
            "max_by",
            "merge",
            "min",
            "min_by",
            "multimap_agg",
            "numeric_histogram",
            "qdigest_agg",
            "reduce_agg",
            "regr_intercept",
            "regr_slope",
            "set_agg",
            "set_union",
            "skewness",
            "stddev",
            "stddev_pop",
            "stddev_samp",
            "sum",
            "tdigest_agg",
            "var_pop",
            "var_samp",
            "variance");

    private final Statement statement;
    private final Set<String> withNames;

    private SqlShape(Statement statement) {
        this.statement = statement;
        Set<String> names = new HashSet<>();
        collectWithNames(statement, names);
        this.withNames = Set.copyOf(names);
    }

    /**
     * The statement's shape; empty when it is longer than {@code maxLength} or Trino's parser does not take it (the
     * query fails for the same reason).
     */
    public static Optional<SqlShape> parse(String sql, int maxLength) {
        requireNonNull(sql, "sql is null");
        if (sql.length() > maxLength) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SqlShape(new SqlParser().createStatement(sql)));
        } catch (ParsingException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Whether it is a query ({@code SELECT}, {@code TABLE}, {@code VALUES}, ...) that writes nothing. */
    public boolean isQuery() {
        return statement instanceof Query;
    }

    /**
     * Whether, from its SQL alone, it is a query that sends no event ({@code skips} says so of the tables it names).
     * Never for a statement with a {@code WITH}: a name it defines may hide a table of the same name elsewhere.
     */
    public boolean skippable(
            Optional<String> catalog, Optional<String> schema, Predicate<Collection<TableName>> skips) {
        return isQuery() && withNames.isEmpty() && skips.test(tables(catalog, schema));
    }

    /** Every table or view it names, resolved against the session's catalog and schema where it names none. */
    public Set<TableName> tables(Optional<String> catalog, Optional<String> schema) {
        Set<TableName> tables = new HashSet<>();
        collectTables(statement, catalog, schema, tables);
        return tables;
    }

    /**
     * How its output columns derive from the tables it reads; empty unless it is one {@code SELECT ... FROM} of
     * tables, aliased tables and joins, none of them a view.
     *
     * @param inputColumns the columns Trino says it read of each table
     * @param views the tables that are views
     */
    public Optional<ColumnShape> columns(
            Optional<String> catalog,
            Optional<String> schema,
            Map<TableName, Set<String>> inputColumns,
            Set<TableName> views) {
        Query query;
        Optional<List<String>> targetColumns = Optional.empty();
        if (statement instanceof Query statementQuery) {
            query = statementQuery;
        } else if (statement instanceof Insert insert) {
            query = insert.getQuery();
            targetColumns = insert.getColumns().map(SqlShape::names);
        } else if (statement instanceof CreateTableAsSelect create) {
            query = create.getQuery();
            targetColumns = create.getColumnAliases().map(SqlShape::names);
        } else {
            return Optional.empty();
        }
        if (query.getWith().isPresent() || !(query.getQueryBody() instanceof QuerySpecification specification)) {
            return Optional.empty();
        }
        List<Source> sources = new ArrayList<>();
        List<Join> joins = new ArrayList<>();
        if (specification.getFrom().isEmpty()
                || !collectSources(specification.getFrom().get(), catalog, schema, sources, joins)
                || sources.stream().anyMatch(source -> views.contains(source.table()))) {
            return Optional.empty();
        }
        Resolver resolver =
                new Resolver(sources, inputColumns, specification.getSelect().getSelectItems());
        List<Derivation> derivations = new ArrayList<>();
        List<SelectItem> items = specification.getSelect().getSelectItems();
        boolean star = false;
        for (SelectItem item : items) {
            if (item instanceof SingleColumn column) {
                derivations.add(derivation(column.getExpression()));
            } else if (item instanceof AllColumns all
                    && items.size() == 1
                    && all.getTarget().isEmpty()) {
                star = true;
            } else {
                return Optional.empty();
            }
        }

        Map<SourceColumn, Set<IndirectUse>> indirect = new LinkedHashMap<>();
        specification.getWhere().ifPresent(where -> resolver.uses(where, IndirectUse.FILTER, indirect));
        specification.getHaving().ifPresent(having -> resolver.uses(having, IndirectUse.FILTER, indirect));
        for (Join join : joins) {
            if (join.getCriteria().orElse(null) instanceof JoinOn on) {
                resolver.uses(on.getExpression(), IndirectUse.JOIN, indirect);
            } else if (join.getCriteria().orElse(null) instanceof JoinUsing using) {
                for (Identifier column : using.getColumns()) {
                    resolver.usingColumn(column.getValue(), indirect);
                }
            }
        }
        specification.getGroupBy().ifPresent(groupBy -> {
            for (GroupingElement element : groupBy.getGroupingElements()) {
                for (Expression expression : element.getExpressions()) {
                    resolver.uses(resolver.ordinal(expression).orElse(expression), IndirectUse.GROUP_BY, indirect);
                }
            }
        });
        specification.getOrderBy().ifPresent(orderBy -> resolver.sortUses(orderBy, IndirectUse.SORT, indirect));
        query.getOrderBy().ifPresent(orderBy -> resolver.sortUses(orderBy, IndirectUse.SORT, indirect));
        for (SelectItem item : items) {
            windows(item, window -> {
                window.getPartitionBy().forEach(e -> resolver.uses(e, IndirectUse.WINDOW, indirect));
                window.getOrderBy().ifPresent(orderBy -> resolver.sortUses(orderBy, IndirectUse.WINDOW, indirect));
                return null;
            });
        }
        specification.getWindows().forEach(definition -> {
            definition.getWindow().getPartitionBy().forEach(e -> resolver.uses(e, IndirectUse.WINDOW, indirect));
            definition
                    .getWindow()
                    .getOrderBy()
                    .ifPresent(orderBy -> resolver.sortUses(orderBy, IndirectUse.WINDOW, indirect));
        });
        return Optional.of(new ColumnShape(star, List.copyOf(derivations), targetColumns, indirect));
    }

    private static List<String> names(List<Identifier> identifiers) {
        return identifiers.stream().map(SqlShape::name).toList();
    }

    private static String name(Identifier identifier) {
        return identifier.isDelimited()
                ? identifier.getValue()
                : identifier.getValue().toLowerCase(Locale.ROOT);
    }

    private static Derivation derivation(Expression expression) {
        if (reference(expression).isPresent()) {
            return Derivation.IDENTITY;
        }
        Counts counts = new Counts();
        count(expression, false, counts);
        if (counts.windows > 0) {
            return Derivation.TRANSFORMATION;
        }
        return counts.aggregates > 0 && counts.referencesOutside == 0
                ? Derivation.AGGREGATION
                : Derivation.TRANSFORMATION;
    }

    private static final class Counts {
        int aggregates;
        int windows;
        int referencesOutside;
    }

    private static void count(Node node, boolean inAggregate, Counts counts) {
        if (node instanceof DataType || node instanceof LambdaExpression) {
            return;
        }
        if (node instanceof SubqueryExpression) {
            // Its columns come from elsewhere: not an aggregate of this query's rows.
            counts.referencesOutside++;
            return;
        }
        if (node instanceof Expression expression && reference(expression).isPresent()) {
            if (!inAggregate) {
                counts.referencesOutside++;
            }
            return;
        }
        boolean aggregate = inAggregate;
        if (node instanceof FunctionCall call) {
            if (call.getWindow().isPresent()) {
                counts.windows++;
            } else if (AGGREGATES.contains(call.getName().getSuffix().toLowerCase(Locale.ROOT))) {
                counts.aggregates++;
                aggregate = true;
            }
        }
        for (Node child : node.getChildren()) {
            count(child, aggregate, counts);
        }
    }

    /** The column a plain reference names: {@code c}, {@code t.c}, {@code s.t.c}, {@code cat.s.t.c}. */
    private static Optional<List<String>> reference(Expression expression) {
        if (expression instanceof Identifier identifier) {
            return Optional.of(List.of(name(identifier)));
        }
        if (expression instanceof DereferenceExpression dereference) {
            QualifiedName qualified = DereferenceExpression.getQualifiedName(dereference);
            if (qualified != null) {
                return Optional.of(qualified.getOriginalParts().stream()
                        .map(SqlShape::name)
                        .toList());
            }
        }
        return Optional.empty();
    }

    private static void windows(Node node, Function<WindowSpecification, Void> action) {
        if (node instanceof FunctionCall call && call.getWindow().orElse(null) instanceof WindowSpecification window) {
            action.apply(window);
        }
        if (node instanceof SubqueryExpression) {
            return;
        }
        for (Node child : node.getChildren()) {
            windows(child, action);
        }
    }

    private record Source(TableName table, Optional<String> alias) {}

    private boolean collectSources(
            Relation relation,
            Optional<String> catalog,
            Optional<String> schema,
            List<Source> sources,
            List<Join> joins) {
        if (relation instanceof Table table) {
            Optional<TableName> name = resolve(table.getName(), catalog, schema);
            name.ifPresent(resolved -> sources.add(new Source(resolved, Optional.empty())));
            return name.isPresent();
        }
        if (relation instanceof AliasedRelation aliased
                && aliased.getRelation() instanceof Table table
                && (aliased.getColumnNames() == null || aliased.getColumnNames().isEmpty())) {
            Optional<TableName> name = resolve(table.getName(), catalog, schema);
            name.ifPresent(resolved -> sources.add(new Source(resolved, Optional.of(name(aliased.getAlias())))));
            return name.isPresent();
        }
        if (relation instanceof Join join) {
            joins.add(join);
            return collectSources(join.getLeft(), catalog, schema, sources, joins)
                    && collectSources(join.getRight(), catalog, schema, sources, joins);
        }
        return false;
    }

    private Optional<TableName> resolve(QualifiedName name, Optional<String> catalog, Optional<String> schema) {
        List<String> parts =
                name.getOriginalParts().stream().map(SqlShape::name).toList();
        if (parts.size() == 1 && withNames.contains(parts.get(0))) {
            return Optional.empty();
        }
        return switch (parts.size()) {
            case 1 -> catalog.flatMap(c -> schema.map(s -> new TableName(c, s, parts.get(0))));
            case 2 -> catalog.map(c -> new TableName(c, parts.get(0), parts.get(1)));
            case 3 -> Optional.of(new TableName(parts.get(0), parts.get(1), parts.get(2)));
            default -> Optional.empty();
        };
    }

    private void collectTables(Node node, Optional<String> catalog, Optional<String> schema, Set<TableName> tables) {
        if (node instanceof Table table) {
            resolve(table.getName(), catalog, schema).ifPresent(tables::add);
        }
        for (Node child : node.getChildren()) {
            collectTables(child, catalog, schema, tables);
        }
    }

    private static void collectWithNames(Node node, Set<String> names) {
        if (node instanceof With with) {
            for (WithQuery query : with.getQueries()) {
                names.add(name(query.getName()));
            }
        }
        for (Node child : node.getChildren()) {
            collectWithNames(child, names);
        }
    }

    /** Finds the table column a reference names among the sources of one {@code SELECT}. */
    private static final class Resolver {
        private final List<Source> sources;
        private final Map<TableName, Set<String>> inputColumns;
        private final List<SelectItem> items;

        Resolver(List<Source> sources, Map<TableName, Set<String>> inputColumns, List<SelectItem> items) {
            this.sources = sources;
            this.inputColumns = inputColumns;
            this.items = items;
        }

        void uses(Expression expression, IndirectUse use, Map<SourceColumn, Set<IndirectUse>> indirect) {
            references(expression, parts -> resolve(parts).ifPresent(column -> add(column, use, indirect)));
        }

        void sortUses(OrderBy orderBy, IndirectUse use, Map<SourceColumn, Set<IndirectUse>> indirect) {
            for (SortItem item : orderBy.getSortItems()) {
                Expression key = item.getSortKey();
                Optional<Expression> selected = selected(key);
                uses(selected.orElse(key), use, indirect);
            }
        }

        void usingColumn(String column, Map<SourceColumn, Set<IndirectUse>> indirect) {
            for (Source source : sources) {
                if (inputColumns.getOrDefault(source.table(), Set.of()).contains(column)) {
                    add(new SourceColumn(source.table(), column), IndirectUse.JOIN, indirect);
                }
            }
        }

        /** GROUP BY 1: the select item an ordinal names (a name in GROUP BY is a source column's). */
        Optional<Expression> ordinal(Expression key) {
            if (key instanceof LongLiteral ordinal) {
                int index = (int) ordinal.getParsedValue() - 1;
                if (index >= 0 && index < items.size() && items.get(index) instanceof SingleColumn column) {
                    return Optional.of(column.getExpression());
                }
            }
            return Optional.empty();
        }

        // ORDER BY 2, ORDER BY alias: the select item it names. Trino resolves an ORDER BY name against the output
        // columns first, so an alias wins over a source column of the same name.
        private Optional<Expression> selected(Expression key) {
            if (key instanceof LongLiteral ordinal) {
                int index = (int) ordinal.getParsedValue() - 1;
                if (index >= 0 && index < items.size() && items.get(index) instanceof SingleColumn column) {
                    return Optional.of(column.getExpression());
                }
            }
            if (key instanceof Identifier identifier) {
                for (SelectItem item : items) {
                    if (item instanceof SingleColumn column
                            && column.getAlias().map(SqlShape::name).equals(Optional.of(name(identifier)))) {
                        return Optional.of(column.getExpression());
                    }
                }
            }
            return Optional.empty();
        }

        private static void add(SourceColumn column, IndirectUse use, Map<SourceColumn, Set<IndirectUse>> indirect) {
            indirect.computeIfAbsent(column, ignored -> EnumSet.noneOf(IndirectUse.class))
                    .add(use);
        }

        private static void references(Node node, java.util.function.Consumer<List<String>> found) {
            if (node instanceof DataType || node instanceof LambdaExpression || node instanceof SubqueryExpression) {
                return;
            }
            if (node instanceof Expression expression) {
                Optional<List<String>> reference = reference(expression);
                if (reference.isPresent()) {
                    found.accept(reference.get());
                    return;
                }
            }
            for (Node child : node.getChildren()) {
                references(child, found);
            }
        }

        private Optional<SourceColumn> resolve(List<String> parts) {
            String column = parts.get(parts.size() - 1);
            List<String> qualifier = parts.subList(0, parts.size() - 1);
            SourceColumn found = null;
            for (Source source : sources) {
                if (!matches(source, qualifier)
                        || !inputColumns.getOrDefault(source.table(), Set.of()).contains(column)) {
                    continue;
                }
                if (found != null) {
                    // Ambiguous: Trino would have refused the query; nothing to say.
                    return Optional.empty();
                }
                found = new SourceColumn(source.table(), column);
            }
            return Optional.ofNullable(found);
        }

        private static boolean matches(Source source, List<String> qualifier) {
            if (qualifier.isEmpty()) {
                return true;
            }
            if (source.alias().isPresent()) {
                return qualifier.size() == 1
                        && qualifier.get(0).equals(source.alias().get());
            }
            TableName table = source.table();
            List<String> full = List.of(table.catalog(), table.schema(), table.table());
            return qualifier.size() <= 3
                    && full.subList(3 - qualifier.size(), 3).equals(qualifier);
        }
    }
}
