package io.lakegate.lineage.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.lineage.hub.HubConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's options: what an operator types, and what stops it with a message naming the option. */
class LineageHubMainTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToAnEmbeddedStoreOnLoopbackAndMarquezPort() {
        HubConfig config = LineageHubMain.parse(new String[0], Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:").contains("lineage-hub-data");
        assertThat(config.apiKey()).isEmpty();
    }

    @Test
    void readsTheApiKeyFromAFileOrTheEnvironmentAndTheDatabasePasswordFromTheEnvironment() throws Exception {
        Path key = Files.writeString(dir.resolve("hub.key"), "  k3y\n");
        HubConfig fromFile = LineageHubMain.parse(
                new String[] {
                    "--api-key-file",
                    key.toString(),
                    "--db-url",
                    "jdbc:postgresql://db/lineage",
                    "--db-user",
                    "hub",
                    "--port",
                    "0",
                    "--host",
                    "0.0.0.0",
                    "--data-dir",
                    dir.toString()
                },
                Map.of(LineageHubMain.DB_PASSWORD_VARIABLE, "pw"));
        assertThat(fromFile.apiKey()).contains("k3y");
        assertThat(fromFile.databaseUrl()).contains("jdbc:postgresql://db/lineage");
        assertThat(fromFile.databaseUser()).contains("hub");
        assertThat(fromFile.databasePassword()).contains("pw");
        assertThat(fromFile.port()).isZero();
        assertThat(fromFile.toString()).doesNotContain("k3y").doesNotContain("pw");

        HubConfig fromEnvironment =
                LineageHubMain.parse(new String[0], Map.of(LineageHubMain.API_KEY_VARIABLE, "env-key"));
        assertThat(fromEnvironment.apiKey()).isEqualTo(Optional.of("env-key"));
    }

    @Test
    void refusesBadOptionsNamingThem() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.key"), "\n");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessage("--port must be a number, not http");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("port must be between 0 and 65535");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--verbose", "yes"}, Map.of()))
                .hasMessage("Unknown option --verbose");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--data-dir"}, Map.of()))
                .hasMessage("Missing value for --data-dir");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--db-user", "hub"}, Map.of()))
                .hasMessage("--db-user needs --db-url");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--db-url", "postgres://db"}, Map.of()))
                .hasMessageContaining("must be a JDBC URL");
        assertThatThrownBy(() -> LineageHubMain.parse(new String[] {"--api-key-file", empty.toString()}, Map.of()))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> LineageHubMain.parse(
                        new String[] {"--api-key-file", dir.resolve("missing").toString()}, Map.of()))
                .hasMessageContaining("Cannot read --api-key-file");
        assertThatThrownBy(() -> LineageHubMain.parse(
                        new String[] {"--api-key-file", empty.toString()},
                        Map.of(LineageHubMain.API_KEY_VARIABLE, "k")))
                .hasMessageContaining("not both");
    }
}
