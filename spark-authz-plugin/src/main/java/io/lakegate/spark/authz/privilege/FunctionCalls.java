package io.lakegate.spark.authz.privilege;

import io.lakegate.ranger.RangerResource;
import io.lakegate.spark.authz.SparkAuthzConfig;
import io.lakegate.spark.authz.marker.PermanentViewMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import scala.Product;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;

/**
 * The code a plan runs that needs a privilege of its own, outside permanent views (a view is authorized as the view,
 * what it calls included): permanent functions, as Ranger's Hive {@code udf} resources (Spark names the expression
 * of a catalog function by its qualified name, {@code spark_catalog.db.f}, a temporary or built-in one by its bare
 * name, which needs no privilege to call); built-in functions, and functions of Hive classes, that call JVM methods
 * or read files of the user's choosing ({@code reflect}, {@code java_method}, Hive's {@code GenericUDFReflect}:
 * the operator's list); and scripts ({@code SELECT TRANSFORM(...) USING}).
 */
record FunctionCalls(List<RangerResource> functions, Set<String> privileged, boolean scripts) {
    static FunctionCalls of(LogicalPlan plan, SparkAuthzConfig config) {
        Set<RangerResource> functions = new LinkedHashSet<>();
        Set<String> privileged = new TreeSet<>();
        boolean[] scripts = {false};
        collect(plan, config, functions, privileged, scripts);
        return new FunctionCalls(new ArrayList<>(functions), privileged, scripts[0]);
    }

    boolean any() {
        return !functions.isEmpty() || !privileged.isEmpty() || scripts;
    }

    /**
     * Asks Ranger for all of it: {@code select} on each function, and {@code tempudfadmin} on {@code global} for
     * scripts and privileged built-ins, which are code of the user's choosing run with the engine's rights.
     */
    void require(Denials denials) {
        if ((scripts || !privileged.isEmpty()) && !denials.require(Commands.TEMPUDFADMIN, RangerResource.global())) {
            if (!privileged.isEmpty()) {
                denials.note("tempudfadmin is needed to call " + privileged);
            }
            if (scripts) {
                denials.note("tempudfadmin is needed to run a TRANSFORM script");
            }
        }
        for (RangerResource function : functions) {
            denials.require(Commands.SELECT, function);
        }
    }

    // A Hive function's class, which Spark keeps in the expression's HiveFunctionWrapper (its first field): a
    // permanent function may be created of a class that calls JVM methods, such as Hive's reflect.
    private static Optional<String> hiveClassOf(Expression function) {
        for (int i = 0; i < function.productArity(); i++) {
            if (function.productElement(i) instanceof Product wrapper
                    && wrapper.productPrefix().equals("HiveFunctionWrapper")
                    && wrapper.productElement(0) instanceof String className) {
                return Optional.of(className);
            }
        }
        return Optional.empty();
    }

    private static void collect(
            LogicalPlan node,
            SparkAuthzConfig config,
            Set<RangerResource> functions,
            Set<String> privileged,
            boolean[] scripts) {
        if (node instanceof PermanentViewMarker) {
            return;
        }
        if (node instanceof ScriptTransformation) {
            scripts[0] = true;
        }
        boolean otherBuiltIns = config.namesOtherBuiltIns();
        for (Expression expression : JavaConverters.seqAsJavaList(node.expressions())) {
            expression.foreach(each -> {
                if (each instanceof UserDefinedExpression function) {
                    List<String> parts = List.of(function.name().split("\\."));
                    if (parts.size() >= 2) {
                        functions.add(RangerResource.udf(parts.get(parts.size() - 2), parts.get(parts.size() - 1)));
                    }
                    if (hiveClassOf(each).filter(config::isPrivilegedFunction).isPresent()) {
                        privileged.add(function.name());
                    }
                } else if (each instanceof CallMethodViaReflection
                                && (config.isPrivilegedFunction("reflect")
                                        || config.isPrivilegedFunction("java_method"))
                        || otherBuiltIns && config.isPrivilegedFunction(each.prettyName())) {
                    privileged.add(each.prettyName());
                }
                return BoxedUnit.UNIT;
            });
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            collect(child, config, functions, privileged, scripts);
        }
        for (LogicalPlan subquery : Subqueries.of(node)) {
            collect(subquery, config, functions, privileged, scripts);
        }
    }
}
