package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.spark.authz.identity.SessionUser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Ranger column masks with the semantics of Ranger's Hive transformers. ivan reads sales.people and sales.orders
 * masked (and orders filtered to amount above 15: ids 2 and 3); alice reads them as stored.
 */
class ColumnMaskTest {
    @Test
    void everyHiveMaskTypeKeepsTheColumnsType() {
        Row row = sqlAs("ivan", "SELECT name, phone, email, pin, score, born, balance FROM sales.people")
                .first();

        assertThat(row.getString(0)).isEqualTo("Xxx Xxxxxxxx");
        assertThat(row.getString(1)).isEqualTo("xxx-0100");
        assertThat(row.getString(2)).isEqualTo("ada@xxxxxxx.xxx");
        assertThat(row.getInt(3)).isEqualTo(1111);
        assertThat(row.getLong(4)).isEqualTo(-113456L);
        assertThat(row.getDate(5)).isEqualTo(Date.valueOf("1815-01-01"));
        assertThat(row.isNullAt(6))
                .as("no Hive mask for decimals: nothing is shown")
                .isTrue();
    }

    @Test
    void redactedDateBecomesHivesFirstDayOfYearZero() {
        assertThat(sqlAs("judy", "SELECT CAST(born AS STRING) FROM sales.people")
                        .first()
                        .getString(0))
                .isEqualTo("0000-01-01");
    }

    @Test
    void conditionalMaskAppliesOnlyWhereItsConditionHolds() {
        List<Row> rows =
                sqlAs("kate", "SELECT id, ssn FROM sales.orders ORDER BY id").collectAsList();

        assertThat(rows)
                .extracting(row -> row.getString(1))
                .containsExactly("111-11-1111", "xxx-xx-2222", "333-33-3333");
    }

