package io.lakegate.kyuubi.authn.password;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources asked in order, the first that accepts wins. A source that cannot answer is logged and skipped: it never
 * changes the answer of the others, so a directory outage leaves the file's service accounts working, and a chain
 * whose sources all failed to answer says so rather than "wrong password".
 */
final class AuthenticatorChain implements PasswordAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticatorChain.class);

    private final List<Map.Entry<String, PasswordAuthenticator>> members;

    AuthenticatorChain(List<Map.Entry<String, PasswordAuthenticator>> members) {
        this.members = List.copyOf(requireNonNull(members, "members is null"));
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("a chain needs a member");
        }
    }

    @Override
    public void authenticate(String user, String password) throws LoginRejectedException, SourceUnavailableException {
        StringBuilder rejections = new StringBuilder();
        SourceUnavailableException unavailable = null;
        boolean rejected = false;
        for (Map.Entry<String, PasswordAuthenticator> member : members) {
            try {
                member.getValue().authenticate(user, password);
                return;
            } catch (LoginRejectedException e) {
                rejected = true;
                rejections
                        .append(rejections.isEmpty() ? "" : "; ")
                        .append(member.getKey())
                        .append(": ")
                        .append(e.getMessage());
            } catch (SourceUnavailableException e) {
                LOG.warn("Login chain: {} skipped for [{}]: {}", member.getKey(), user, e.getMessage());
                unavailable = e;
                rejections
                        .append(rejections.isEmpty() ? "" : "; ")
                        .append(member.getKey())
                        .append(": unavailable");
            }
        }
        if (!rejected) {
            throw new SourceUnavailableException("no source of the chain could answer: " + rejections, unavailable);
        }
        throw new LoginRejectedException(rejections.toString());
    }
}
