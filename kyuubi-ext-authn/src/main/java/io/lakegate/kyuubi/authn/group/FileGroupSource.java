package io.lakegate.kyuubi.authn.group;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.UserLines;
import io.lakegate.kyuubi.authn.conf.WatchedFile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Groups from a file of {@code user: group1, group2} lines, read again when it changes. */
final class FileGroupSource implements GroupSource {
    private final WatchedFile<Map<String, List<String>>> file;

    FileGroupSource(WatchedFile<Map<String, List<String>>> file) {
        this.file = requireNonNull(file, "file is null");
    }

    static Map<String, List<String>> parse(List<String> lines) {
        return UserLines.parse(lines, "user: group1, group2", groups -> Arrays.stream(groups.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .distinct()
                .toList());
    }

    @Override
    public List<String> groupsOf(String user) {
        return file.current().getOrDefault(user, List.of());
    }
}
