package io.lakegate.install.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultsFileTest {
    @Test
    void readsKeysAsPropertiesLoadDoesAndTheLastLineWins() {
        DefaultsFile file = DefaultsFile.parse(
                "f", "# spark.sql.extensions commented\n  a.b = 1\nc:2\nd\t3\na.b 4 , 5\n! bang comment\n");

        assertThat(file.value("a.b")).contains("4 , 5");
        assertThat(file.value("c")).contains("2");
        assertThat(file.value("d")).contains("3");
        assertThat(file.value("spark.sql.extensions")).isEmpty();
    }

    @Test
    void appendsAnEntryOnceInTheFilesOwnStyleAndRevertsToTheOriginalLine() {
        List<ConfEdit> edits = new ArrayList<>();
        DefaultsFile original = DefaultsFile.parse("f", "x=1\nlist = a, b");

        DefaultsFile merged = original.appendEntry("list", "c", edits::add)
                .appendEntry("list", "b", edits::add)
                .appendEntry("other", "z", edits::add);

        assertThat(merged.text()).isEqualTo("x=1\nlist = a, b,c\nother=z\n");
        assertThat(edits).hasSize(2);
        DefaultsFile reverted = merged;
        for (int i = edits.size() - 1; i >= 0; i--) {
            reverted = reverted.revert(edits.get(i), kept -> {});
        }
        assertThat(reverted.text()).isEqualTo("x=1\nlist = a, b\n");
    }

    @Test
    void keepsASetKeyTheOperatorChanged() {
        List<ConfEdit> edits = new ArrayList<>();
        DefaultsFile merged = DefaultsFile.parse("f", "").setIfUnset("k", "v", edits::add);
        List<String> kept = new ArrayList<>();

        DefaultsFile changed = DefaultsFile.parse("f", merged.text().replace("k v", "k other"));

        assertThat(changed.revert(edits.get(0), kept::add).text()).isEqualTo("k other\n");
        assertThat(kept).containsExactly("k is [other] now, not Lakegate's [v]: kept");
        assertThat(DefaultsFile.parse("f", "k v\n")
                        .setIfUnset("k", "w", edits::add)
                        .text())
                .isEqualTo("k v\n");
    }

    @Test
    void refusesASettingContinuedOnTheNextLine() {
        assertThatThrownBy(() -> DefaultsFile.parse("/opt/spark/conf/spark-defaults.conf", "a 1\nb x,\\\n  y\n"))
                .hasMessage("/opt/spark/conf/spark-defaults.conf line 2: setting [b] continues on the next line (a "
                        + "trailing backslash); join it into one line and run again");
    }

    @Test
    void appendsToAKeyWithoutAValueWithASeparator() {
        List<ConfEdit> edits = new ArrayList<>();

        assertThat(DefaultsFile.parse("f", "spark.sql.extensions\n")
                        .appendEntry("spark.sql.extensions", "e", edits::add)
                        .text())
                .isEqualTo("spark.sql.extensions e\n");
        assertThat(DefaultsFile.parse("f", "a=1\nk\n")
                        .appendEntry("k", "e", edits::add)
                        .text())
                .isEqualTo("a=1\nk=e\n");
        assertThat(DefaultsFile.parse("f", "k:\n")
                        .appendEntry("k", "e", edits::add)
                        .text())
                .isEqualTo("k:e\n");
        DefaultsFile merged = DefaultsFile.parse("f", "k\n").appendEntry("k", "e", edits::add);
        assertThat(merged.value("k")).contains("e");
        assertThat(merged.revert(edits.get(edits.size() - 1), kept -> {}).text())
                .isEqualTo("k\n");
    }

    @Test
    void splitsLinesAsPropertiesDoesAndAddsLinesWithTheFilesOwnEnding() {
        assertThatThrownBy(() -> DefaultsFile.parse("f", "a 1\r\nb x,\\\r\n  y\r\n"))
                .hasMessageStartingWith("f line 2: setting [b] continues on the next line");
        assertThatThrownBy(() -> DefaultsFile.parse("f", "a 1\rb x,\\\r  y\r"))
                .hasMessageStartingWith("f line 2: setting [b] continues on the next line");
        List<ConfEdit> edits = new ArrayList<>();
        DefaultsFile original = DefaultsFile.parse("f", "# mixed\nx=1\r\nlist=a\r\nlast=2");

        DefaultsFile merged = original.appendEntry("list", "c", edits::add).appendEntry("other", "z", edits::add);

        assertThat(merged.value("list")).contains("a,c");
        assertThat(merged.text()).isEqualTo("# mixed\nx=1\r\nlist=a,c\r\nlast=2\r\nother=z\r\n");
        DefaultsFile reverted = merged;
        for (int i = edits.size() - 1; i >= 0; i--) {
            reverted = reverted.revert(edits.get(i), kept -> {});
        }
        assertThat(reverted.text()).isEqualTo("# mixed\nx=1\r\nlist=a\r\nlast=2\r\n");
        assertThat(DefaultsFile.parse("f", "a=1\rb=2\r").value("b")).contains("2");
    }
}
