package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u}, three lines of context) of two texts, from a longest common subsequence of their
 * lines: configuration files are small, so the quadratic table costs nothing.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff of {@code before} (empty for a new file) and {@code after}, headed with {@code path}. */
    public static String of(String path, String before, String after) {
        requireNonNull(path, "path is null");
        List<String> a = lines(requireNonNull(before, "before is null"));
        List<String> b = lines(requireNonNull(after, "after is null"));
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        // Each edit script line: ' ', '-' or '+' then the text, with its line numbers in both files.
        List<Line> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add(new Line(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                // Deletions before additions, as diff prints a changed line.
                script.add(new Line('-', a.get(i), i++, j));
            } else {
                script.add(new Line('+', b.get(j), i, j++));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before.isEmpty() ? "/dev/null" : "a/" + path).append('\n');
        out.append("+++ ").append(after.isEmpty() ? "/dev/null" : "b/" + path).append('\n');
        int k = 0;
        while (k < script.size()) {
            if (script.get(k).op == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while the next change is within twice the context.
            while (end < script.size()) {
                if (script.get(end).op != ' ') {
                    end++;
                    continue;
                }
                int next = end;
                while (next < script.size() && script.get(next).op == ' ') {
                    next++;
                }
                if (next < script.size() && next - end <= 2 * CONTEXT) {
                    end = next;
                } else {
                    end = Math.min(script.size(), end + CONTEXT);
                    break;
                }
            }
            appendHunk(out, script.subList(start, end));
            k = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Line> hunk) {
        int oldCount = 0;
        int newCount = 0;
        for (Line line : hunk) {
            oldCount += line.op == '+' ? 0 : 1;
            newCount += line.op == '-' ? 0 : 1;
        }
        Line first = hunk.get(0);
        out.append("@@ -")
                .append(range(first.oldIndex, oldCount))
                .append(" +")
                .append(range(first.newIndex, newCount))
                .append(" @@\n");
        for (Line line : hunk) {
            out.append(line.op).append(line.text).append('\n');
        }
    }

    private static String range(int index, int count) {
        // diff -u numbers an empty range by the line before it.
        int start = count == 0 ? index : index + 1;
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private record Line(char op, String text, int oldIndex, int newIndex) {}
}
