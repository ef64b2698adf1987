package io.lakegate.ranger.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.mask.MaskSpec.CharacterRule;
import io.lakegate.ranger.mask.MaskSpec.DateRule;
import io.lakegate.ranger.mask.MaskSpec.End;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Ranger's own Hive service definition's mask types, read as every engine must apply them. */
class MaskSpecsTest {
    private static final CharacterRule LOWER_X =
            new CharacterRule(OptionalInt.of('x'), OptionalInt.of('x'), OptionalInt.of('x'), OptionalInt.empty());

    @Test
    void readsEveryMaskTypeOfRangersHiveServiceDefinition() throws IOException {
        Map<String, Optional<String>> transformers = hiveTransformers();

        assertThat(spec(transformers, "MASK"))
                .isEqualTo(new MaskSpec.Redact(
                        CharacterRule.HIVE_DEFAULT,
                        1,
                        new DateRule(OptionalInt.of(0), OptionalInt.of(1), OptionalInt.of(1))));
        assertThat(spec(transformers, "MASK_SHOW_LAST_4")).isEqualTo(new MaskSpec.Show(End.LAST, 4, LOWER_X, 1));
        assertThat(spec(transformers, "MASK_SHOW_FIRST_4")).isEqualTo(new MaskSpec.Show(End.FIRST, 4, LOWER_X, 1));
        assertThat(spec(transformers, "MASK_HASH")).isEqualTo(new MaskSpec.Hash());
        assertThat(spec(transformers, "MASK_NULL")).isEqualTo(new MaskSpec.Nullify());
        assertThat(spec(transformers, "MASK_DATE_SHOW_YEAR"))
                .isEqualTo(new MaskSpec.Redact(
                        LOWER_X, 1, new DateRule(OptionalInt.empty(), OptionalInt.of(1), OptionalInt.of(1))));
        assertThat(MaskSpecs.of(new ColumnMask(
                        "CUSTOM",
                        Optional.of("concat('***', substr({col}, -2))"),
                        Optional.empty(),
                        Optional.empty(),
                        9)))
                .isEqualTo(new MaskSpec.Custom("concat('***', substr({col}, -2))"));
    }

    @Test
    void aTrinoServiceMaskMeansWhatTheHiveServicesMaskOfItsTypeMeans() throws IOException {
        Map<String, Optional<String>> hive = hiveTransformers();
        // The trino service's transformers are Trino SQL templates: its masks are read by type, as Hive's.
        for (String type : new String[] {
            "MASK", "MASK_SHOW_LAST_4", "MASK_SHOW_FIRST_4", "MASK_HASH", "MASK_NULL", "MASK_DATE_SHOW_YEAR"
        }) {
            ColumnMask trino = new ColumnMask(
                    type,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("cast(to_hex(sha256(to_utf8({col}))) as {type})"),
                    3);
            assertThat(MaskSpecs.ofHiveType(trino)).as(type).isEqualTo(spec(hive, type));
        }
        assertThatThrownBy(() -> MaskSpecs.ofHiveType(new ColumnMask(
                        "MASK_SOMETHING", Optional.empty(), Optional.empty(), Optional.of("x({col})"), 4)))
                .isInstanceOf(UnsupportedMaskException.class)
                .hasMessageContaining("MASK_SOMETHING of Ranger policy 4 is no mask type of Ranger's Hive service");
    }

    @Test
    void operatorsOwnTemplatesGetHivesDefaultsAndBounds() {
        assertThat(MaskSpecs.parse("mask_last_n({col}, 2)", 1))
                .isEqualTo(new MaskSpec.Partial(End.LAST, 2, CharacterRule.HIVE_DEFAULT, 1));
        assertThat(MaskSpecs.parse("mask({col}, '*', '*', '#', '-', '42', 40, 12, 1999)", 1))
                .isEqualTo(new MaskSpec.Redact(
                        new CharacterRule(
                                OptionalInt.of('*'), OptionalInt.of('*'), OptionalInt.of('#'), OptionalInt.of('-')),
                        1,
                        new DateRule(OptionalInt.of(1999), OptionalInt.of(1), OptionalInt.of(1))));
    }

    @Test
    void refusesWhatNoEngineCouldApplyFaithfully() {
        assertThatThrownBy(() -> MaskSpecs.parse("my_udf({col})", 7))
                .isInstanceOf(UnsupportedMaskException.class)
                .hasMessageContaining("[my_udf({col})] of Ranger policy 7");
        assertThatThrownBy(() -> MaskSpecs.parse("mask({col}, upper('x'))", 7))
                .isInstanceOf(UnsupportedMaskException.class);
        assertThatThrownBy(() ->
                        MaskSpecs.of(new ColumnMask("CUSTOM", Optional.empty(), Optional.empty(), Optional.empty(), 8)))
                .isInstanceOf(UnsupportedMaskException.class)
                .hasMessageContaining("policy 8 has no value expression");
    }

    private static MaskSpec spec(Map<String, Optional<String>> transformers, String type) {
        return MaskSpecs.of(new ColumnMask(type, Optional.empty(), Optional.empty(), transformers.get(type), 1));
    }

    private static Map<String, Optional<String>> hiveTransformers() throws IOException {
        try (InputStream in = MaskSpecsTest.class.getResourceAsStream("/service-defs/ranger-servicedef-hive.json")) {
            JsonNode maskTypes =
                    new ObjectMapper().readTree(in).path("dataMaskDef").path("maskTypes");
            Map<String, Optional<String>> transformers = new HashMap<>();
            for (JsonNode maskType : maskTypes) {
                JsonNode transformer = maskType.get("transformer");
                transformers.put(
                        maskType.get("name").asText(),
                        transformer == null || transformer.isNull()
                                ? Optional.empty()
                                : Optional.of(transformer.asText()));
            }
            return transformers;
        }
    }
}
