package io.lakegate.sandbox.service;

import java.io.PrintStream;
import java.util.List;

/** A service that is up: what it offers, its part of the guided tour, and how it stops. */
public interface StartedService extends AutoCloseable {
    List<Endpoint> endpoints();

    /** Lines for the banner beyond endpoints: accounts, files an operator can edit. */
    default List<String> notes() {
        return List.of();
    }

    /** This service's part of the guided tour, run once every service is up; most services have none. */
    default void tour(PrintStream out) throws Exception {}

    /** Stops the service; never throws, and returns once it is stopped. */
    @Override
    void close();
}
