package io.lakegate.spark.authz.protection;

import io.lakegate.ranger.mask.MaskSpec;
import io.lakegate.ranger.mask.MaskSpec.CharacterRule;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;

/**
 * Renders a {@link MaskSpec} as a Spark SQL expression over a column, with the semantics of Ranger's Hive
 * transformers and the column's own type. Where Hive's mask functions define nothing for a type (timestamps,
 * decimals, hashes of numbers, ...) the value becomes NULL: a mask never shows what it cannot mask.
 */
public final class SparkMasks {
    private SparkMasks() {}

    /**
     * {@code column} is a quoted identifier; {@code condition}, if any, decides per row whether to mask: a row is
     * shown unmasked only where it is false, not where it is NULL.
     */
    public static String sql(MaskSpec spec, String column, DataType type, Optional<String> condition) {
        String masked = "CAST((" + render(spec, column, type) + ") AS " + type.sql() + ")";
        return condition
                // Unmasked only where the condition is false: where it is NULL, the value stays masked.
                .map(when -> "CASE WHEN NOT (" + when.replace("{col}", column) + ") THEN " + column + " ELSE " + masked
                        + " END")
                .orElse(masked);
    }

    private static String render(MaskSpec spec, String c, DataType type) {
        if (spec instanceof MaskSpec.Nullify) {
            return "NULL";
        }
        if (spec instanceof MaskSpec.Custom custom) {
            return custom.template().replace("{col}", c);
        }
        if (spec instanceof MaskSpec.Hash) {
            return isString(type) ? "sha2(" + c + ", 256)" : "NULL";
        }
        if (spec instanceof MaskSpec.Redact redact) {
            if (isString(type)) {
                return mask(c, redact.characters());
            }
            if (isIntegral(type)) {
                return digits("CAST(" + c + " AS STRING)", redact.numberDigit());
            }
            if (type instanceof DateType) {
                return "make_date(" + field(redact.date().year(), "year(" + c + ")") + ", "
                        + field(redact.date().month(), "month(" + c + ")") + ", "
                        + field(redact.date().day(), "day(" + c + ")") + ")";
            }
            return "NULL";
        }
        if (spec instanceof MaskSpec.Show show) {
            boolean last = show.end() == MaskSpec.End.LAST;
            if (isString(type)) {
                return showEnd(c, show.count(), last, part -> mask(part, show.characters()));
            }
            if (isIntegral(type)) {
                return signed(
                        c,
                        showEnd(
                                "CAST(abs(" + c + ") AS STRING)",
                                show.count(),
                                last,
                                part -> digits(part, show.numberDigit())));
            }
            return "NULL";
        }
        if (spec instanceof MaskSpec.Partial partial) {
            boolean last = partial.end() == MaskSpec.End.LAST;
            if (isString(type)) {
                return maskEnd(c, partial.count(), last, part -> mask(part, partial.characters()));
            }
            if (isIntegral(type)) {
                return signed(
                        c,
                        maskEnd(
                                "CAST(abs(" + c + ") AS STRING)",
                                partial.count(),
                                last,
                                part -> digits(part, partial.numberDigit())));
            }
            return "NULL";
        }
        throw new IllegalStateException("Unknown mask " + spec);
    }

    /** Masks all but {@code n} characters at one end; values of {@code n} characters or fewer stay as they are. */
    private static String showEnd(String s, int n, boolean keepLast, UnaryOperator<String> mask) {
        String masked = keepLast
                ? "concat(" + mask.apply("substring(" + s + ", 1, length(" + s + ") - " + n + ")") + ", substring(" + s
                        + ", length(" + s + ") - " + n + " + 1))"
                : "concat(substring(" + s + ", 1, " + n + "), " + mask.apply("substring(" + s + ", " + n + " + 1)")
                        + ")";
        return "CASE WHEN length(" + s + ") <= " + n + " THEN " + s + " ELSE " + masked + " END";
    }

    /** Masks only {@code n} characters at one end; shorter values are masked whole. */
    private static String maskEnd(String s, int n, boolean maskLast, UnaryOperator<String> mask) {
        String masked = maskLast
                ? "concat(substring(" + s + ", 1, length(" + s + ") - " + n + "), "
                        + mask.apply("substring(" + s + ", length(" + s + ") - " + n + " + 1)") + ")"
                : "concat(" + mask.apply("substring(" + s + ", 1, " + n + ")") + ", substring(" + s + ", " + n
                        + " + 1))";
        return "CASE WHEN length(" + s + ") <= " + n + " THEN " + mask.apply(s) + " ELSE " + masked + " END";
    }

    // Hive masks the digits of a number's absolute value and keeps its sign.
    private static String signed(String c, String digitsOfAbs) {
        return "concat(CASE WHEN " + c + " < 0 THEN '-' ELSE '' END, " + digitsOfAbs + ")";
    }

    private static String mask(String s, CharacterRule rule) {
        return "mask(" + s + ", " + character(rule.upper()) + ", " + character(rule.lower()) + ", "
                + character(rule.digit()) + ", " + character(rule.other()) + ")";
    }

    private static String digits(String s, int digit) {
        return "regexp_replace(" + s + ", '[0-9]', '" + digit + "')";
    }

    private static String character(OptionalInt codePoint) {
        if (codePoint.isEmpty()) {
            return "NULL";
        }
        String text = new String(Character.toChars(codePoint.getAsInt()));
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String field(OptionalInt value, String keep) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : keep;
    }

    private static boolean isString(DataType type) {
        return type instanceof StringType;
    }

    private static boolean isIntegral(DataType type) {
        return type instanceof ByteType
                || type instanceof ShortType
                || type instanceof IntegerType
                || type instanceof LongType;
    }
}
