package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

/**
 * What a client is told when a login fails. One message for an unknown user and a wrong password alike; another
 * when the user is throttled or the accounts cannot be reached, neither of which says anything of the credentials.
 */
public final class LoginFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    static final String INVALID = "Authentication failed: invalid user name or password";
    static final String THROTTLED = "Authentication failed: too many failed logins; try again later";
    static final String UNAVAILABLE = "Authentication failed: the account service is unavailable; try again later";

    private LoginFailedException(String message) {
        super(requireNonNull(message, "message is null"));
    }

    static LoginFailedException invalid() {
        return new LoginFailedException(INVALID);
    }

    static LoginFailedException throttled() {
        return new LoginFailedException(THROTTLED);
    }

    static LoginFailedException unavailable() {
        return new LoginFailedException(UNAVAILABLE);
    }
}
