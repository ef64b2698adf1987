package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a routing decision may look at: the session user, their groups, the session conf as Kyuubi hands it to an
 * advisor (the client's keys and the ones Kyuubi adds) and the client address, parsed once.
 */
public record SessionRequest(String user, Set<String> groups, Map<String, String> conf, Optional<byte[]> address) {
    /** The key under which Kyuubi's frontends put the client address (KyuubiReservedKeys, v1.10.3). */
    public static final String CLIENT_IP = "kyuubi.client.ipAddress";

    public SessionRequest {
        requireNonNull(user, "user is null");
        groups = Set.copyOf(requireNonNull(groups, "groups is null"));
        conf = Map.copyOf(requireNonNull(conf, "conf is null"));
        requireNonNull(address, "address is null");
    }

    /** Kyuubi upper-cases these two settings when it reads them; rules compare them as Kyuubi will use them. */
    private static final Set<String> UPPER_CASED = Set.of("kyuubi.engine.type", "kyuubi.engine.share.level");

    public static SessionRequest of(String user, Set<String> groups, Map<String, String> conf) {
        Map<String, String> normalized = new HashMap<>(conf);
        UPPER_CASED.forEach(key -> normalized.computeIfPresent(key, (k, value) -> value.toUpperCase(Locale.ROOT)));
        return new SessionRequest(user, groups, normalized, AddressRange.literal(conf.get(CLIENT_IP)));
    }
}
