package io.lakegate.trino.ranger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.lakegate.conformance.Conformance;
import io.trino.testing.MaterializedRow;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The cross-engine conformance fixture in Trino: every case gives the rows or the denial the fixture says. */
class ConformanceTest {
    private static final TrinoWithRanger TRINO = TrinoWithRanger.get();

    @TestFactory
    Stream<DynamicTest> everyCaseGivesWhatTheFixtureSays() {
        return Conformance.cases().stream().map(testCase -> dynamicTest(testCase.toString(), () -> check(testCase)));
    }

    private static void check(Conformance.Case testCase) {
        if (testCase.denied().isPresent()) {
            assertThatThrownBy(() -> TRINO.run(TrinoWithRanger.session(testCase.user()), testCase.sql()))
                    .hasMessageStartingWith("Access Denied: ")
                    .hasMessageContaining(testCase.denied().get());
            return;
        }
        List<List<String>> rows =
                TRINO.run(TrinoWithRanger.session(testCase.user()), testCase.sql()).getMaterializedRows().stream()
                        .map(ConformanceTest::text)
                        .toList();
        assertThat(rows).isEqualTo(testCase.rows());
    }

    private static List<String> text(MaterializedRow row) {
        return row.getFields().stream()
                .map(value -> Objects.toString(value, "NULL"))
                .toList();
    }
}
