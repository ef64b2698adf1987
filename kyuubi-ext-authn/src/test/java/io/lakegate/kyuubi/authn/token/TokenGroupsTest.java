package io.lakegate.kyuubi.authn.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenGroupsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final TokenGroups groups = new TokenGroups(clock, 2);

    private ValidatedToken token(String user, List<String> names, Duration validity) {
        return new ValidatedToken(user, names, clock.instant().plus(validity));
    }

    @Test
    void keepsGroupsUntilTheTokenExpires() {
        groups.record(token("alice", List.of("analysts"), Duration.ofMinutes(10)));

        assertThat(groups.groupsOf("alice")).containsExactly("analysts");
        assertThat(groups.groupsOf("bob")).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(groups.groupsOf("alice")).containsExactly("analysts");
        clock.advance(Duration.ofMinutes(1));
        assertThat(groups.groupsOf("alice")).isEmpty();
    }

    @Test
    void theLastTokenCounts() {
        groups.record(token("alice", List.of("analysts"), Duration.ofHours(1)));
        groups.record(token("alice", List.of("etl"), Duration.ofMinutes(5)));

        assertThat(groups.groupsOf("alice")).containsExactly("etl");
        clock.advance(Duration.ofMinutes(6));
        assertThat(groups.groupsOf("alice")).isEmpty();

        groups.record(token("alice", List.of(), Duration.ofMinutes(5)));
        assertThat(groups.groupsOf("alice")).isEmpty();
    }

    @Test
    void ignoresExpiredTokens() {
        groups.record(token("alice", List.of("analysts"), Duration.ofMinutes(5)));
        groups.record(token("alice", List.of("etl"), Duration.ofMinutes(-1)));

        assertThat(groups.groupsOf("alice")).isEmpty();
    }

    @Test
    void sharedInstanceIsOneForTheProcess() {
        assertThat(TokenGroups.shared()).isSameAs(TokenGroups.shared());
        assertThat(TokenGroups.shared().groupsOf("nobody-" + System.nanoTime())).isEmpty();
    }
}
