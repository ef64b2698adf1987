package io.lakegate.spark.authz.privilege;

import io.lakegate.ranger.RangerResource;
import io.lakegate.spark.authz.marker.PermanentViewMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;

/**
 * The permanent functions a plan calls outside permanent views, as Ranger's Hive {@code udf} resources: Spark names the expression of a
 * catalog function by its qualified name ({@code spark_catalog.db.f}), a temporary or built-in one by its bare
 * name, which needs no privilege to call.
 */
public final class FunctionCalls {
    private FunctionCalls() {}

    public static List<RangerResource> of(LogicalPlan plan) {
        Set<RangerResource> functions = new LinkedHashSet<>();
        collect(plan, functions);
        return new ArrayList<>(functions);
    }

    /** Whether the plan runs a script ({@code SELECT TRANSFORM(...) USING 'command'}) on the engine's hosts. */
    public static boolean runsScripts(LogicalPlan plan) {
        return Subqueries.anyNode(plan, node -> node instanceof ScriptTransformation);
    }

    private static void collect(LogicalPlan node, Set<RangerResource> functions) {
        // A permanent view is authorized as the view, what it calls included.
        if (node instanceof PermanentViewMarker) {
            return;
        }
        for (Expression expression : JavaConverters.seqAsJavaList(node.expressions())) {
            expression.foreach(each -> {
                if (each instanceof UserDefinedExpression function) {
                    List<String> parts = nameParts(function.name());
                    if (parts.size() >= 2) {
                        functions.add(RangerResource.udf(parts.get(parts.size() - 2), parts.get(parts.size() - 1)));
                    }
                }
                return BoxedUnit.UNIT;
            });
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            collect(child, functions);
        }
        for (LogicalPlan subquery : Subqueries.of(node)) {
            collect(subquery, functions);
        }
    }

    // As FunctionIdentifier.unquotedString joins them.
    private static List<String> nameParts(String name) {
        return List.of(name.split("\\."));
    }
}
