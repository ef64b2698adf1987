package io.lakegate.kyuubi.routing.rules;

/** A rules file cannot be used: the message names the line and the problem. */
public final class RulesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public RulesException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
