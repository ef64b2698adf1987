package io.lakegate.sandbox.service;

import java.util.Set;

/**
 * One service of the sandbox: the metastore, the policy server, an engine. Each is found with {@link
 * java.util.ServiceLoader}, so adding an engine is one class and one line in {@code
 * META-INF/services/io.lakegate.sandbox.service.SandboxService}; the sandbox starts it once the services it {@link
 * #requires() requires} are up, in parallel with the others.
 */
public interface SandboxService {
    /** A short lower-case name, used in progress lines, log file names and {@link #requires()}. */
    String name();

    /** Names of the services that must be up before this one starts. */
    Set<String> requires();

    /** The ports it listens on, which must be free before anything starts: a stale service is never taken for it. */
    Set<Integer> ports(SandboxContext context);

    /** Starts the service and returns once it answers, or throws saying why it could not. */
    StartedService start(SandboxContext context) throws Exception;
}
