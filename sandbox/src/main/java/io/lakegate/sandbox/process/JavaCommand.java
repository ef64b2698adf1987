package io.lakegate.sandbox.process;

import java.nio.file.Path;

/** The java command children run with: the sandbox's own JVM's. */
public final class JavaCommand {
    private JavaCommand() {}

    public static String java() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
