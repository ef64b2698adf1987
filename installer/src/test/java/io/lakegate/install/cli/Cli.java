package io.lakegate.install.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link InstallCli} as {@code bin/lakegate} does, with {@code --dist} first, and keeps what it printed. */
record Cli(int status, String out, String err) {
    static Cli run(Path distribution, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--dist", distribution.toString()));
        all.addAll(List.of(args));
        int status = new InstallCli(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8)).run(all);
        return new Cli(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + status + "\nout:\n" + out + "\nerr:\n" + err;
    }
}
