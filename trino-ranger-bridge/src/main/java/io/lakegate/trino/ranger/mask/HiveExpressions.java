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

    public static String toTrino(String hiveExpression) {
        requireNonNull(hiveExpression, "hiveExpression is null");
        return CURRENT_USER.matcher(hiveExpression).replaceAll("current_user");
    }
}
