package io.lakegate.policyserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.ranger.audit.provider.AuditProviderFactory;

/**
 * The audit events Ranger's file destination wrote for the test plugins of this JVM (see
 * {@link RangerPluginFiles}).
 */
public final class RangerAuditLog {
    private RangerAuditLog() {}

    /**
     * The JSON events of {@code user}, once at least {@code expected} have arrived or ten seconds have passed.
     * Ranger's audit pipeline is asynchronous and offers no completion signal, so this watches the file, flushing
     * the pipeline on each look.
     */
    public static List<String> eventsOf(String user, int expected) {
        String userField = "\"reqUser\":\"" + user + "\"";
        return eventsMatching(line -> line.contains(userField), expected);
    }

    /** The JSON events that pass {@code test}, once at least {@code expected} have arrived or ten seconds passed. */
    public static List<String> eventsMatching(Predicate<String> test, int expected) {
        Path log = RangerPluginFiles.auditDir().resolve("ranger_audit.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> events = List.of();
        while (events.size() < expected && System.nanoTime() < deadline) {
            AuditProviderFactory.getInstance().getAuditProvider().waitToComplete();
            AuditProviderFactory.getInstance().getAuditProvider().flush();
            events = lines(log).stream().filter(test).toList();
        }
        return events;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
