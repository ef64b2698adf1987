package io.lakegate.install.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void printsHunksWithThreeLinesOfContextAsDiffDoes() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";

        assertThat(UnifiedDiff.of("f", before, after))
                .isEqualTo("--- a/f\n+++ b/f\n"
                        + "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
                        + "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n");
    }

    @Test
    void newAndDeletedFiles() {
        assertThat(UnifiedDiff.of("f", "", "a\nb\n")).isEqualTo("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        assertThat(UnifiedDiff.of("f", "a\n", "")).isEqualTo("--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
    }
}
