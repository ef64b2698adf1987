package io.lakegate.sandbox.tour;

import static java.util.Objects.requireNonNull;

import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.jdbc.HiveJdbc;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.trino.TrinoClient;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy set, whichever engine: the tour's queries again, through Trino, as the same users, with the same rows,
 * masked values and denial as through Spark, and each compared with what Spark answers.
 */
public final class TrinoTour {
    private static final String ORDERS_BY_REGION = "SELECT region, count(*) AS orders, sum(amount) AS total"
            + " FROM sales.orders GROUP BY region ORDER BY region";
    private static final String CUSTOMERS =
            "SELECT customer_id, name, email, phone, country FROM sales.customers ORDER BY customer_id LIMIT 4";

    private final SandboxContext context;
    private final TrinoClient trino;
    private final HiveJdbc spark;

    public TrinoTour(SandboxContext context, TrinoClient trino, HiveJdbc spark) {
        this.context = requireNonNull(context, "context is null");
        this.trino = requireNonNull(trino, "trino is null");
        this.spark = requireNonNull(spark, "spark is null");
    }

    public void run(PrintStream out) throws Exception {
        DemoAccount alice = context.directory().account("alice");
        DemoAccount mallory = context.directory().account("mallory");
        out.println();
        out.println("== The same policies in Trino, through " + context.trinoUrl() + " (catalog hive) ==");

        out.println();
        out.println("T1. alice runs the tour's queries in Trino: the same filter, the same masks");
        for (String sql : List.of(ORDERS_BY_REGION, CUSTOMERS)) {
            List<List<String>> inTrino = table(trino.query(alice.user(), alice.password(), "hive", sql));
            out.println("   " + sql);
            out.print(Tables.format(inTrino, "   "));
            List<List<String>> inSpark;
            try (Connection connection = spark.connect(alice.user(), alice.password())) {
                inSpark = HiveJdbc.query(connection, sql);
            }
            // Column names aside (Spark and Trino name an aggregate alike here, but case may differ).
            boolean same = inTrino.subList(1, inTrino.size()).equals(inSpark.subList(1, inSpark.size()));
            out.println("   -> "
                    + (same
                            ? "the same rows as Spark's for alice"
                            : "NOT the rows Spark gives alice: " + inSpark.subList(1, inSpark.size())));
        }

        out.println();
        out.println("T2. mallory (contractors) in Trino: denied as in Spark, in Trino's words");
        out.println("   SELECT * FROM sales.orders");
        try {
            trino.query(mallory.user(), mallory.password(), "hive", "SELECT * FROM sales.orders");
            throw new IllegalStateException("mallory read sales.orders in Trino: the policies did not apply");
        } catch (TrinoClient.QueryFailed denied) {
            out.println("   -> " + denied.getMessage());
        }
        out.println();
        out.println("Try it: trino --server " + context.trinoUrl() + " --user alice --password --insecure"
                + " --catalog hive (password alice-pw)");
    }

    private static List<List<String>> table(TrinoClient.Result result) {
        List<List<String>> table = new ArrayList<>();
        table.add(result.columns());
        table.addAll(result.rows());
        return table;
    }
}