    @Test
    void aRowWhereTheConditionIsNullStaysMasked() {
        assertThat(sqlAs("kate", "SELECT phone FROM sales.contacts WHERE phone IS NOT NULL")
                        .collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("xxx-0199");
    }

    @Test
    void unmaskedUserReadsStoredValues() {
        Row row = sqlAs("alice", "SELECT name, pin, balance FROM sales.people").first();

        assertThat(row.getString(0)).isEqualTo("Ada Lovelace");
        assertThat(row.getInt(1)).isEqualTo(4711);
        assertThat(row.getDecimal(2)).isEqualByComparingTo(new BigDecimal("12.50"));
    }

    @Test
    void hashNullAndCustomMasksApplyAfterTheRowFilter() throws Exception {
        List<Row> rows = sqlAs("ivan", "SELECT id, ssn, region, customer_id FROM sales.orders ORDER BY id")
                .collectAsList();

        assertThat(rows).extracting(row -> row.getInt(0)).containsExactly(2, 3);
        assertThat(rows.get(0).getString(1)).isEqualTo(sha256("222-22-2222"));
        assertThat(rows.get(0).isNullAt(2)).isTrue();
        assertThat(rows.get(0).getInt(3)).isEqualTo(99);
    }

    @Test
    void predicatesJoinsAndAggregatesSeeOnlyMaskedValues() throws Exception {
        assertThat(sqlAs("ivan", "SELECT id FROM sales.orders WHERE ssn = '222-22-2222'")
                        .collectAsList())
                .as("no side channel through a predicate on the masked column")
                .isEmpty();
        assertThat(sqlAs("ivan", "SELECT id FROM sales.orders WHERE ssn LIKE '2%'")
                        .collectAsList())
                .isEmpty();
        assertThat(sqlAs("ivan", "SELECT count(*) FROM sales.orders WHERE region IS NULL")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
        assertThat(sqlAs("ivan", "SELECT max(ssn) FROM sales.orders").first().getString(0))
                .isIn(sha256("222-22-2222"), sha256("333-33-3333"));
        String selfJoin = "SELECT count(*) FROM sales.orders a JOIN sales.orders b ON a.region = b.region";
        assertThat(sqlAs("alice", selfJoin).first().getLong(0)).isEqualTo(5);
        assertThat(sqlAs("ivan", selfJoin).first().getLong(0))
                .as("joins see masked (NULL) regions")
                .isZero();
        assertThat(sqlAs("ivan", "SELECT DISTINCT customer_id FROM sales.orders")
                        .collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(99);
    }

    @Test
    void dataFrameApiReadsMaskedValues() {
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "ivan");

        assertThat(spark.table("sales.people").select("name").first().getString(0))
                .isEqualTo("Xxx Xxxxxxxx");
        assertThat(spark.table("sales.people").where("name = 'Ada Lovelace'").count())
                .isZero();
    }

    @Test
    void aColumnSparkPullsBackIntoAMaskedDataFrameIsMasked() {
        Dataset<Row> ids = sqlAs("ivan", "SELECT id FROM sales.orders");

        assertThat(ids.filter("ssn = '222-22-2222'").collectAsList()).isEmpty();
        assertThat(ids.filter("ssn = sha2('222-22-2222', 256)").collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(2);
        assertThat(ids.filter("amount > 25").collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(3);
    }

    @Test
    void queriesBuiltOnAMaskedDataFrameSeeItsMasksOnceAndTheTableMaskedAgain() throws Exception {
        Dataset<Row> orders = sqlAs("ivan", "SELECT id, ssn FROM sales.orders");
        orders.createOrReplaceTempView("ivans_orders");

        assertThat(orders.where("id = 2").select("ssn").first().getString(0))
                .as("hashed once, not the hash of the hash")
                .isEqualTo(sha256("222-22-2222"));
        List<Row> joined = sqlAs(
                        "ivan",
                        "SELECT o.id, o.ssn, t.ssn FROM ivans_orders o JOIN sales.orders t ON o.id = t.id ORDER BY o.id")
                .collectAsList();
        assertThat(joined).extracting(row -> row.getInt(0)).containsExactly(2, 3);
        assertThat(joined).allSatisfy(row -> assertThat(row.getString(1)).isEqualTo(row.getString(2)));
        assertThat(joined.get(1).getString(1)).isEqualTo(sha256("333-33-3333"));
    }

    @Test
    void nullsStayNullUnderHiveMasksAndCustomMasksSeeThem() throws Exception {
        List<Row> rows = sqlAs("ivan", "SELECT note, email, phone, name FROM sales.contacts ORDER BY note NULLS LAST")
                .collectAsList();

        assertThat(rows.get(0).getString(1)).isEqualTo(sha256("e1@example.com"));
        assertThat(rows.get(0).getString(2))
                .as("CUSTOM nvl({col}, 'none'): Spark replaces nvl before it computes it")
                .isEqualTo("none");
        assertThat(rows.get(0).getString(3)).isEqualTo("xxx xxxxlace");
        assertThat(rows.get(1).isNullAt(1)).as("MASK_HASH of NULL").isTrue();
        assertThat(rows.get(1).getString(2)).isEqualTo("555-0199");
        assertThat(rows.get(1).isNullAt(3)).as("MASK_SHOW_LAST_4 of NULL").isTrue();
    }

    @Test
    void masksComputeTheSameInterpretedAsInGeneratedCode() {
        String query = "SELECT name, phone, email, pin, score, born, balance FROM sales.people"
                + " WHERE name = 'Xxx Xxxxxxxx' AND pin = 1111";
        List<Row> generated = sqlAs("ivan", query).collectAsList();
        SparkSession spark = SparkWithRanger.spark();
        try {
            spark.conf().set("spark.sql.codegen.wholeStage", "false");
            spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");

            assertThat(sqlAs("ivan", query).collectAsList()).isEqualTo(generated);
        } finally {
            spark.conf().unset("spark.sql.codegen.wholeStage");
            spark.conf().unset("spark.sql.codegen.factoryMode");
        }
        assertThat(generated).singleElement().satisfies(row -> assertThat(row.getString(1))
                .isEqualTo("xxx-0100"));
    }

    // Spark computes an expression used twice in a projection once; the mask's own sha2 over email is not the
    // user's sha2 over note, although both read the first (nullable) column of their input.
    @Test
    void aMaskIsNotTakenForTheSameExpressionOverAnotherColumn() throws Exception {
        Row row = sqlAs(
                        "ivan",
                        "SELECT sha2(note, 256) a, sha2(note, 256) b, email FROM sales.contacts ORDER BY note NULLS LAST")
                .first();

        assertThat(row.getString(0)).isEqualTo(sha256("n1")).isEqualTo(row.getString(1));
        assertThat(row.getString(2)).isEqualTo(sha256("e1@example.com"));
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
