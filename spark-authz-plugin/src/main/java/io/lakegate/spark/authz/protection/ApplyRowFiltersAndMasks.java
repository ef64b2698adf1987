package io.lakegate.spark.authz.protection;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.RowFilter;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.ranger.mask.MaskSpecs;
import io.lakegate.ranger.mask.UnsupportedMaskException;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.SparkAuthz;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.identity.RequestContexts;
import io.lakegate.spark.authz.identity.SessionUser;
import io.lakegate.spark.authz.marker.RangerNodes;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import io.lakegate.spark.authz.marker.ReaderTag;
import io.lakegate.spark.authz.plan.Subqueries;
import io.lakegate.spark.authz.privilege.RowLevelChanges;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractPartialFunction;

/**
 * Analyzer rule: directly on top of every scan of a protected table, wherever it appears (joins, self-joins,
 * views, CTEs, subqueries, the query of a write), and on top of every permanent view, puts the user's Ranger row
 * filter and then the column masks, below anything the user wrote. Masked columns get new attributes and every reference above is moved to them,
 * so no optimization can reach the unmasked value. All of it sits under a {@link ReaderScanMarker} (a
 * {@link ReaderTag} once authorized), so that no other user's cached data stands in for it. Subquery plans are analysed on their own, and so get this rule too.
 */
public final class ApplyRowFiltersAndMasks extends Rule<LogicalPlan> {
    private final SparkSession session;
    private final RangerAuthorizer authorizer;
    private final SessionUser sessionUser;
    private final PolicyExpressionTemplates templates;
    // Parsing and analysing is most of what the rule costs, and a scan's row filter and masks are the same for every
    // query until the policies or the table change. The session's settings at first use decide, so a later SET
    // cannot reinterpret a policy. Upkeep on the calling thread, as in ranger-core's DecisionCache.
    private final Cache<ScanKey, ScanPolicies> scanPolicies =
            Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();

