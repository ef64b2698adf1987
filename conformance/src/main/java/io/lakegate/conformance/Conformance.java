package io.lakegate.conformance;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.conditionalMask;
import static io.lakegate.policyserver.HivePolicies.customMask;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The cross-engine conformance fixture: Hive-service policies on database {@value #DATABASE}, its tables and rows,
 * and queries in the SQL every engine shares, each with what its user must get: these rows (masked, filtered), or a
 * denial of this privilege on this resource. Cases run in order (later ones check that refused writes changed
 * nothing). Every engine's tests load the tables as {@value #LOADER}, serve these policies beside their own (ids from
 * 10,000) and run every case; the differences between engines that cannot be removed are in {@link #DIFFERENCES},
 * with their reasons.
 */
public final class Conformance {
    public static final String DATABASE = "conformance";
    /** The user who creates and fills the tables; every engine's own fixture already lets it do anything. */
    public static final String LOADER = "admin";

    /**
     * What differs between engines on the same policies, and why; none of it shows in {@link #cases()}.
     */
    public static final List<String> DIFFERENCES = List.of(
            "Trino: CREATE TABLE/VIEW/MATERIALIZED VIEW also need drop, since Trino does not tell an access control"
                    + " whether the statement is CREATE OR REPLACE; Spark asks drop of a replace only.",
            "Trino: a varchar(n) column keeps a mask's output to n characters (a SHA-256 is cut); Spark reads a Hive"
                    + " varchar(n) as a string. The fixture's strings are Hive strings (Trino: varchar).",
            "Trino: policy text with a backslash or a double quote is refused (the query fails naming it): Hive reads"
                    + " both differently from Trino. Spark applies it as Hive SQL.",
            "Trino: mask() character classes are \\p{Lu}, \\p{Ll}, \\p{Nd}; Spark's mask() uses Java's isUpperCase,"
                    + " which also counts Other_Uppercase letters (circled letters, Roman numerals).",
            "Trino: a denied read lists the columns in name order; Spark in the order the plan reads them (cases"
                    + " deny one column, or columns whose two orders agree).",
            "Trino: SHOW COLUMNS/DESCRIBE of a table with no selectable column shows none; Spark refuses it.",
            "Trino: metadata tables ($partitions, $files, ...) and a catalog's own system functions (table_changes)"
                    + " need serviceadmin; Spark's Iceberg metadata tables follow their table's policies.");

    private static final long ID = 10_000;

    private Conformance() {}

    /** A column of a fixture table, in the types every engine has. */
    public enum Type {
        BIGINT("BIGINT", "bigint"),
        INT("INT", "integer"),
        STRING("STRING", "varchar"),
        DATE("DATE", "date"),
        DECIMAL("DECIMAL(10, 2)", "decimal(10, 2)");

        private final String spark;
        private final String trino;

        Type(String spark, String trino) {
            this.spark = spark;
            this.trino = trino;
        }

        public String spark() {
            return spark;
        }

        public String trino() {
            return trino;
        }
    }

    public record Column(String name, Type type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** A table of {@value #DATABASE} and its rows, each a SQL row constructor every engine's VALUES reads. */
    public record Table(String name, List<Column> columns, List<String> rows) {
        public Table {
            requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A query (tables named {@code conformance.t}) and what {@code user} must get: {@code rows} (each value as text,
     * NULL as {@code "NULL"}, in the query's order), or, when {@code denied} is present, a denial containing it
     * ({@code [select] privilege on [conformance/orders/amount]}).
     */
    public record Case(String name, String user, String sql, List<List<String>> rows, Optional<String> denied) {
        public Case {
            requireNonNull(name, "name is null");
            requireNonNull(user, "user is null");
            requireNonNull(sql, "sql is null");
            rows = rows.stream().map(List::copyOf).toList();
            requireNonNull(denied, "denied is null");
        }

        static Case rows(String name, String user, String sql, List<List<String>> rows) {
            return new Case(name, user, sql, rows, Optional.empty());
        }

        static Case denied(String name, String user, String sql, String denied) {
            return new Case(name, user, sql, List.of(), Optional.of(denied));
        }

        @Override
        public String toString() {
            return name + " (" + user + ": " + sql + ")";
        }
    }

    public static List<Table> tables() {
        return List.of(
                new Table(
                        "orders",
                        List.of(
                                new Column("id", Type.BIGINT),
                                new Column("region", Type.STRING),
                                new Column("amount", Type.DECIMAL)),
                        List.of(
                                "(1, 'EU', 120.00)",
                                "(2, 'EU', 40.00)",
                                "(3, 'NA', 300.00)",
                                "(4, 'APAC', 15.00)",
                                "(5, 'NA', 99.99)")),
                new Table(
                        "people",
                        List.of(
                                new Column("id", Type.BIGINT),
                                new Column("name", Type.STRING),
                                new Column("phone", Type.STRING),
                                new Column("email", Type.STRING),
                                new Column("pin", Type.INT),
                                new Column("score", Type.BIGINT),
                                new Column("born", Type.DATE),
                                new Column("balance", Type.DECIMAL),
                                new Column("note", Type.STRING)),
                        List.of(
                                "(1, 'Ada Lovelace', '555-0100', 'ada@example.com', 4711, -123456, DATE '1815-12-10',"
                                        + " 12.50, 'vip')",
                                "(2, 'Bob', '555-0199', 'bob@example.org', 7, 42, DATE '2000-02-29', 3.00, NULL)")));
    }

    /** The fixture's policies, ids from 10,000: add them to an engine's own before its plugin starts. */
    public static ObjectNode[] policies() {
        return new ObjectNode[] {
            access(ID, DATABASE, "*", "*", "all", List.of(LOADER), List.of()),
            access(ID + 1, DATABASE, "*", "*", "select", List.of("c_analyst", "c_masked", "c_cond"), List.of()),
            access(ID + 2, DATABASE, "orders", "id", "select", List.of("c_partial"), List.of()),
            access(ID + 3, DATABASE, "orders", "region", "select", List.of("c_partial"), List.of()),
            rowFilter(ID + 10, DATABASE, "orders", List.of("c_analyst"), "region = 'EU' OR amount > 200"),
            mask(ID + 20, DATABASE, "people", "name", List.of("c_masked"), "MASK"),
            mask(ID + 21, DATABASE, "people", "phone", List.of("c_masked"), "MASK_SHOW_LAST_4"),
            mask(ID + 22, DATABASE, "people", "email", List.of("c_masked"), "MASK_SHOW_FIRST_4"),
            mask(ID + 23, DATABASE, "people", "pin", List.of("c_masked"), "MASK"),
            mask(ID + 24, DATABASE, "people", "score", List.of("c_masked"), "MASK_SHOW_LAST_4"),
            mask(ID + 25, DATABASE, "people", "born", List.of("c_masked"), "MASK_DATE_SHOW_YEAR"),
            mask(ID + 26, DATABASE, "people", "balance", List.of("c_masked"), "MASK"),
            mask(ID + 27, DATABASE, "people", "note", List.of("c_masked"), "MASK_NULL"),
            mask(ID + 28, DATABASE, "people", "id", List.of("c_masked"), "MASK_HASH"),
            customMask(ID + 30, DATABASE, "people", "email", List.of("c_cond"), "concat('***', substr({col}, 4))"),
            conditionalMask(ID + 31, DATABASE, "people", "phone", List.of("c_cond"), "MASK", "note <> 'vip'"),
            mask(ID + 32, DATABASE, "people", "name", List.of("c_cond"), "MASK_HASH"),
        };
    }

    public static List<Case> cases() {
        return List.of(
                Case.rows(
                        "the loader reads every row as stored",
                        LOADER,
                        "SELECT id, region, amount FROM conformance.orders ORDER BY id",
                        List.of(
                                List.of("1", "EU", "120.00"),
                                List.of("2", "EU", "40.00"),
                                List.of("3", "NA", "300.00"),
                                List.of("4", "APAC", "15.00"),
                                List.of("5", "NA", "99.99"))),
                Case.rows(
                        "a row filter keeps the rows its predicate holds for",
                        "c_analyst",
                        "SELECT id, region FROM conformance.orders ORDER BY id",
                        List.of(List.of("1", "EU"), List.of("2", "EU"), List.of("3", "NA"))),
                Case.rows(
                        "an aggregate sees only the filtered rows",
                        "c_analyst",
                        "SELECT count(*), sum(amount) FROM conformance.orders",
                        List.of(List.of("3", "460.00"))),
                Case.rows(
                        "the user's own predicate cannot reach the filtered rows",
                        "c_analyst",
                        "SELECT count(*) FROM conformance.orders WHERE region = 'APAC'",
                        List.of(List.of("0"))),
                Case.rows(
                        "every Hive mask type, in the column's type",
                        "c_masked",
                        "SELECT name, phone, email, pin, score, born, balance, note FROM conformance.people"
                                + " WHERE score < 0",
                        List.of(List.of(
                                "Xxx Xxxxxxxx",
                                "xxx-0100",
                                "ada@xxxxxxx.xxx",
                                "1111",
                                "-113456",
                                "1815-01-01",
                                "NULL",
                                "NULL"))),
                Case.rows(
                        "a hash of a number shows nothing",
                        "c_masked",
                        "SELECT id FROM conformance.people WHERE score < 0",
                        List.of(List.of("NULL"))),
                Case.rows(
                        "a masked column compared in the user's own predicate is the masked value",
                        "c_masked",
                        "SELECT count(*) FROM conformance.people WHERE phone = '555-0100'",
                        List.of(List.of("0"))),
                Case.rows(
                        "a custom mask, a condition (NULL keeps the row masked) and a hash",
                        "c_cond",
                        "SELECT email, phone, name FROM conformance.people ORDER BY email",
                        List.of(
                                List.of(
                                        "***@example.com",
                                        "555-0100",
                                        "76740216171591903cdbd18fbc770df447c5b1671005ca0020922a465bba0172"),
                                List.of(
                                        "***@example.org",
                                        "nnn-nnnn",
                                        "cd9fb1e148ccd8442e5aa74904cc73bf6fb54d1d54d333bd596aa9bb4bb4e961"))),
                Case.rows(
                        "a column-level grant reads its columns",
                        "c_partial",
                        "SELECT id, region FROM conformance.orders WHERE id = 1",
                        List.of(List.of("1", "EU"))),
                Case.rows(
                        "a WITH clause reads the filtered table",
                        "c_analyst",
                        "WITH o AS (SELECT * FROM conformance.orders) SELECT count(*) FROM o",
                        List.of(List.of("3"))),
                Case.rows(
                        "a grouping sees only the filtered rows",
                        "c_analyst",
                        "SELECT region, count(*) FROM conformance.orders GROUP BY region ORDER BY region",
                        List.of(List.of("EU", "2"), List.of("NA", "1"))),
                Case.rows(
                        "a subquery reads the filtered table too",
                        "c_analyst",
                        "SELECT count(*) FROM conformance.orders WHERE id IN"
                                + " (SELECT id FROM conformance.orders WHERE region = 'APAC')",
                        List.of(List.of("0"))),
                Case.rows(
                        "a join on a masked column joins the masked values",
                        "c_masked",
                        "SELECT count(*) FROM conformance.people p JOIN conformance.people q ON p.phone = q.phone",
                        List.of(List.of("2"))),
                Case.denied(
                        "a write needs update on the table",
                        "c_analyst",
                        "INSERT INTO conformance.orders VALUES (9, 'EU', 1.00)",
                        "user [c_analyst] does not have [update] privilege on [conformance/orders]"),
                Case.denied(
                        "a drop needs drop on the table",
                        "c_analyst",
                        "DROP TABLE conformance.orders",
                        "user [c_analyst] does not have [drop] privilege on [conformance/orders]"),
                Case.rows(
                        "the refused write and drop changed nothing",
                        LOADER,
                        "SELECT count(*), sum(amount) FROM conformance.orders",
                        List.of(List.of("5", "574.99"))),
                Case.denied(
                        "a column outside a column-level grant is denied",
                        "c_partial",
                        "SELECT amount FROM conformance.orders",
                        "user [c_partial] does not have [select] privilege on [conformance/orders/amount]"),
                Case.denied(
                        "a user without a policy is denied the table",
                        "c_nobody",
                        "SELECT region FROM conformance.orders",
                        "user [c_nobody] does not have [select] privilege on [conformance/orders/region]"));
    }
}
