package io.lakegate.flink.authz;

import org.apache.flink.table.api.ValidationException;

/**
 * A statement refused by the guard, in the wording every Lakegate engine shares: {@code Permission denied: user
 * [bob] does not have [select] privilege on [sales/orders/ssn]}, or a statement the guard cannot govern, saying why.
 * A {@link ValidationException}, so Flink reports it as the statement's error before anything runs.
 */
public final class AccessControlException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public AccessControlException(String message) {
        super(message);
    }
}
