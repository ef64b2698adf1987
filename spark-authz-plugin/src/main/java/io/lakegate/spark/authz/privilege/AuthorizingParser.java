package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.RequestContext;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.SparkAuthz;
import io.lakegate.spark.authz.identity.RequestContexts;
import io.lakegate.spark.authz.identity.SessionUser;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRegex;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UnresolvedNamedLambdaVariable;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.v2.FileDataSourceV2;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.BoxedUnit;

/**
 * Parser: authorizes, as soon as a statement is parsed, what Spark's analyzer runs before any rule of an extension
 * sees the statement. Files queried by path ({@code SELECT * FROM json.`/data/x`}) need {@code read} on their url:
 * the analyzer infers their schema from the files, so a JSON file's keys, or a CSV file's first record with
 * {@code header}, would become column names a user without the privilege sees in {@code DESCRIBE QUERY} or an
 * error. Permanent functions called with constant arguments need {@code select} on their {@code udf}: the analyzer
 * evaluates such calls where it needs a value (rows of {@code VALUES}, arguments of {@code range}, {@code LIMIT}),
 * and leaves no call in the analysed plan for {@link AuthorizeFunctionCalls} to check. What an {@code IDENTIFIER(...)}
 * clause names is built by the analyzer from the clause's string: Lakegate builds it from the string literal now, and
 * checks what it builds; a clause of anything but a string literal is refused. Views are parsed with
 * {@link #parseQuery}, and authorized as the view: they are not checked here.
 */
public final class AuthorizingParser implements ParserInterface {
    // Whether the first part of a two-part name is a file source: asked of every such name, which mostly names
    // databases, and a source lookup scans the classpath's providers.
    // Spark's ColumnResolutionHelper resolves these names, written without parentheses, to constant expressions.
    private static final Set<String> LITERAL_FUNCTIONS =
            Set.of("current_date", "current_timestamp", "current_user", "user");

    private static final Cache<String, Boolean> FILE_SOURCES =
            Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    private final SparkSession session;
    private final SparkAuthz authz;
    private final SessionUser sessionUser;
    private final ParserInterface delegate;

    public AuthorizingParser(SparkSession session, SparkAuthz authz, ParserInterface delegate) {
        this.session = requireNonNull(session, "session is null");
        this.authz = requireNonNull(authz, "authz is null");
        this.sessionUser = authz.sessionUser(session);
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
        LogicalPlan plan = delegate.parsePlan(sqlText);
        boolean filesByPath = session.sessionState().conf().runSQLonFile();
        Set<String> paths = new LinkedHashSet<>();
        Set<RangerResource> functions = new LinkedHashSet<>();
        collect(plan, filesByPath, paths, functions);
        if (paths.isEmpty() && functions.isEmpty()) {
            return plan;
        }
        String user = sessionUser.current();
        CommandContext context = new CommandContext(session, authz, () -> user);
        RequestContext request = RequestContexts.of(session, plan);
        Denials denials = new Denials(
                authz.authorizer(),
                authz.authorizer()
                        .identify(user)
                        .within(new RequestContext(request.clientAddress(), Optional.of(sqlText))));
        for (String path : paths) {
            denials.require(Commands.READ, RangerResource.url(context.location(path)));
        }
        for (RangerResource function : functions) {
            denials.require(Commands.SELECT, function);
        }
        denials.throwIfDenied();
        return plan;
    }

    // Children, subqueries, and the plans commands and CTEs hold besides children (a view's query, DESCRIBE QUERY's,
    // EXPLAIN's), and what IDENTIFIER clauses build.
    private void collect(LogicalPlan node, boolean filesByPath, Set<String> paths, Set<RangerResource> functions) {
        if (filesByPath && node instanceof UnresolvedRelation relation) {
            fileQueried(relation).ifPresent(paths::add);
        }
        if (node instanceof PlanWithUnresolvedIdentifier identified) {
            collect(
                    identified.planBuilder().apply(identifierOf(identified.identifierExpr()), identified.children()),
                    filesByPath,
                    paths,
                    functions);
        }
        for (Expression expression : JavaConverters.seqAsJavaList(node.expressions())) {
            collect(expression, filesByPath, paths, functions);
        }
        Set<LogicalPlan> next = Collections.newSetFromMap(new IdentityHashMap<>());
        next.addAll(JavaConverters.seqAsJavaList(node.children()));
        for (QueryPlan<?> inner : JavaConverters.seqAsJavaList(node.innerChildren())) {
            if (inner instanceof LogicalPlan plan) {
                next.add(plan);
            }
        }
        JavaConverters.asJavaIterator(node.productIterator()).forEachRemaining(element -> {
            if (element instanceof LogicalPlan plan) {
                next.add(plan);
            }
        });
        next.addAll(Subqueries.of(node));
        for (LogicalPlan each : next) {
            collect(each, filesByPath, paths, functions);
        }
    }

