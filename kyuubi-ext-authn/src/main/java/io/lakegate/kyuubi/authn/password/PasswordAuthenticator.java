package io.lakegate.kyuubi.authn.password;

/**
 * Checks a user's password against one source of accounts (a directory, a file). Says three things apart, which a
 * chain needs: accepted (returns), rejected ({@link LoginRejectedException}), and not able to answer
 * ({@link SourceUnavailableException}).
 */
public interface PasswordAuthenticator {
    void authenticate(String user, String password) throws LoginRejectedException, SourceUnavailableException;
}
