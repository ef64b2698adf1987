package io.lakegate.trino.ranger;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.conditionalMask;
import static io.lakegate.policyserver.HivePolicies.customMask;
import static io.lakegate.policyserver.HivePolicies.hiveService;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.udf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.conformance.Conformance;
import io.trino.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The users, Hive-service policies and tables the Trino tests run on: admin may do anything; analysts (alice) read
 * sales with EU orders only and customers' email hashed and phone all but its last four characters masked, and may
 * create in scratch; engineers (bob) read and write sales and create in analytics; auditors (carol) read hr only;
 * contractors (mallory) nothing.
 */
final class Fixture {
    /** Trino's group provider: what the coordinator knows of each user's groups (a view owner's, too). */
    static final Map<String, Set<String>> GROUPS = Map.of(
            "admin", Set.of(),
            "alice", Set.of("analysts"),
            "bob", Set.of("engineers"),
            "carol", Set.of("auditors"),
            "mallory", Set.of("contractors"),
            "erin", Set.of("engineers"),
            "kate", Set.of(),
            "gina", Set.of(),
            "ivan", Set.of(),
            "judy", Set.of());

    static final Session ADMIN = TrinoWithRanger.session("admin");
    static final Session ALICE = TrinoWithRanger.session("alice");
    static final Session BOB = TrinoWithRanger.session("bob");
    static final Session CAROL = TrinoWithRanger.session("carol");
    static final Session MALLORY = TrinoWithRanger.session("mallory");
    static final Session ERIN = TrinoWithRanger.session("erin");
    static final Session KATE = TrinoWithRanger.session("kate");
    static final Session IVAN = TrinoWithRanger.session("ivan");
    static final Session JUDY = TrinoWithRanger.session("judy");

    private Fixture() {}

    /** The Trino tests' policies and the conformance fixture's. */
    static ObjectNode[] policies() {
        List<ObjectNode> policies = new ArrayList<>(List.of(trinoPolicies()));
        policies.addAll(List.of(Conformance.policies()));
        return policies.toArray(ObjectNode[]::new);
    }

    private static ObjectNode[] trinoPolicies() {
        return new ObjectNode[] {
            access(1, "*", "*", "*", "all", List.of("admin"), List.of()),
            hiveService(2, "serviceadmin", List.of("admin")),
            access(3, "sales", "*", "*", "select", List.of(), List.of("analysts", "engineers")),
            access(4, "sales", "*", "*", "update", List.of(), List.of("engineers")),
            access(5, "analytics", "*", "*", "all", List.of(), List.of("engineers")),
            access(6, "scratch", "*", "*", "all", List.of(), List.of("analysts")),
            access(7, "hr", "*", "*", "select", List.of(), List.of("auditors")),
            access(8, "sales", "*", "*", "create", List.of(), List.of("analysts")),
            // Every function of every database, as operators grant them; a connector's own are not among them.
            udf(9, "*", "*", "select", List.of("gina")),
            rowFilter(10, "sales", "orders", List.of("alice"), "region = 'EU'"),
            rowFilter(11, "sales", "orders", List.of("erin"), "region = 'NA'"),
            mask(20, "sales", "customers", "email", List.of("alice"), "MASK_HASH"),
            mask(21, "sales", "customers", "phone", List.of("alice"), "MASK_SHOW_LAST_4"),
            // The Spark plugin's ColumnMaskTest policies and row, to show the same masked values.
            access(30, "sales", "people", "*", "select", List.of("ivan", "judy"), List.of()),
            mask(31, "sales", "people", "name", List.of("ivan"), "MASK"),
            mask(32, "sales", "people", "phone", List.of("ivan"), "MASK_SHOW_LAST_4"),
            mask(33, "sales", "people", "email", List.of("ivan"), "MASK_SHOW_FIRST_4"),
            mask(34, "sales", "people", "pin", List.of("ivan"), "MASK"),
            mask(35, "sales", "people", "score", List.of("ivan"), "MASK_SHOW_LAST_4"),
            mask(36, "sales", "people", "born", List.of("ivan"), "MASK_DATE_SHOW_YEAR"),
            mask(37, "sales", "people", "balance", List.of("ivan"), "MASK"),
            mask(38, "sales", "people", "born", List.of("judy"), "MASK"),
            customMask(39, "sales", "people", "email", List.of("judy"), "concat('***', substr({col}, 4))"),
            // A condition that is NULL for a row keeps that row masked; a backslash fails the query (HiveExpressions).
            access(40, "sales", "contacts", "*", "select", List.of("kate"), List.of()),
            conditionalMask(41, "sales", "contacts", "phone", List.of("kate"), "MASK_SHOW_LAST_4", "name <> 'Ada'"),
            customMask(42, "sales", "contacts", "note", List.of("kate"), "regexp_replace({col}, '\\\\d', 'x')"),
            access(43, "sales", "people", "*", "select", List.of("kate"), List.of()),
            rowFilter(44, "sales", "people", List.of("kate"), "name RLIKE '\\\\w+'"),
        };
    }