    private void collect(Expression expression, boolean filesByPath, Set<String> paths, Set<RangerResource> functions) {
        expression.foreach(each -> {
            if (each instanceof UnresolvedFunction call && isConstant(call)) {
                permanentFunction(call).ifPresent(functions::add);
            }
            if (each instanceof ExpressionWithUnresolvedIdentifier identified) {
                Expression built = identified.exprBuilder().apply(identifierOf(identified.identifierExpr()));
                collect(built, filesByPath, paths, functions);
                built.foreach(inner -> {
                    if (inner instanceof SubqueryExpression subquery) {
                        collect(subquery.plan(), filesByPath, paths, functions);
                    }
                    return BoxedUnit.UNIT;
                });
            }
            return BoxedUnit.UNIT;
        });
    }

    // The analyzer builds what the clause names from the string its expression evaluates to; from a literal, so does
    // Lakegate. Anything else (a parameter, a concatenation) names what Lakegate cannot tell before the analyzer runs.
    private Seq<String> identifierOf(Expression identifier) {
        if (identifier instanceof Literal literal
                && literal.dataType() instanceof StringType
                && literal.value() != null) {
            try {
                return delegate.parseMultipartIdentifier(literal.value().toString());
            } catch (ParseException e) {
                throw new AccessControlException("Permission denied: IDENTIFIER(" + identifier.sql() + ") names"
                        + " nothing Lakegate can read: " + e.getMessage());
            }
        }
        throw new AccessControlException("Permission denied: user [" + sessionUser.current() + "] may not use"
                + " IDENTIFIER(" + identifier.sql() + "): Lakegate authorizes what an IDENTIFIER clause names before"
                + " Spark's analyzer builds it, which it can only from a string literal");
    }

    // Only a call of constants can be folded, so evaluated by the analyzer: one that reads a column, a subquery or a
    // lambda's variable is evaluated when the statement runs, after AuthorizeFunctionCalls checked it. An unresolved
    // name may also be one of Spark's literal functions (current_date, ...), which are constants.
    private static boolean isConstant(UnresolvedFunction call) {
        return call.find(each -> each instanceof UnresolvedAttribute attribute && !isLiteralFunction(attribute)
                        || each instanceof UnresolvedStar
                        || each instanceof UnresolvedRegex
                        || each instanceof UnresolvedNamedLambdaVariable
                        || each instanceof SubqueryExpression)
                .isEmpty();
    }

    private static boolean isLiteralFunction(UnresolvedAttribute attribute) {
        return attribute.nameParts().size() == 1
                && LITERAL_FUNCTIONS.contains(attribute.name().toLowerCase(Locale.ROOT));
    }

    // As Spark resolves a function name: an unqualified name neither built in nor registered by the session is a
    // permanent function of the current database, when the current catalog is the session catalog, and so is
    // spark_catalog.f whatever the current catalog; a name in another catalog is that catalog's function, with no
    // Ranger resource.
    private Optional<RangerResource> permanentFunction(UnresolvedFunction call) {
        List<String> parts = JavaConverters.seqAsJavaList(call.nameParts());
        SessionCatalog catalog = session.sessionState().catalog();
        boolean inSessionCatalog = isSessionCatalog(
                session.sessionState().catalogManager().currentCatalog().name());
        if (parts.size() == 1) {
            return inSessionCatalog && !catalog.isRegisteredFunction(FunctionIdentifier.apply(parts.get(0)))
                    ? Optional.of(RangerResource.udf(catalog.getCurrentDatabase(), parts.get(0)))
                    : Optional.empty();
        }
        if (parts.size() == 2 && isSessionCatalog(parts.get(0))) {
            return Optional.of(RangerResource.udf(catalog.getCurrentDatabase(), parts.get(1)));
        }
        if (parts.size() == 2 && inSessionCatalog || parts.size() == 3 && isSessionCatalog(parts.get(0))) {
            return Optional.of(RangerResource.udf(parts.get(parts.size() - 2), parts.get(parts.size() - 1)));
        }
        return Optional.empty();
    }

    private static boolean isSessionCatalog(String name) {
        return CatalogManager.SESSION_CATALOG_NAME().equalsIgnoreCase(name);
    }

    // As Spark's ResolveSQLOnFile reads a relation: a two-part name whose first part is a file source.
    private Optional<String> fileQueried(UnresolvedRelation relation) {
        List<String> parts = JavaConverters.seqAsJavaList(relation.multipartIdentifier());
        if (parts.size() != 2 || !isFileSource(parts.get(0))) {
            return Optional.empty();
        }
        TableIdentifier asTable = TableIdentifier.apply(parts.get(1), scala.Option.apply(parts.get(0)));
        return session.sessionState().catalog().tableExists(asTable) ? Optional.empty() : Optional.of(parts.get(1));
    }

    private boolean isFileSource(String name) {
        return FILE_SOURCES.get(name, unused -> {
            try {
                Class<?> source =
                        DataSource.lookupDataSource(name, session.sessionState().conf());
                return FileFormat.class.isAssignableFrom(source) || FileDataSourceV2.class.isAssignableFrom(source);
            } catch (Exception | LinkageError e) {
                return false;
            }
        });
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
        return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
        return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
        return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
        return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
        return delegate.parseQuery(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
        return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
        return delegate.parseDataType(sqlText);
    }
}
