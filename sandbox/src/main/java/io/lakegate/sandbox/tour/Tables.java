package io.lakegate.sandbox.tour;

import java.util.List;

/** Query results as aligned text columns. */
final class Tables {
    private Tables() {}

    static String format(List<List<String>> rows, String indent) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < rows.size(); index++) {
            text.append(indent);
            for (int column = 0; column < columns; column++) {
                String value = rows.get(index).get(column);
                text.append(column == 0 ? "" : " | ").append(value).append(" ".repeat(widths[column] - value.length()));
            }
            text.append('\n');
            if (index == 0) {
                text.append(indent);
                for (int column = 0; column < columns; column++) {
                    text.append(column == 0 ? "" : "-+-").append("-".repeat(widths[column]));
                }
                text.append('\n');
            }
        }
        return text.toString();
    }
}
