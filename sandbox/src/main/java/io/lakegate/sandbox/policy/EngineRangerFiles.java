package io.lakegate.sandbox.policy;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.service.SandboxContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ranger's files for an engine's plugin in the sandbox, rewritten at each start: the one Hive service every engine
 * enforces, from the sandbox's policy server, users' groups from Ranger's user store, audit into the data directory.
 */
public final class EngineRangerFiles {
    private EngineRangerFiles() {}

    /** {@code ranger-<type>-security.xml}: the shared keys under {@code ranger.plugin.<type>}, then the engine's. */
    public static Path security(
            SandboxContext context,
            Path file,
            String comment,
            String pluginType,
            Path cacheDir,
            Map<String, String> engineKeys)
            throws IOException {
        return security(context, context.rangerService(), file, comment, pluginType, cacheDir, engineKeys);
    }

    /** As the other {@code security}, for the policies of Ranger service {@code service} (Kafka's, ...). */
    public static Path security(
            SandboxContext context,
            String service,
            Path file,
            String comment,
            String pluginType,
            Path cacheDir,
            Map<String, String> engineKeys)
            throws IOException {
        String prefix = "ranger.plugin." + pluginType;
        Map<String, String> security = new LinkedHashMap<>();
        security.put(prefix + ".service.name", service);
        security.put(prefix + ".policy.rest.url", context.policyServerUrl());
        security.put(prefix + ".policy.pollIntervalMs", "2000");
        security.put(prefix + ".policy.cache.dir", cacheDir.toString());
        // Groups come from Ranger's user store, which the policy server serves from the directory.
        security.put(prefix + ".use.rangerGroups", "true");
        security.put(prefix + ".use.only.rangerGroups", "true");
        security.putAll(engineKeys);
        return ConfFiles.hadoopXml(file, comment, security);
    }

    /** {@code ranger-<type>-audit.xml}: every decision to {@code <data>/audit/<logName>}. */
    public static Path audit(SandboxContext context, Path file, String comment, String logName) throws IOException {
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("xasecure.audit.is.enabled", "true");
        audit.put("xasecure.audit.destination.file", "true");
        audit.put(
                "xasecure.audit.destination.file.dir", context.dataDir("audit").toString());
        audit.put("xasecure.audit.destination.file.filename.format", logName);
        return ConfFiles.hadoopXml(file, comment, audit);
    }
}
