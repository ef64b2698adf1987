package io.lakegate.spark.authz.protection;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.Block;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.EmptyBlock$;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.collection.immutable.Map$;
import scala.runtime.AbstractPartialFunction;

/**
 * A Ranger column mask as one expression node: its children are the columns the mask reads, its {@code body} is
 * the mask over {@link BoundReference}s to them, hidden from the optimizer. Spark's optimizer rules walk every
 * expression of a plan on every iteration, and a mask's expression (a CASE over substrings, a regular expression,
 * a cast) is copied wherever Spark inlines the masked column: as one node it costs them one node. It computes
 * exactly what the body computes, interpreted or in generated code. Only masks that need nothing from the optimizer
 * become one (see {@link PolicyExpressionTemplates}): deterministic, stateless, evaluable as analysed.
 */
public final class MaskedValue extends Expression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Seq<Expression> inputs;
    private final Expression body;
    private final String maskType;
    private final Expression[] inputArray;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public MaskedValue(Seq<Expression> inputs, Expression body, String maskType) {
        this.inputs = requireNonNull(inputs, "inputs is null");
        this.body = requireNonNull(body, "body is null");
        this.maskType = requireNonNull(maskType, "maskType is null");
        this.inputArray = JavaConverters.seqAsJavaList(inputs).toArray(Expression[]::new);
    }

    public static MaskedValue of(List<? extends Expression> inputs, Expression body, String maskType) {
        return new MaskedValue(
                JavaConverters.asScalaBuffer(List.<Expression>copyOf(inputs)).toList(), body, maskType);
    }

    @Override
    public Seq<Expression> children() {
        return inputs;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return new MaskedValue(newChildren.toList(), body, maskType);
    }

    @Override
    public DataType dataType() {
        return body.dataType();
    }

    @Override
    public boolean nullable() {
        return body.nullable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object[] values = new Object[inputArray.length];
        for (int i = 0; i < inputArray.length; i++) {
            values[i] = inputArray[i].eval(input);
        }
        return body.eval(new GenericInternalRow(values));
    }

    // The body reads its inputs through the bound references, which take the inputs' generated values from the
    // context's current variables. Common subexpressions found in the enclosing operator are set aside meanwhile:
    // bound to that operator's input row, they would look like the body's own subexpressions but mean other values.
    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        Block code = EmptyBlock$.MODULE$;
        ExprCode[] values = new ExprCode[inputArray.length];
        for (int i = 0; i < inputArray.length; i++) {
            ExprCode input = inputArray[i].genCode(ctx);
            code = code.$plus(input.code());
            values[i] = ExprCode.apply(input.isNull(), input.value());
        }
        Seq<ExprCode> outerVariables = ctx.currentVars();
        var outerSubexpressions = ctx.subExprEliminationExprs();
        ExprCode result;
        try {
            ctx.currentVars_$eq(JavaConverters.asScalaBuffer(List.of(values)).toSeq());
            ctx.subExprEliminationExprs_$eq(Map$.MODULE$.empty());
            result = body.genCode(ctx);
        } finally {
            ctx.currentVars_$eq(outerVariables);
            ctx.subExprEliminationExprs_$eq(outerSubexpressions);
        }
        return new ExprCode(code.$plus(result.code()), result.isNull(), result.value());
    }

    @Override
    public String prettyName() {
        return "ranger_mask";
    }

    // What EXPLAIN shows: the mask as it computes, over the columns it reads.
    @Override
    public String toString() {
        return prettyName() + "(" + maskType + ", " + bodyOverInputs() + ")";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + maskType + ", " + bodyOverInputs().sql() + ")";
    }

    private Expression bodyOverInputs() {
        return body.transform(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression node) {
                return node instanceof BoundReference;
            }

            @Override
            public Expression apply(Expression node) {
                return inputArray[((BoundReference) node).ordinal()];
            }
        });
    }

    @Override
    public int productArity() {
        return 3;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> inputs;
            case 1 -> body;
            case 2 -> maskType;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof MaskedValue;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MaskedValue that
                && inputs.equals(that.inputs)
                && body.equals(that.body)
                && maskType.equals(that.maskType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, body, maskType);
    }
}
