package io.lakegate.ranger.mask;

import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.mask.MaskSpec.CharacterRule;
import io.lakegate.ranger.mask.MaskSpec.DateRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Ranger data mask into a {@link MaskSpec}. Masks with a transformer are read from the transformer
 * template of the service definition ({@code mask_show_last_n({col}, 4, 'x', 'x', 'x', -1, '1')} and the like),
 * with Hive's argument defaults and bounds, so an operator's own templates work too. A transformer this does not
 * know is refused: engines must then fail the query rather than show the column.
 */
public final class MaskSpecs {
    private static final Pattern CALL = Pattern.compile("\\s*(\\w+)\\s*\\(\\s*\\{col}\\s*(?:,(.*))?\\)\\s*");
    private static final int UNMASKED = -1;
    // The Hive service definition's transformers: what a mask type means in every Lakegate engine.
    private static final Map<String, String> HIVE_TRANSFORMERS = Map.of(
            "MASK", "mask({col})",
            "MASK_SHOW_LAST_4", "mask_show_last_n({col}, 4, 'x', 'x', 'x', -1, '1')",
            "MASK_SHOW_FIRST_4", "mask_show_first_n({col}, 4, 'x', 'x', 'x', -1, '1')",
            "MASK_HASH", "mask_hash({col})",
            "MASK_DATE_SHOW_YEAR", "mask({col}, 'x', 'x', 'x', -1, '1', 1, 0, -1)");

    private MaskSpecs() {}

    public static MaskSpec of(ColumnMask mask) {
        if ("MASK_NULL".equalsIgnoreCase(mask.maskType())) {
            return new MaskSpec.Nullify();
        }
        if ("CUSTOM".equalsIgnoreCase(mask.maskType())) {
            return new MaskSpec.Custom(mask.customExpression()
                    .orElseThrow(() -> new UnsupportedMaskException(
                            "CUSTOM mask of Ranger policy " + mask.policyId() + " has no value expression")));
        }
        String transformer = mask.transformer()
                .orElseThrow(() -> new UnsupportedMaskException("Mask type " + mask.maskType() + " of Ranger policy "
                        + mask.policyId() + " has no transformer in the service definition"));
        return parse(transformer, mask.policyId());
    }

    /**
     * A mask of a service whose transformers are not Hive's (the {@code trino} service's are Trino SQL templates),
     * read by its mask type as the Hive service defines that type, so that a {@code MASK_HASH} masks alike in every
     * engine whichever service it comes from. A type the Hive service does not define is refused.
     */
    public static MaskSpec ofHiveType(ColumnMask mask) {
        String type = mask.maskType().toUpperCase(Locale.ROOT);
        if (type.equals("MASK_NULL") || type.equals("CUSTOM")) {
            return of(mask);
        }
        String transformer = HIVE_TRANSFORMERS.get(type);
        if (transformer == null) {
            throw new UnsupportedMaskException("Mask type " + mask.maskType() + " of Ranger policy " + mask.policyId()
                    + " is no mask type of Ranger's Hive service");
        }
        return parse(transformer, mask.policyId());
    }

    static MaskSpec parse(String transformer, long policyId) {
        Matcher call = CALL.matcher(transformer);
        if (!call.matches()) {
            throw unsupported(transformer, policyId);
        }
        List<String> args = arguments(call.group(2), transformer, policyId);
        switch (call.group(1).toLowerCase(Locale.ROOT)) {
            case "mask":
                return new MaskSpec.Redact(
                        characters(args, 0),
                        numberDigit(args, 4),
                        new DateRule(
                                field(intArg(args, 7, 0), UNMASKED),
                                field(monthArg(intArg(args, 6, 0)), UNMASKED),
                                field(dayArg(intArg(args, 5, 1)), UNMASKED)));
            case "mask_hash":
                return new MaskSpec.Hash();
            case "mask_show_first_n":
            case "mask_show_last_n":
            case "mask_first_n":
            case "mask_last_n":
                String function = call.group(1).toLowerCase(Locale.ROOT);
                MaskSpec.End end = function.contains("first") ? MaskSpec.End.FIRST : MaskSpec.End.LAST;
                int count = Math.max(intArg(args, 0, 4), 0);
                CharacterRule characters = characters(args, 1);
                int digit = numberDigit(args, 5);
                return function.startsWith("mask_show")
                        ? new MaskSpec.Show(end, count, characters, digit)
                        : new MaskSpec.Partial(end, count, characters, digit);
            default:
                throw unsupported(transformer, policyId);
        }
    }

    private static CharacterRule characters(List<String> args, int first) {
        CharacterRule defaults = CharacterRule.HIVE_DEFAULT;
        return new CharacterRule(
                charArg(args, first, defaults.upper()),
                charArg(args, first + 1, defaults.lower()),
                charArg(args, first + 2, defaults.digit()),
                charArg(args, first + 3, defaults.other()));
    }

    // Hive: a digit outside 0-9 falls back to 1.
    private static int numberDigit(List<String> args, int index) {
        int digit = intArg(args, index, 1);
        return digit < 0 || digit > 9 ? 1 : digit;
    }

    // Hive's month argument is 0-11; an out-of-range one falls back to January.
    private static int monthArg(int hiveMonth) {
        if (hiveMonth == UNMASKED) {
            return UNMASKED;
        }
        return hiveMonth < 0 || hiveMonth > 11 ? 1 : hiveMonth + 1;
    }

    private static int dayArg(int day) {
        if (day == UNMASKED) {
            return UNMASKED;
        }
        return day < 1 || day > 31 ? 1 : day;
    }

    private static OptionalInt field(int value, int unmasked) {
        return value == unmasked ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalInt charArg(List<String> args, int index, OptionalInt defaultValue) {
        if (index >= args.size()) {
            return defaultValue;
        }
        String arg = args.get(index);
        if (arg.startsWith("'")) {
            String text = arg.substring(1, arg.length() - 1);
            return text.isEmpty() ? defaultValue : OptionalInt.of(text.codePointAt(0));
        }
        int value = Integer.parseInt(arg);
        return value == UNMASKED ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static int intArg(List<String> args, int index, int defaultValue) {
        if (index >= args.size()) {
            return defaultValue;
        }
        String arg = args.get(index);
        return Integer.parseInt(arg.startsWith("'") ? arg.substring(1, arg.length() - 1) : arg);
    }

    private static List<String> arguments(String text, String transformer, long policyId) {
        List<String> args = new ArrayList<>();
        if (text == null) {
            return args;
        }
        for (String raw : text.split(",")) {
            String arg = raw.trim();
            if (!arg.matches("'[^']*'|-?\\d+")) {
                throw unsupported(transformer, policyId);
            }
            args.add(arg);
        }
        return args;
    }

    private static UnsupportedMaskException unsupported(String transformer, long policyId) {
        return new UnsupportedMaskException("Mask transformer [" + transformer + "] of Ranger policy " + policyId
                + " is not one of Hive's mask, mask_show_first_n, mask_show_last_n, mask_first_n, mask_last_n,"
                + " mask_hash with literal arguments");
    }
}
