package io.lakegate.flink.authz;

import static io.lakegate.flink.authz.FlinkWithRanger.batch;
import static io.lakegate.flink.authz.FlinkWithRanger.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.lakegate.conformance.Conformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The cross-engine conformance fixture in Flink (batch, Hive tables): the rows or the denial the fixture says. */
class ConformanceTest {
    @TestFactory
    Stream<DynamicTest> everyCaseGivesWhatTheFixtureSays() {
        return Conformance.cases().stream().map(testCase -> dynamicTest(testCase.toString(), () -> check(testCase)));
    }

    private static void check(Conformance.Case testCase) {
        if (testCase.denied().isPresent()) {
            assertThatThrownBy(() -> rows(batch(testCase.user()), testCase.sql()))
                    .hasStackTraceContaining(AccessControlException.class.getName() + ": Permission denied: "
                            + testCase.denied().get());
            return;
        }
        assertThat(rows(batch(testCase.user()), testCase.sql())).isEqualTo(testCase.rows());
    }
}
