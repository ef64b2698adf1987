package io.lakegate.kyuubi.routing.limits;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A count ({@code 10}, {@code 0.5}) or a size ({@code 4g}, {@code 512 mb}, {@code 2048m}, counted in bytes), as
 * Spark and Flink write resources.
 */
public record Quantity(BigDecimal amount, boolean size) implements Comparable<Quantity> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    public Quantity {
        requireNonNull(amount, "amount is null");
    }

    /** A limit as the rules file writes it; throws {@link IllegalArgumentException} if it is neither form. */
    public static Quantity parse(String text) {
        return read(text, false, 1)
                .or(() -> read(text, true, 1))
                .orElseThrow(() -> new IllegalArgumentException(
                        "[" + text + "] is neither a number (10, 0.5) nor a size (4g, 512m, 2 gb)"));
    }

    /**
     * A client's value read the way this limit is: as a count, or as a size where a bare number counts
     * {@code bareUnit} bytes (MiB for Spark's memory settings, bytes for Flink's). Empty if it is not of that form.
     */
    public Optional<Quantity> readAlike(String text, long bareUnit) {
        return read(text, size, bareUnit);
    }

    private static Optional<Quantity> read(String text, boolean size, long bareUnit) {
        // Longer is no resource anyone means, and BigDecimal's parsing time grows with the square of the digits.
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2);
        if (!size) {
            return unit.isEmpty() ? Optional.of(new Quantity(number, false)) : Optional.empty();
        }
        long bytes = unit.isEmpty() ? bareUnit : bytesPer(unit);
        return bytes == 0
                ? Optional.empty()
                : Optional.of(new Quantity(number.multiply(BigDecimal.valueOf(bytes)), true));
    }

    private static long bytesPer(String unit) {
        return switch (unit) {
            case "b", "byte", "bytes" -> 1L;
            case "k", "kb", "kib", "kibibytes", "kilobytes" -> 1L << 10;
            case "m", "mb", "mib", "mebibytes", "megabytes" -> 1L << 20;
            case "g", "gb", "gib", "gibibytes", "gigabytes" -> 1L << 30;
            case "t", "tb", "tib", "tebibytes", "terabytes" -> 1L << 40;
            case "p", "pb", "pib" -> 1L << 50;
            default -> 0L;
        };
    }

    @Override
    public int compareTo(Quantity other) {
        return amount.compareTo(other.amount);
    }
}