    public ApplyRowFiltersAndMasks(SparkSession session, SparkAuthz authz) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = authz.authorizer();
        this.sessionUser = authz.sessionUser(session);
        this.templates = new PolicyExpressionTemplates(session);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        // The table an UPDATE, DELETE or MERGE changes is not read through the user's view of it: Spark's rewrite
        // of the command needs the bare relation. Authorization refuses such a change where filters or masks apply.
        Set<LogicalPlan> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        RowLevelChanges.targetOf(plan).ifPresent(targets::add);
        // The analyzer runs the rule on every iteration, mostly over plans with nothing left to protect: a walk
        // costs far less than rebuilding the plan.
        Supplier<String> user = sessionUser.deferred();
        Identity identity = new Identity(user, plan);
        long version = authorizer.policyVersion();
        Work work = new Work();
        findWork(plan, targets, user, version, work);
        LogicalPlan current = work.stale ? underCurrentPolicies(plan, user, version, identity) : plan;
        if (!work.unprotected) {
            return current;
        }
        return current.transformUpWithNewOutput(
                new AbstractPartialFunction<LogicalPlan, Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>>>() {
                    @Override
                    public boolean isDefinedAt(LogicalPlan node) {
                        return !targets.contains(node)
                                && CatalogTables.protectedBy(node).isPresent();
                    }

                    @Override
                    public Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> apply(LogicalPlan scan) {
                        return protect(scan, CatalogTables.protectedBy(scan).orElseThrow(), identity.get(), version);
                    }
                },
                node -> node instanceof ReaderScanMarker || ReaderTag.tags(node),
                // A masking projection may be unresolved until the next analyzer pass; its attributes are known.
                node -> false);
    }

    /** What a plan needs: scans to protect, scans protected under older policies. */
    private static final class Work {
        private boolean unprotected;
        private boolean stale;
    }

    // Subqueries too: those of a DataFrame analysed earlier are not analysed again.
    private static void findWork(
            LogicalPlan node, Set<LogicalPlan> targets, Supplier<String> user, long version, Work work) {
        if (node instanceof ReaderScanMarker marker) {
            work.stale |= ProtectionChanges.isStale(marker.reader(), marker.policyVersion(), user.get(), version);
            return;
        }
        if (ReaderTag.tags(node)) {
            work.stale |=
                    ProtectionChanges.isStale(tagOf(node).reader(), tagOf(node).policyVersion(), user.get(), version);
            return;
        }
        if (!targets.contains(node) && CatalogTables.protectedBy(node).isPresent()) {
            work.unprotected = true;
            return;
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            findWork(child, targets, user, version, work);
        }
        for (LogicalPlan subquery : Subqueries.of(node)) {
            findWork(subquery, targets, user, version, work);
        }
    }

    // A DataFrame outlives policy changes. Where Ranger still decides the same row filter and masks for a scan, the
    // scan moves to the current version (so that it matches data cached under it); where it decides otherwise, the
    // plan holds what the user may no longer see, or not what they now may, and is refused.
    private LogicalPlan underCurrentPolicies(LogicalPlan plan, Supplier<String> user, long version, Identity identity) {
        return plan.transformUpWithSubqueries(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                if (node instanceof ReaderScanMarker marker) {
                    return ProtectionChanges.isStale(marker.reader(), marker.policyVersion(), user.get(), version);
                }
                return ReaderTag.tags(node)
                        && ProtectionChanges.isStale(
                                tagOf(node).reader(), tagOf(node).policyVersion(), user.get(), version);
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                if (node instanceof ReaderScanMarker marker) {
                    ProtectionChanges.refuseIfChanged(
                            authorizer, marker.protection(), marker.table(), marker.child(), identity.get());
                    return marker.underVersion(version);
                }
                Filter tagged = (Filter) node;
                TableName table = CatalogTables.protectedBy(tagged.child()).orElseThrow();
                ProtectionChanges.refuseIfChanged(
                        authorizer, tagOf(tagged).protection(), table, tagged.child(), identity.get());
                return new Filter(
                        new ReaderTag(user.get(), version, tagOf(tagged).protection()), tagged.child());
            }
        });
    }

    private static ReaderTag tagOf(LogicalPlan tagged) {
        return (ReaderTag) ((Filter) tagged).condition();
    }

    private Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> protect(
            LogicalPlan scan, TableName table, UserIdentity identity, long version) {
        List<Attribute> scanColumns = List.copyOf(JavaConverters.seqAsJavaList(scan.output()));
        TableProtection protection =
                authorizer.protection(identity, table.resource(), ProtectionChanges.columnNames(scan));
        if (protection.rowFilter().isEmpty() && protection.masks().isEmpty()) {
            return Tuple2.apply(
                    new ReaderScanMarker(scan, table, identity.user(), version, protection), seq(List.of()));
        }
        ScanPolicies policies = scanPolicies.get(
                new ScanKey(table.resource(), protection, scan.schema()),
                key -> policiesFor(key.protection(), table, scanColumns));
        LogicalPlan result = scan;
        if (policies.rowFilter().isPresent()) {
            result = RangerNodes.mark(new Filter(policies.rowFilter().get().boundTo(scanColumns), scan));
        }
        List<NamedExpression> projection = new ArrayList<>();
        List<Tuple2<Attribute, Attribute>> moved = new ArrayList<>();
        for (Attribute column : scanColumns) {
            PolicyExpressionTemplates.Template mask = policies.masks().get(column.name());
            if (mask == null) {
                projection.add(column);
                continue;
            }
            ExprId id = NamedExpression.newExprId();
            projection.add(new Alias(
                    mask.boundTo(scanColumns), column.name(), id, column.qualifier(), Option.empty(), seq(List.of())));
            moved.add(Tuple2.apply(
                    column,
                    new AttributeReference(
                            column.name(), column.dataType(), true, column.metadata(), id, column.qualifier())));
        }
        if (!moved.isEmpty()) {
            result = RangerNodes.mark(new Project(seq(projection), result));
        }
        result = new ReaderScanMarker(result, table, identity.user(), version, protection);
        return Tuple2.apply(result, seq(moved));
    }

    /** Scans of one table with the same columns under the same row filter and masks share their expressions. */
    private record ScanKey(RangerResource table, TableProtection protection, StructType columns) {}

    private record ScanPolicies(
            Optional<PolicyExpressionTemplates.Template> rowFilter,
            Map<String, PolicyExpressionTemplates.Template> masks) {}

    private ScanPolicies policiesFor(TableProtection protection, TableName table, List<Attribute> scanColumns) {
        Optional<PolicyExpressionTemplates.Template> rowFilter =
                protection.rowFilter().map(filter -> templates.rowFilter(parseRowFilter(filter, table), scanColumns));
        Map<String, PolicyExpressionTemplates.Template> masks = new HashMap<>();
        for (Attribute column : scanColumns) {
            ColumnMask mask = protection.masks().get(column.name());
            if (mask != null) {
                masks.put(column.name(), templates.mask(mask.maskType(), parseMask(mask, column, table), scanColumns));
            }
        }
        return new ScanPolicies(rowFilter, Map.copyOf(masks));
    }

    // A predicate Spark cannot read must not let rows through unfiltered: the query fails instead.
    private Expression parseRowFilter(RowFilter filter, TableName table) {
        try {
            return PolicyNames.qualified(
                    session.sessionState().sqlParser().parseExpression(filter.expression()), table.database());
        } catch (ParseException e) {
            throw new AccessControlException("Row filter of Ranger policy " + filter.policyId() + " on ["
                    + table.resource().path()
                    + "] is not valid Spark SQL: [" + filter.expression() + "]: " + e.getMessage());
        }
    }

    // A mask Spark cannot apply must not show the value: the query fails instead.
    private Expression parseMask(ColumnMask mask, Attribute column, TableName table) {
        RangerResource resource = table.column(column.name());
        String sql;
        try {
            sql = SparkMasks.sql(MaskSpecs.of(mask), quote(column.name()), column.dataType(), mask.condition());
        } catch (UnsupportedMaskException e) {
            throw new AccessControlException("Mask of [" + resource.path() + "]: " + e.getMessage());
        }
        try {
            return PolicyNames.qualified(session.sessionState().sqlParser().parseExpression(sql), table.database());
        } catch (ParseException e) {
            throw new AccessControlException("Mask " + mask.maskType() + " of Ranger policy " + mask.policyId()
                    + " on [" + resource.path() + "] is not valid Spark SQL: [" + sql + "]: " + e.getMessage());
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static <T> Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }

    /** The current user, looked up once per rule run and only if some table is scanned. */
    private final class Identity {
        private final Supplier<String> user;
        private final LogicalPlan plan;
        private UserIdentity identity;

        Identity(Supplier<String> user, LogicalPlan plan) {
            this.user = user;
            this.plan = plan;
        }

        UserIdentity get() {
            if (identity == null) {
                identity = authorizer.identify(user.get()).within(RequestContexts.of(session, plan));
            }
            return identity;
        }
    }
}
