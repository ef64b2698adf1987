package io.lakegate.trino.ranger;

import static io.lakegate.trino.ranger.Fixture.ADMIN;
import static io.lakegate.trino.ranger.Fixture.IVAN;
import static io.lakegate.trino.ranger.Fixture.JUDY;
import static io.lakegate.trino.ranger.Fixture.KATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

/**
 * Every Hive mask type on the row, policies and users of the Spark plugin's {@code ColumnMaskTest}, asserting the
 * values that test asserts in Spark: the same input masks to the same output, in the column's own type.
 */
class MaskSemanticsTest {
    private static final TrinoWithRanger TRINO = TrinoWithRanger.get();

    @Test
    void everyHiveMaskTypeGivesWhatSparkGivesAndKeepsTheColumnsType() {
        MaterializedRow row = TRINO.run(IVAN, "SELECT name, phone, email, pin, score, born, balance FROM people")
                .getMaterializedRows()
                .get(0);

        assertThat(row.getField(0)).isEqualTo("Xxx Xxxxxxxx");
        assertThat(row.getField(1)).isEqualTo("xxx-0100");
        assertThat(row.getField(2)).isEqualTo("ada@xxxxxxx.xxx");
        assertThat(row.getField(3)).isEqualTo(1111);
        assertThat(row.getField(4)).isEqualTo(-113456L);
        assertThat(row.getField(5)).hasToString("1815-01-01");
        assertThat(row.getField(6))
                .as("no Hive mask for decimals: nothing is shown")
                .isNull();
    }

    @Test
    void aRedactedDateBecomesHivesFirstDayOfYearZero() {
        assertThat(TRINO.run(JUDY, "SELECT CAST(born AS varchar) FROM people").getOnlyValue())
                .isEqualTo("0000-01-01");
    }

    @Test
    void aCustomMaskIsThePolicysExpressionOverTheColumn() {
        assertThat(TRINO.run(JUDY, "SELECT email FROM people").getOnlyValue()).isEqualTo("***@example.com");
    }

    @Test
    void aRowWhereTheMasksConditionIsNullStaysMasked() {
        assertThat(TRINO.run(KATE, "SELECT phone FROM contacts ORDER BY phone").getMaterializedRows())
                .extracting(row -> row.getField(0))
                .containsExactly("555-0100", "xxx-0199");
    }

    @Test
    void aPolicyExpressionHiveAndTrinoReadDifferentlyFailsTheQuery() {
        assertThatThrownBy(() -> TRINO.run(KATE, "SELECT note FROM contacts"))
                .hasMessageContaining("Ranger data-mask policy [42] on column note cannot apply in Trino: its"
                        + " expression has a backslash or a double quote, which Hive and Trino read differently")
                // The policy's text is for the coordinator's log, not for the user it masks.
                .hasMessageNotContaining("regexp_replace");
        assertThatThrownBy(() -> TRINO.run(KATE, "SELECT count(*) FROM people"))
                .hasMessageContaining(
                        "Access Denied: Ranger row-filter policy [44] on sales.people cannot apply in" + " Trino")
                .hasMessageNotContaining("RLIKE");
        assertThat(TRINO.run(KATE, "SELECT count(*) FROM contacts").getOnlyValue())
                .isEqualTo(2L);
    }

    @Test
    void unmaskedUsersReadStoredValues() {
        MaterializedRow row = TRINO.run(ADMIN, "SELECT name, pin, balance FROM people")
                .getMaterializedRows()
                .get(0);
        assertThat(row.getField(0)).isEqualTo("Ada Lovelace");
        assertThat(row.getField(1)).isEqualTo(4711);
        assertThat(row.getField(2)).hasToString("12.50");
    }
}
