package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.url;
import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Functions need Ranger's Hive privileges on the {@code udf} resource: creating a permanent one {@code create},
 * dropping it {@code drop}, calling it {@code select}; creating a temporary one {@code tempudfadmin} on
 * {@code global}. admin holds all of them on sales' functions and tempudfadmin; alice may call sales.up; bob and
 * alice may both read sales.customers.
 */
class FunctionTest {
    private static final String UPPER = "org.apache.hadoop.hive.ql.udf.generic.GenericUDFUpper";

    @BeforeAll
    static void createFunction() {
        sqlAs(ADMIN, "CREATE FUNCTION IF NOT EXISTS sales.up AS '" + UPPER + "'");
    }

    @AfterAll
    static void dropFunction() {
        sqlAs(ADMIN, "DROP FUNCTION IF EXISTS sales.up");
    }

    @Test
    void callingAPermanentFunctionNeedsSelectOnIt() {
        assertThat(sqlAs("alice", "SELECT sales.up(name) FROM sales.customers ORDER BY id")
                        .collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("ADA", "GRACE");
        assertThatThrownBy(() -> sqlAs("bob", "SELECT sales.up(name) FROM sales.customers")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/up]");
        assertThatThrownBy(() -> sqlAs("bob", "SELECT id FROM sales.customers WHERE sales.up(name) = 'ADA'")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/up]");
        assertThatThrownBy(() -> sqlAs("bob", "SELECT sales.up('x')").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/up]");
    }

    // Spark's analyzer evaluates constant calls where it needs a value, and leaves only the value in the plan.
    @Test
    void aPermanentFunctionTheAnalyzerEvaluatesNeedsSelectOnItBeforeItRuns() {
        assertThat(sqlAs("alice", "SELECT * FROM VALUES (sales.up('x')) AS t(v)")
                        .collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("X");
        assertThat(sqlAs("alice", "SELECT count(*) FROM range(length(sales.up('abc')))")
                        .first()
                        .getLong(0))
                .isEqualTo(3L);
        for (String query : List.of(
                "SELECT * FROM VALUES (sales.up('x')) AS t(v)",
                "SELECT * FROM VALUES (1, spark_catalog.sales.up('x')) AS t(n, v)",
                "SELECT count(*) FROM range(length(sales.up('abc')))",
                "SELECT id FROM sales.customers LIMIT length(sales.up('abc'))",
                "SELECT * FROM (SELECT * FROM VALUES (sales.up('x')) AS t(v)) WHERE v IS NOT NULL",
                // Spark builds what an IDENTIFIER clause names during analysis.
                "SELECT * FROM VALUES (IDENTIFIER('sales.up')('x')) AS t(v)",
                // current_date is a constant to Spark; PIVOT evaluates its values into the result's column names.
                "SELECT * FROM VALUES (sales.up(concat('x', substr(current_date, 1, 0)))) AS t(v)",
                "SELECT * FROM (SELECT 'k' AS k, 1 AS v) PIVOT (sum(v) FOR k IN (sales.up('x')))")) {
            assertThatThrownBy(() -> sqlAs("bob", query))
                    .as(query)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/up]");
        }
        sqlAs(ADMIN, "USE sales");
        try {
            for (String unqualified : List.of(
                    "SELECT * FROM VALUES (up('x')) AS t(v)", "SELECT * FROM VALUES (spark_catalog.up('x')) AS t(v)")) {
                assertThatThrownBy(() -> sqlAs("bob", unqualified))
                        .as(unqualified)
                        .isInstanceOf(AccessControlException.class)
                        .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/up]");
            }
        } finally {
            sqlAs(ADMIN, "USE default");
        }
        assertThatThrownBy(() -> sqlAs("bob", "SELECT * FROM VALUES (IDENTIFIER('sales' || '.up')('x')) AS t(v)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] may not use IDENTIFIER(concat('sales', '.up')): Lakegate"
                        + " authorizes what an IDENTIFIER clause names before Spark's analyzer builds it, which it can"
                        + " only from a string literal");
        assertThat(sqlAs("alice", "SELECT * FROM VALUES (IDENTIFIER('sales.up')('x')) AS t(v)")
                        .collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("X");
        assertThat(sqlAs("bob", "SELECT * FROM VALUES (upper('x')) AS t(v)").collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("X");
    }

    @Test
    void creatingAndDroppingPermanentFunctionsNeedTheirPrivileges() {
        assertThatThrownBy(() -> sqlAs("bob", "CREATE FUNCTION sales.bobs AS '" + UPPER + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [sales/bobs]");
        assertThatThrownBy(() -> sqlAs("bob", "DROP FUNCTION sales.up"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [sales/up]");
        assertThat(SparkWithRanger.spark().catalog().functionExists("sales.up")).isTrue();
        assertThat(SparkWithRanger.spark().catalog().functionExists("sales.bobs"))
                .isFalse();
    }

    @Test
    void addingJarsFilesOrArchivesNeedsTempudfadmin() {
        for (String statement : List.of(
                "ADD JAR /tmp/lakegate-missing.jar",
                "ADD FILE /tmp/lakegate-missing.txt",
                "ADD ARCHIVE /tmp/lakegate-missing.zip")) {
            assertThatThrownBy(() -> sqlAs("bob", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [tempudfadmin] privilege on [*]");
        }
    }

    @Test
    void runningAScriptNeedsTempudfadmin() {
        String query = "SELECT TRANSFORM(name) USING 'cat' AS (line) FROM sales.customers ORDER BY line";
        assertThatThrownBy(() -> sqlAs("bob", query).collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [tempudfadmin] privilege on [*]; tempudfadmin"
                        + " is needed to run a TRANSFORM script");
        assertThat(sqlAs(ADMIN, query).collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("Ada", "Grace");
    }

    @Test
    void creatingATemporaryFunctionNeedsTempudfadmin() {
        assertThatThrownBy(() -> sqlAs("bob", "CREATE TEMPORARY FUNCTION bobs_upper AS '" + UPPER + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [tempudfadmin] privilege on [*]");
        sqlAs(ADMIN, "CREATE OR REPLACE TEMPORARY FUNCTION admins_upper AS '" + UPPER + "'");
        try {
            // Calling a temporary function is the session's business: it needs no privilege.
            assertThat(sqlAs("bob", "SELECT admins_upper(name) FROM sales.customers ORDER BY id")
                            .collectAsList())
                    .extracting(row -> row.getString(0))
                    .containsExactly("ADA", "GRACE");
        } finally {
            sqlAs(ADMIN, "DROP TEMPORARY FUNCTION admins_upper");
        }
    }

    @Test
    void showFunctionsListsThePermanentFunctionsTheUserHoldsAPrivilegeOn() {
        assertThat(sqlAs("alice", "SHOW USER FUNCTIONS IN sales").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("spark_catalog.sales.up");
        assertThat(sqlAs("bob", "SHOW USER FUNCTIONS IN sales").collectAsList())
                .extracting(row -> row.getString(0))
                .noneMatch(name -> name.endsWith("sales.up"));
        assertThat(sqlAs("bob", "SHOW FUNCTIONS IN sales").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("sha2")
                .noneMatch(name -> name.endsWith("sales.up"));
    }

    @Test
    void theJarsAndFilesOfAFunctionNeedReadOnTheirUrl() throws Exception {
        Path jar = emptyJar();
        String create = "CREATE FUNCTION sales.jarred AS '" + UPPER + "' USING JAR '" + jar + "', FILE '" + jar + "'";
        assertThatThrownBy(() -> sqlAs(ADMIN, create))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [admin] does not have [read] privilege on [file:" + jar
                        + "], [read] privilege on [file:" + jar + "]");
        assertThatThrownBy(() ->
                        sqlAs(ADMIN, "CREATE TEMPORARY FUNCTION jarred AS '" + UPPER + "' USING JAR '" + jar + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [admin] does not have [read] privilege on [file:" + jar + "]");
        assertThat(SparkWithRanger.spark().catalog().functionExists("sales.jarred"))
                .isFalse();

        SparkWithRanger.servePolicies(url(80, "file:" + jar.getParent(), "read", List.of(ADMIN)));
        try {
            sqlAs(ADMIN, create);
            assertThat(SparkWithRanger.spark().catalog().functionExists("sales.jarred"))
                    .isTrue();
        } finally {
            sqlAs(ADMIN, "DROP FUNCTION IF EXISTS sales.jarred");
            SparkWithRanger.servePolicies();
        }
    }

    @Test
    void builtInsThatCallJvmMethodsNeedTempudfadmin() {
        for (String query : List.of(
                "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
                "SELECT java_method('java.lang.System', 'getProperty', 'user.home')",
                "SELECT upper(reflect('java.lang.System', 'getenv', 'HOME'))",
                "SELECT id FROM sales.customers WHERE reflect('java.lang.String', 'valueOf', id) IS NOT NULL",
                "SELECT (SELECT java_method('java.lang.System', 'getProperty', 'user.dir'))")) {
            assertThatThrownBy(() -> sqlAs("bob", query).collectAsList())
                    .as(query)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageStartingWith("Permission denied: user [bob] does not have [tempudfadmin] privilege on"
                            + " [*]; tempudfadmin is needed to call [");
        }
        assertThat(sqlAs(ADMIN, "SELECT java_method('java.lang.String', 'valueOf', 42)")
                        .first()
                        .getString(0))
                .isEqualTo("42");
    }

    // A permanent function of Hive's reflect class is reflect under another name.
    @Test
    void aFunctionOfAClassThatCallsJvmMethodsNeedsTempudfadmin() {
        String reflect = "org.apache.hadoop.hive.ql.udf.generic.GenericUDFReflect";
        assertThatThrownBy(() -> sqlAs("bob", "CREATE FUNCTION sandbox.r AS '" + reflect + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [tempudfadmin] privilege on [*]");
        sqlAs("bob", "CREATE FUNCTION sandbox.bobs_upper AS '" + UPPER + "'");
        sqlAs(ADMIN, "CREATE FUNCTION sandbox.r AS '" + reflect + "'");
        try {
            assertThat(sqlAs("bob", "SELECT sandbox.bobs_upper('x')").first().getString(0))
                    .isEqualTo("X");
            assertThatThrownBy(() -> sqlAs("bob", "SELECT sandbox.r('java.lang.System', 'getProperty', 'user.home')")
                            .collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [tempudfadmin] privilege on [*];"
                            + " tempudfadmin is needed to call [spark_catalog.sandbox.r]");
            assertThat(sqlAs(ADMIN, "SELECT sandbox.r('java.lang.String', 'valueOf', 42)")
                            .first()
                            .getString(0))
                    .isEqualTo("42");
        } finally {
            sqlAs(ADMIN, "DROP FUNCTION IF EXISTS sandbox.r");
            sqlAs(ADMIN, "DROP FUNCTION IF EXISTS sandbox.bobs_upper");
        }
    }

    @Test
    void describingAPermanentFunctionNeedsSomePrivilegeOnIt() {
        assertThatThrownBy(() -> sqlAs("bob", "DESCRIBE FUNCTION sales.up"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [_any] privilege on [sales/up]");
        assertThatThrownBy(() -> sqlAs("bob", "DESCRIBE FUNCTION EXTENDED sales.up"))
                .isInstanceOf(AccessControlException.class);
        assertThat(sqlAs("alice", "DESCRIBE FUNCTION sales.up").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("Class: " + UPPER);
        assertThat(sqlAs("bob", "DESCRIBE FUNCTION upper").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("Function: upper");
    }

    private static Path emptyJar() throws IOException {
        Path directory =
                Files.createDirectories(Path.of("target", "function-jars")).toAbsolutePath();
        Path jar = directory.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
        return jar;
    }
}
