package io.lakegate.lineage.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.lineage.emit.DropPolicy;
import io.lakegate.lineage.emit.EmitterSettings;
import io.lakegate.lineage.emit.LineageEmitter;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransportTest {
    private static final OpenLineage OL = new OpenLineage(URI.create("https://lakegate.io/test"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachEventIsOneLineOfJsonAppendedInOrder() throws Exception {
        Path file = dir.resolve("lineage/events.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        EmitterSettings settings = new EmitterSettings(
                100, 10, 1, Duration.ZERO, Duration.ZERO, DropPolicy.DROP_NEWEST, Duration.ofSeconds(10));
        List<UUID> runs = new ArrayList<>();
        try (LineageEmitter emitter = LineageEmitter.start("file", Transports.file(file), settings)) {
            for (int i = 0; i < 3; i++) {
                UUID run = UUID.randomUUID();
                runs.add(run);
                emitter.submit(() -> Optional.of(OL.newRunEventBuilder()
                        .eventType(RunEvent.EventType.COMPLETE)
                        .eventTime(ZonedDateTime.now())
                        .run(OL.newRun(run, null))
                        .job(OL.newJob("test", "job", null))
                        .build()));
            }
        }
        // Closing sends what is queued: the three lines are there once close returns.
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        List<UUID> written = new ArrayList<>();
        for (String line : lines) {
            written.add(UUID.fromString(
                    JSON.readTree(line).path("run").path("runId").asText()));
        }
        assertThat(written).containsExactlyElementsOf(runs);
    }
}