    static void load(TrinoWithRanger trino) {
        for (String schema : List.of("sales", "hr", "analytics", "scratch")) {
            trino.run(ADMIN, "CREATE SCHEMA lake." + schema);
        }
        // Unbounded varchar, as Hive's string columns appear in Trino (a varchar(n) column keeps masks to n
        // characters: see TrinoMasks).
        trino.run(
                ADMIN,
                "CREATE TABLE lake.sales.orders (order_id bigint, customer_id bigint, region varchar,"
                        + " amount decimal(10, 2))");
        trino.run(
                ADMIN,
                "INSERT INTO lake.sales.orders VALUES (1, 1, 'EU', 120.00), (2, 2, 'EU', 40.00), (3, 3, 'EU', 75.50),"
                        + " (4, 4, 'EU', 210.25), (5, 5, 'NA', 300.00), (6, 6, 'NA', 99.99), (7, 7, 'APAC', 15.00),"
                        + " (8, 8, 'APAC', 65.00), (9, 9, 'LATAM', 42.00), (10, 10, 'NA', 18.00)");
        trino.run(
                ADMIN,
                "CREATE TABLE lake.sales.customers (customer_id bigint, name varchar, email varchar, phone varchar,"
                        + " country varchar)");
        trino.run(
                ADMIN,
                "INSERT INTO lake.sales.customers VALUES"
                        + " (1, 'Anna Schmidt', 'anna.schmidt@example.de', '+49 30 1234 5678', 'DE'),"
                        + " (2, 'Luc Martin', 'luc.martin@example.fr', '+33 1 23 45 67 89', 'FR'),"
                        + " (3, 'Ana Garcia', 'ana.garcia@example.es', '+34 91 123 4567', 'ES'),"
                        + " (4, 'Jo Smith', 'jo@example.com', '1234', 'US')");
        trino.run(
                ADMIN,
                "CREATE TABLE lake.sales.people (name varchar, phone varchar, email varchar, pin integer,"
                        + " score bigint, born date, balance decimal(10, 2))");
        trino.run(
                ADMIN,
                "INSERT INTO lake.sales.people VALUES ('Ada Lovelace', '555-0100', 'ada@example.com', 4711, -123456,"
                        + " DATE '1815-12-10', 12.50)");
        trino.run(ADMIN, "CREATE TABLE lake.sales.contacts (name varchar, phone varchar, note varchar)");
        trino.run(ADMIN, "INSERT INTO lake.sales.contacts VALUES ('Ada', '555-0100', 'n1'), (NULL, '555-0199', 'n2')");
        trino.run(ADMIN, "CREATE SCHEMA lake." + Conformance.DATABASE);
        for (Conformance.Table table : Conformance.tables()) {
            String name = "lake." + Conformance.DATABASE + "." + table.name();
            trino.run(
                    ADMIN,
                    "CREATE TABLE " + name + " ("
                            + table.columns().stream()
                                    .map(column ->
                                            column.name() + " " + column.type().trino())
                                    .collect(Collectors.joining(", "))
                            + ")");
            trino.run(ADMIN, "INSERT INTO " + name + " VALUES " + String.join(", ", table.rows()));
        }
        trino.run(ADMIN, "CREATE TABLE lake.hr.salaries (employee varchar, salary bigint)");
        trino.run(ADMIN, "INSERT INTO lake.hr.salaries VALUES ('alice', 85000), ('bob', 92000)");
        // The same tables in the Hive and Iceberg connectors: the same Hive databases, so the same policies.
        for (String catalog : List.of(TrinoWithRanger.HIVE, TrinoWithRanger.ICEBERG)) {
            trino.run(ADMIN, "CREATE SCHEMA " + catalog + ".sales");
            trino.run(ADMIN, "CREATE SCHEMA " + catalog + ".scratch");
        }
        // Partitioned by the row filter's and by a masked table's column: their values show in $partitions, in
        // $path and $partition, and in the files' statistics.
        trino.run(
                ADMIN,
                "CREATE TABLE hive.sales.orders WITH (partitioned_by = ARRAY['region'])"
                        + " AS SELECT order_id, customer_id, amount, region FROM lake.sales.orders");
        trino.run(
                ADMIN,
                "CREATE TABLE hive.sales.customers WITH (partitioned_by = ARRAY['country'])"
                        + " AS SELECT customer_id, name, email, phone, country FROM lake.sales.customers");
        trino.run(
                ADMIN,
                "CREATE TABLE iceberg.sales.orders WITH (partitioning = ARRAY['region'])"
                        + " AS SELECT * FROM lake.sales.orders");
        trino.run(
                ADMIN,
                "CREATE TABLE iceberg.sales.customers WITH (partitioning = ARRAY['country'])"
                        + " AS SELECT * FROM lake.sales.customers");
    }
}
