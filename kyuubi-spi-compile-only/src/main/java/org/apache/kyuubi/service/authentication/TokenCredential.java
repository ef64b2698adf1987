package org.apache.kyuubi.service.authentication;

import java.util.Objects;
import scala.collection.immutable.Map;

/**
 * Compile-only copy of Kyuubi's Scala case class {@code TokenCredential(token: String, extraInfo: Map[String,
 * String])}; the client address is under the {@code clientIp} key of {@link #extraInfo()}.
 */
public final class TokenCredential {
    private final String token;
    private final Map<String, String> extraInfo;

    public TokenCredential(String token, Map<String, String> extraInfo) {
        this.token = Objects.requireNonNull(token, "token is null");
        this.extraInfo = Objects.requireNonNull(extraInfo, "extraInfo is null");
    }

    public String token() {
        return token;
    }

    public Map<String, String> extraInfo() {
        return extraInfo;
    }
}
