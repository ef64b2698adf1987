package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.lakegate.conformance.Conformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The cross-engine conformance fixture in Spark: every case gives the rows or the denial the fixture says. */
class ConformanceTest {
    @TestFactory
    Stream<DynamicTest> everyCaseGivesWhatTheFixtureSays() {
        return Conformance.cases().stream().map(testCase -> dynamicTest(testCase.toString(), () -> check(testCase)));
    }

    private static void check(Conformance.Case testCase) {
        if (testCase.denied().isPresent()) {
            assertThatThrownBy(() -> sqlAs(testCase.user(), testCase.sql()).collectAsList())
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageContaining(testCase.denied().get());
            return;
        }
        List<List<String>> rows = sqlAs(testCase.user(), testCase.sql()).collectAsList().stream()
                .map(ConformanceTest::text)
                .toList();
        assertThat(rows).isEqualTo(testCase.rows());
    }

    private static List<String> text(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(Objects.toString(row.get(i), "NULL"));
        }
        return values;
    }
}
