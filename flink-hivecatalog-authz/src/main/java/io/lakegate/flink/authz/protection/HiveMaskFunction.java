package io.lakegate.flink.authz.protection;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.mask.MaskSpec;
import io.lakegate.ranger.mask.MaskSpec.CharacterRule;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.OptionalInt;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * One Ranger Hive mask ({@code mask}, {@code mask_show_first_n}, {@code mask_show_last_n}, {@code mask_first_n},
 * {@code mask_last_n}) over strings, integral numbers and dates, with exactly the Spark plugin's semantics: each
 * character replaced by its class (upper, lower, digit, other), each decimal digit of a number by the number digit
 * with its sign kept, date fields replaced. Registered only in the guard's own planner, under a name no statement
 * can reach, so no user function can shadow it.
 */
public final class HiveMaskFunction extends ScalarFunction {
    private static final long serialVersionUID = 1L;
    private static final int KEEP = -1;

    private enum Kind {
        REDACT,
        SHOW,
        PARTIAL
    }

    private final Kind kind;
    private final boolean last;
    private final int count;
    private final int upper;
    private final int lower;
    private final int digit;
    private final int other;
    private final int numberDigit;
    private final int year;
    private final int month;
    private final int day;

    private HiveMaskFunction(
            Kind kind, boolean last, int count, CharacterRule characters, int numberDigit, MaskSpec.DateRule date) {
        this.kind = kind;
        this.last = last;
        this.count = count;
        this.upper = codePoint(characters.upper());
        this.lower = codePoint(characters.lower());
        this.digit = codePoint(characters.digit());
        this.other = codePoint(characters.other());
        this.numberDigit = numberDigit;
        this.year = codePoint(date.year());
        this.month = codePoint(date.month());
        this.day = codePoint(date.day());
    }

    private static final MaskSpec.DateRule NO_DATE =
            new MaskSpec.DateRule(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    static HiveMaskFunction of(MaskSpec.Redact redact) {
        return new HiveMaskFunction(Kind.REDACT, false, 0, redact.characters(), redact.numberDigit(), redact.date());
    }

    static HiveMaskFunction of(MaskSpec.Show show) {
        return new HiveMaskFunction(
                Kind.SHOW,
                show.end() == MaskSpec.End.LAST,
                show.count(),
                show.characters(),
                show.numberDigit(),
                NO_DATE);
    }

    static HiveMaskFunction of(MaskSpec.Partial partial) {
        return new HiveMaskFunction(
                Kind.PARTIAL,
                partial.end() == MaskSpec.End.LAST,
                partial.count(),
                partial.characters(),
                partial.numberDigit(),
                NO_DATE);
    }

    public String eval(String value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case REDACT -> characters(value);
            case SHOW -> show(value, this::characters);
            case PARTIAL -> partial(value, this::characters);
        };
    }

    public Long eval(Long value) {
        return value == null ? null : number(value, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public Integer eval(Integer value) {
        Long masked = value == null ? null : number(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return masked == null ? null : masked.intValue();
    }

    public Short eval(Short value) {
        Long masked = value == null ? null : number(value, Short.MIN_VALUE, Short.MAX_VALUE);
        return masked == null ? null : masked.shortValue();
    }

    public Byte eval(Byte value) {
        Long masked = value == null ? null : number(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        return masked == null ? null : masked.byteValue();
    }

    /** Only {@code mask} defines dates; the others make them NULL, as Spark's rendering does. */
    public LocalDate eval(LocalDate value) {
        if (value == null || kind != Kind.REDACT) {
            return null;
        }
        try {
            return LocalDate.of(
                    year == KEEP ? value.getYear() : year,
                    month == KEEP ? value.getMonthValue() : month,
                    day == KEEP ? value.getDayOfMonth() : day);
        } catch (DateTimeException invalid) {
            // Spark's make_date gives NULL for a date that does not exist.
            return null;
        }
    }

    // A number masks the digits of its absolute value and keeps its sign; a result out of the type's range is NULL,
    // as Spark's cast back to the type gives.
    private Long number(long value, long min, long max) {
        String text = Long.toString(value);
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        String masked =
                switch (kind) {
                    case REDACT -> numberDigits(digits);
                    case SHOW -> show(digits, this::numberDigits);
                    case PARTIAL -> partial(digits, this::numberDigits);
                };
        try {
            long result = Long.parseLong((negative ? "-" : "") + masked);
            return result < min || result > max ? null : result;
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    private interface Masker {
        String mask(String part);
    }

    // All but count characters at one end masked; values of count characters or fewer stay as they are.
    private String show(String value, Masker masker) {
        int length = value.codePointCount(0, value.length());
        if (length <= count) {
            return value;
        }
        return last
                ? masker.mask(prefix(value, length - count)) + suffixFrom(value, length - count)
                : prefix(value, count) + masker.mask(suffixFrom(value, count));
    }

    // Only count characters at one end masked; shorter values masked whole.
    private String partial(String value, Masker masker) {
        int length = value.codePointCount(0, value.length());
        if (length <= count) {
            return masker.mask(value);
        }
        return last
                ? prefix(value, length - count) + masker.mask(suffixFrom(value, length - count))
                : masker.mask(prefix(value, count)) + suffixFrom(value, count);
    }

    private static String prefix(String value, int codePoints) {
        return value.substring(0, value.offsetByCodePoints(0, codePoints));
    }

    private static String suffixFrom(String value, int codePoints) {
        return value.substring(value.offsetByCodePoints(0, codePoints));
    }

    private String characters(String value) {
        StringBuilder masked = new StringBuilder(value.length());
        value.codePoints().forEach(c -> masked.appendCodePoint(replacement(c)));
        return masked.toString();
    }

    private int replacement(int c) {
        int replacement;
        if (Character.isUpperCase(c)) {
            replacement = upper;
        } else if (Character.isLowerCase(c)) {
            replacement = lower;
        } else if (Character.isDigit(c)) {
            replacement = digit;
        } else {
            replacement = other;
        }
        return replacement == KEEP ? c : replacement;
    }

    private String numberDigits(String digits) {
        return digits.replaceAll("[0-9]", Integer.toString(numberDigit));
    }

    private static int codePoint(OptionalInt value) {
        requireNonNull(value, "value is null");
        return value.orElse(KEEP);
    }
}
