package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What Ranger makes of a user's read of one table: the row filter, if one applies, and the mask of each masked
 * column (columns without a mask, or with {@code MASK_NONE}, are absent).
 */
public record TableProtection(Optional<RowFilter> rowFilter, Map<String, ColumnMask> masks) {
    public TableProtection {
        requireNonNull(rowFilter, "rowFilter is null");
        masks = Map.copyOf(requireNonNull(masks, "masks is null"));
    }
}
