package io.lakegate.ranger.mask;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * What a Ranger data mask does to a column, in the terms of Ranger's Hive transformers, so that every engine
 * renders the same semantics in its own SQL. Built by {@link MaskSpecs#of}.
 */
public sealed interface MaskSpec {
    /**
     * Hive's {@code mask}: each character replaced by class, each digit of a number by {@code numberDigit} (sign
     * kept), date fields replaced.
     */
    record Redact(CharacterRule characters, int numberDigit, DateRule date) implements MaskSpec {
        public Redact {
            requireNonNull(characters, "characters is null");
            requireNonNull(date, "date is null");
            checkDigit(numberDigit);
        }
    }

    /** Hive's {@code mask_show_first_n} / {@code mask_show_last_n}: all but the first or last {@code count}. */
    record Show(End end, int count, CharacterRule characters, int numberDigit) implements MaskSpec {
        public Show {
            requireNonNull(end, "end is null");
            requireNonNull(characters, "characters is null");
            checkDigit(numberDigit);
            checkCount(count);
        }
    }

    /** Hive's {@code mask_first_n} / {@code mask_last_n}: only the first or last {@code count}. */
    record Partial(End end, int count, CharacterRule characters, int numberDigit) implements MaskSpec {
        public Partial {
            requireNonNull(end, "end is null");
            requireNonNull(characters, "characters is null");
            checkDigit(numberDigit);
            checkCount(count);
        }
    }

    /** Hive's {@code mask_hash}: SHA-256, lower-case hex, of strings; NULL for every other type. */
    record Hash() implements MaskSpec {}

    /** {@code MASK_NULL}. */
    record Nullify() implements MaskSpec {}

    /** {@code CUSTOM}: an expression in the policy's SQL, with {@code {col}} standing for the column. */
    record Custom(String template) implements MaskSpec {
        public Custom {
            requireNonNull(template, "template is null");
        }
    }

    enum End {
        FIRST,
        LAST
    }

    /** The replacement of each character class; empty keeps the character. */
    record CharacterRule(OptionalInt upper, OptionalInt lower, OptionalInt digit, OptionalInt other) {
        public static final CharacterRule HIVE_DEFAULT =
                new CharacterRule(OptionalInt.of('X'), OptionalInt.of('x'), OptionalInt.of('n'), OptionalInt.empty());

        public CharacterRule {
            requireNonNull(upper, "upper is null");
            requireNonNull(lower, "lower is null");
            requireNonNull(digit, "digit is null");
            requireNonNull(other, "other is null");
        }
    }

    /** Replacement date fields, month 1-12; empty keeps the field. */
    record DateRule(OptionalInt year, OptionalInt month, OptionalInt day) {
        public DateRule {
            requireNonNull(year, "year is null");
            requireNonNull(month, "month is null");
            requireNonNull(day, "day is null");
        }
    }

    private static void checkCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
    }

    private static void checkDigit(int digit) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("numberDigit must be 0-9: " + digit);
        }
    }
}
