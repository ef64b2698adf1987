package io.lakegate.trino.ranger.mask;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Hive SQL of a Hive-service policy (row filters, custom masks, mask conditions) as Trino reads it. The two agree on
 * the predicates policies are written in (comparisons, IN, LIKE, AND/OR, CASE, string literals); what differs is
 * spelled Trino's way here.
 */
public final class HiveExpressions {
    // Hive's current_user() is Trino's current_user, without parentheses; outside string literals only.
    private static final Pattern CURRENT_USER =
            Pattern.compile("(?i)\\bcurrent_user\\s*\\(\\s*\\)(?=(?:[^']*'[^']*')*[^']*$)");

    private HiveExpressions() {}

    /**
     * @throws IllegalArgumentException where the two read the same text differently: Hive takes a backslash in a
     *     string literal as an escape (and as LIKE's escape) and a double-quoted token as a string, Trino neither, so
     *     a filter or mask would silently match or mask something else; such a policy fails the query instead
     */
    public static String toTrino(String hiveExpression) {
        requireNonNull(hiveExpression, "hiveExpression is null");
        if (hiveExpression.indexOf('\\') >= 0 || hiveExpression.indexOf('"') >= 0) {
            throw new IllegalArgumentException("The Ranger policy expression [" + hiveExpression + "] has a backslash"
                    + " or a double quote, which Hive and Trino read differently: write it without them ([0-9] for"
                    + " a digit, single-quoted strings) for it to apply in Trino");
        }
        return CURRENT_USER.matcher(hiveExpression).replaceAll("current_user");
    }
}
