package io.lakegate.lineage.hub.store;

import java.util.List;

/** One page of a listing and the total it is a page of. */
public record Page<T>(List<T> items, long totalCount) {
    public Page {
        items = List.copyOf(items);
    }
}
