package io.lakegate.install.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/** Prints a plan: every file with what happens to it, text files with their unified diff, then the notes. */
public final class PlanReport {
    private PlanReport() {}

    /** {@code done}: the plan was carried out (past tense) or is a dry run (what would happen). */
    public static void print(Plan plan, boolean done, PrintStream out) {
        requireNonNull(plan, "plan is null");
        requireNonNull(out, "out is null");
        out.println(plan.host() + " at " + plan.home() + ":");
        if (plan.changes().isEmpty()) {
            out.println("  nothing to change");
        }
        for (Change change : plan.changes()) {
            String before;
            String after;
            String verb;
            byte[] content;
            if (change instanceof Change.Write write) {
                before = write.before().map(bytes -> new String(bytes, UTF_8)).orElse("");
                after = new String(write.after(), UTF_8);
                verb = write.before().isEmpty() ? (done ? "created" : "create") : (done ? "modified" : "modify");
                content = write.after();
            } else {
                Change.Delete delete = (Change.Delete) change;
                before = new String(delete.before(), UTF_8);
                after = "";
                verb = done ? "deleted" : "delete";
                content = delete.before();
            }
            out.println("  " + verb + " " + change.path() + describe(change.kind(), content));
            if (change.kind() == Change.Kind.TEXT) {
                out.print(indent(UnifiedDiff.of(change.path(), before, after)));
            }
        }
        for (String note : plan.notes()) {
            out.println("  note: " + note);
        }
    }

    private static String describe(Change.Kind kind, byte[] content) {
        return switch (kind) {
            case BINARY -> " (" + content.length + " bytes, sha256 " + Sha256.of(content) + ")";
            case RECORD -> " (Lakegate's record, for uninstall)";
            case TEXT -> "";
        };
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    }
}
