package io.lakegate.install.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanExecutorTest {
    @TempDir
    Path home;

    @Test
    void stopsBeforeReplacingAFileThatChangedSinceThePlan() throws Exception {
        Path conf =
                Files.writeString(Files.createDirectories(home.resolve("conf")).resolve("a.conf"), "edited\n");
        Plan plan = new Plan(
                "spark",
                home,
                List.of(new Change.Write(
                        "conf/a.conf", Change.Kind.TEXT, Optional.of("planned\n".getBytes(UTF_8)), bytes("after\n"))),
                List.of());

        assertThatThrownBy(() -> PlanExecutor.apply(plan))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(conf + " changed since it was read");
        assertThat(conf).hasContent("edited");
    }

    @Test
    void stopsBeforeCreatingAFileThatAppearedOrDeletingOneThatChanged() throws Exception {
        Path conf = Files.writeString(home.resolve("new.conf"), "someone's\n");

        assertThatThrownBy(() -> PlanExecutor.apply(new Plan(
                        "spark",
                        home,
                        List.of(new Change.Write("new.conf", Change.Kind.TEXT, Optional.empty(), bytes("ours\n"))),
                        List.of())))
                .hasMessageStartingWith(conf + " changed since it was read");
        assertThatThrownBy(() -> PlanExecutor.apply(new Plan(
                        "spark",
                        home,
                        List.of(new Change.Delete("new.conf", Change.Kind.TEXT, bytes("ours\n"))),
                        List.of())))
                .hasMessageStartingWith(conf + " changed since it was read");
        assertThat(conf).hasContent("someone's");
        assertThat(home).isDirectoryNotContaining("glob:**.lakegate-tmp");
    }

    @Test
    void writesAtomicallyAndSweepsTheTemporaryFilesOfAKilledRun() throws Exception {
        Path conf = Files.writeString(home.resolve("a.conf"), "before\n");
        Path stale = Files.writeString(home.resolve(".a.conf123.lakegate-tmp"), "half");
        Path other = Files.writeString(home.resolve(".b.conf123.lakegate-tmp"), "not a.conf's");

        PlanExecutor.apply(new Plan(
                "spark",
                home,
                List.of(new Change.Write("a.conf", Change.Kind.TEXT, Optional.of(bytes("before\n")), bytes("after\n"))),
                List.of()));

        assertThat(conf).hasContent("after");
        assertThat(stale).doesNotExist();
        assertThat(other).exists();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
