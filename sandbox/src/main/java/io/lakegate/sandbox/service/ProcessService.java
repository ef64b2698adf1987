package io.lakegate.sandbox.service;

import static java.util.Objects.requireNonNull;

import io.lakegate.sandbox.process.ChildProcess;
import java.util.List;

/** A service that is one process of its own: what it offers, and the process to stop. */
public record ProcessService(List<Endpoint> endpoints, List<String> notes, ChildProcess process)
        implements StartedService {
    public ProcessService {
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        requireNonNull(process, "process is null");
    }

    @Override
    public void close() {
        process.close();
    }
}
