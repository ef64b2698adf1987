package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the operator's options say beyond the homes: Ranger Admin (or the policy server), the Hive service whose
 * policies apply, and the OpenLineage receiver, if lineage is wanted.
 */
public record InstallSettings(String rangerUrl, String rangerService, Optional<String> lineageUrl) {
    public static final String DEFAULT_RANGER_URL = "http://localhost:6080";
    public static final String DEFAULT_RANGER_SERVICE = "hive";

    public InstallSettings {
        requireNonNull(rangerUrl, "rangerUrl is null");
        requireNonNull(rangerService, "rangerService is null");
        requireNonNull(lineageUrl, "lineageUrl is null");
    }
}
