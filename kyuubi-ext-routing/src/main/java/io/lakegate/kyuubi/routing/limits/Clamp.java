package io.lakegate.kyuubi.routing.limits;

import static java.util.Objects.requireNonNull;

/** A client's setting lowered to its limit: logged, and shown by {@code explain}. */
public record Clamp(String key, String asked, String granted, int limitLine) {
    public Clamp {
        requireNonNull(key, "key is null");
        requireNonNull(asked, "asked is null");
        requireNonNull(granted, "granted is null");
    }
}
