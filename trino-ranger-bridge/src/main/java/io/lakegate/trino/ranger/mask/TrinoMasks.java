package io.lakegate.trino.ranger.mask;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.mask.MaskSpec;
import io.lakegate.ranger.mask.MaskSpec.CharacterRule;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.CharType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Renders a {@link MaskSpec} as a Trino SQL expression over a column, with the Spark plugin's semantics (those of
 * Ranger's Hive transformers) and the column's own type: the same value masks to the same text in both engines.
 * Where Hive's mask functions define nothing for a type (timestamps, decimals, hashes of numbers, ...) the value
 * becomes NULL: a mask never shows what it cannot mask.
 */
public final class TrinoMasks {
    // One pass over the code points, as Spark's mask(): a replacement is never masked again by a later class.
    private static final String CHARACTER_CLASSES = "'(\\p{Lu})|(\\p{Ll})|(\\p{Nd})|([\\s\\S])'";

    private TrinoMasks() {}

    /**
     * {@code column} is a quoted identifier; {@code condition}, if any, decides per row whether to mask: a row is
     * shown unmasked only where it is false, not where it is NULL. {@code policySql} reads the policy's own SQL (a
     * custom mask, the condition) as Trino's.
     */
    public static String sql(
            MaskSpec spec, String column, Type type, Optional<String> condition, UnaryOperator<String> policySql) {
        requireNonNull(spec, "spec is null");
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(policySql, "policySql is null");
        String masked = "CAST((" + render(spec, column, type, policySql) + ") AS " + type.getDisplayName() + ")";
        return condition
                // Unmasked only where the condition is false: where it is NULL, the value stays masked.
                .map(when -> "CASE WHEN NOT (" + policySql.apply(when).replace("{col}", column) + ") THEN " + column
                        + " ELSE " + masked + " END")
                .orElse(masked);
    }

    private static String render(MaskSpec spec, String c, Type type, UnaryOperator<String> policySql) {
        return switch (spec) {
            case MaskSpec.Nullify ignored -> "NULL";
            case MaskSpec.Custom custom -> policySql.apply(custom.template()).replace("{col}", c);
            case MaskSpec.Hash ignored -> isString(type) ? "lower(to_hex(sha256(to_utf8(" + c + "))))" : "NULL";
            case MaskSpec.Redact redact -> {
                if (isString(type)) {
                    yield mask(c, redact.characters());
                }
                if (isIntegral(type)) {
                    yield digits("CAST(" + c + " AS varchar)", redact.numberDigit());
                }
                if (type instanceof DateType) {
                    // Spark's make_date gives NULL for a day the month does not have; try() does the same here.
                    yield "try(CAST(format('%04d-%02d-%02d', "
                            + field(redact.date().year(), "year(" + c + ")") + ", "
                            + field(redact.date().month(), "month(" + c + ")") + ", "
                            + field(redact.date().day(), "day(" + c + ")") + ") AS date))";
                }
                yield "NULL";
            }
            case MaskSpec.Show show -> {
                boolean last = show.end() == MaskSpec.End.LAST;
                if (isString(type)) {
                    yield showEnd(c, show.count(), last, part -> mask(part, show.characters()));
                }
                if (isIntegral(type)) {
                    yield signed(
                            c,
                            showEnd(
                                    "CAST(abs(" + c + ") AS varchar)",
                                    show.count(),
                                    last,
                                    part -> digits(part, show.numberDigit())));
                }
                yield "NULL";
            }
            case MaskSpec.Partial partial -> {
                boolean last = partial.end() == MaskSpec.End.LAST;
                if (isString(type)) {
                    yield maskEnd(c, partial.count(), last, part -> mask(part, partial.characters()));
                }
                if (isIntegral(type)) {
                    yield signed(
                            c,
                            maskEnd(
                                    "CAST(abs(" + c + ") AS varchar)",
                                    partial.count(),
                                    last,
                                    part -> digits(part, partial.numberDigit())));
                }
                yield "NULL";
            }
        };
    }

    /** Masks all but {@code n} characters at one end; values of {@code n} characters or fewer stay as they are. */
    private static String showEnd(String s, int n, boolean keepLast, UnaryOperator<String> mask) {
        String masked = keepLast
                ? "concat(" + mask.apply("substr(" + s + ", 1, length(" + s + ") - " + n + ")") + ", substr(" + s
                        + ", length(" + s + ") - " + n + " + 1))"
                : "concat(substr(" + s + ", 1, " + n + "), " + mask.apply("substr(" + s + ", " + n + " + 1)") + ")";
        return "CASE WHEN length(" + s + ") <= " + n + " THEN " + s + " ELSE " + masked + " END";
    }

    /** Masks only {@code n} characters at one end; shorter values are masked whole. */
    private static String maskEnd(String s, int n, boolean maskLast, UnaryOperator<String> mask) {
        String masked = maskLast
                ? "concat(substr(" + s + ", 1, length(" + s + ") - " + n + "), "
                        + mask.apply("substr(" + s + ", length(" + s + ") - " + n + " + 1)") + ")"
                : "concat(" + mask.apply("substr(" + s + ", 1, " + n + ")") + ", substr(" + s + ", " + n + " + 1))";
        return "CASE WHEN length(" + s + ") <= " + n + " THEN " + mask.apply(s) + " ELSE " + masked + " END";
    }

    // Hive masks the digits of a number's absolute value and keeps its sign.
    private static String signed(String c, String digitsOfAbs) {
        return "concat(CASE WHEN " + c + " < 0 THEN '-' ELSE '' END, " + digitsOfAbs + ")";
    }

    private static String mask(String s, CharacterRule rule) {
        return "regexp_replace(CAST(" + s + " AS varchar), " + CHARACTER_CLASSES + ", g -> CASE"
                + " WHEN g[1] IS NOT NULL THEN " + replacement(rule.upper(), "g[1]")
                + " WHEN g[2] IS NOT NULL THEN " + replacement(rule.lower(), "g[2]")
                + " WHEN g[3] IS NOT NULL THEN " + replacement(rule.digit(), "g[3]")
                + " ELSE " + replacement(rule.other(), "g[4]") + " END)";
    }

    private static String digits(String s, int digit) {
        return "regexp_replace(" + s + ", '[0-9]', '" + digit + "')";
    }

    private static String replacement(OptionalInt codePoint, String keep) {
        if (codePoint.isEmpty()) {
            return keep;
        }
        return "'" + new String(Character.toChars(codePoint.getAsInt())).replace("'", "''") + "'";
    }

    private static String field(OptionalInt value, String keep) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : keep;
    }

    private static boolean isString(Type type) {
        return type instanceof VarcharType || type instanceof CharType;
    }

    private static boolean isIntegral(Type type) {
        return type instanceof TinyintType
                || type instanceof SmallintType
                || type instanceof IntegerType
                || type instanceof BigintType;
    }
}
