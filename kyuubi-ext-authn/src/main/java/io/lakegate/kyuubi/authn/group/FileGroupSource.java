package io.lakegate.kyuubi.authn.group;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.authn.conf.WatchedFile;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Groups from a file of {@code user: group1, group2} lines, read again when it changes. */
final class FileGroupSource implements GroupSource {
    private final WatchedFile<Map<String, List<String>>> file;

    FileGroupSource(WatchedFile<Map<String, List<String>>> file) {
        this.file = requireNonNull(file, "file is null");
    }

    static Map<String, List<String>> parse(List<String> lines) {
        Map<String, List<String>> groups = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + number + " is not user: group1, group2");
            }
            String user = line.substring(0, colon).strip();
            List<String> names = Arrays.stream(line.substring(colon + 1).split(","))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .distinct()
                    .toList();
            if (groups.put(user, names) != null) {
                throw new IllegalArgumentException("line " + number + " repeats the user " + user);
            }
        }
        return Map.copyOf(groups);
    }

    @Override
    public List<String> groupsOf(String user) {
        return file.current().getOrDefault(user, List.of());
    }
}
