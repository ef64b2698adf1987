package io.lakegate.kyuubi.authn.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthnSettingsTest {
    @Test
    void secretsComeFromTheValueAFileOrAnEnvironmentVariableButOnlyOne() {
        assertThatThrownBy(
                        () -> AuthnSettings.of(Map.of("k", "v", "k.file", "/x")).secret("k"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("more than once");
        assertThatThrownBy(() -> AuthnSettings.of(Map.of("k.env", "NOT_SET"), name -> null)
                        .secret("k"))
                .hasMessageContaining("[k.env]")
                .hasMessageContaining("NOT_SET");
        assertThat(AuthnSettings.of(Map.of("k.env", "SECRET"), name -> name.equals("SECRET") ? "s3cret" : null)
                        .secret("k"))
                .contains("s3cret");
        assertThatThrownBy(() ->
                        AuthnSettings.of(Map.of("k.file", "/does/not/exist")).secret("k"))
                .hasMessageContaining("[k.file]");
    }

    @Test
    void durationsAreIsoOrMillisecondsAsInKyuubi() {
        AuthnSettings settings = AuthnSettings.of(Map.of("a", "PT1M", "b", "1500", "c", "1 minute", "d", "-PT1S"));
        assertThat(settings.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.duration("b", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> settings.duration("c", Duration.ZERO)).hasMessageContaining("[c]");
        assertThatThrownBy(() -> settings.duration("d", Duration.ZERO)).hasMessageContaining("negative");
        assertThat(settings.duration("missing", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void settingsNeverPrintTheirValues() {
        assertThat(AuthnSettings.of(Map.of("kyuubi.authentication.lakegate.ldap.bindPassword", "s3cret"))
                        .toString())
                .doesNotContain("s3cret");
    }
}
