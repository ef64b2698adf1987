package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a request comes from and what it runs, as Ranger's Hive plugin hands them to Ranger: the client's address,
 * which policy conditions may test, and the statement's text, which audit records as the request data.
 */
public record RequestContext(Optional<String> clientAddress, Optional<String> statement) {
    public static final RequestContext NONE = new RequestContext(Optional.empty(), Optional.empty());

    public RequestContext {
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(statement, "statement is null");
        clientAddress = clientAddress.map(String::trim).filter(address -> !address.isEmpty());
        statement = statement.filter(text -> !text.isBlank());
    }
}
