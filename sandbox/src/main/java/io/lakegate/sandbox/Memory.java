package io.lakegate.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** The resident memory of the sandbox and every process it started, from Linux's /proc. */
final class Memory {
    private Memory() {}

    static long residentBytes() {
        return Stream.concat(
                        Stream.of(ProcessHandle.current()),
                        ProcessHandle.current().descendants())
                .mapToLong(process -> resident(process.pid()))
                .sum();
    }

    static String describe(long bytes) {
        return bytes <= 0 ? "(unknown: no /proc)" : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    private static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // The process ended, or this is not Linux: it counts for nothing.
        }
        return 0;
    }
}
