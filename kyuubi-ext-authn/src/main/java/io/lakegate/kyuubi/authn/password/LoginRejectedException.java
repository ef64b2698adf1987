package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

/** The source answered: these credentials are not valid. The reason is for the operator's log only. */
public final class LoginRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoginRejectedException(String reason) {
        super(requireNonNull(reason, "reason is null"));
    }
}
