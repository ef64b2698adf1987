package io.lakegate.sandbox;

/** The sandbox cannot start, for a reason its message gives the user. */
public final class SandboxException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
