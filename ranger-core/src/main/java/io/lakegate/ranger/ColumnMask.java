package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A Ranger data-mask policy's decision for one column. {@code maskType} is the mask's name in the service
 * definition ({@code MASK}, {@code MASK_SHOW_LAST_4}, ..., {@code CUSTOM}); {@code customExpression} is the
 * policy's value expression for {@code CUSTOM}, with {@code {col}} standing for the column; {@code condition} is
 * the policy's {@code conditionExpr}, under which alone the mask applies; {@code transformer} is the service
 * definition's transformer template (Hive UDFs for the Hive service), which each engine translates.
 */
public record ColumnMask(
        String maskType,
        Optional<String> customExpression,
        Optional<String> condition,
        Optional<String> transformer,
        long policyId) {
    public ColumnMask {
        requireNonNull(maskType, "maskType is null");
        requireNonNull(customExpression, "customExpression is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(transformer, "transformer is null");
    }
}
