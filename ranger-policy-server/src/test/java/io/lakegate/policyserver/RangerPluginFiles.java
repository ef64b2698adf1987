package io.lakegate.policyserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the {@code ranger-<type>-security.xml} an operator would, pointing a plugin at a policy server. */
public final class RangerPluginFiles {
    private RangerPluginFiles() {}

    public static Path securityXml(Path directory, String pluginType, Map<String, String> properties) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        properties.forEach((name, value) -> xml.append("  <property><name>")
                .append(name)
                .append("</name><value>")
                .append(value.replace("&", "&amp;").replace("<", "&lt;"))
                .append("</value></property>\n"));
        xml.append("</configuration>\n");
        Path file = directory.resolve("ranger-" + pluginType + "-security.xml");
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The keys every test plugin needs: service, policy server URL, poll interval, cache dir, file audit. */
    public static Map<String, String> standardKeys(
            String pluginType, String service, String url, long pollIntervalMs, Path cacheDir) {
        String prefix = "ranger.plugin." + pluginType;
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(prefix + ".service.name", service);
        keys.put(prefix + ".policy.rest.url", url);
        keys.put(prefix + ".policy.pollIntervalMs", Long.toString(pollIntervalMs));
        keys.put(prefix + ".policy.cache.dir", cacheDir.toString());
        keys.put(prefix + ".policy.rest.client.max.retry.attempts", "1");
        keys.put("xasecure.audit.is.enabled", "true");
        keys.put("xasecure.audit.destination.file", "true");
        keys.put("xasecure.audit.destination.file.queue", "none");
        keys.put("xasecure.audit.destination.file.dir", auditDir().toString());
        keys.put("xasecure.audit.destination.file.filename.format", "ranger_audit.log");
        return keys;
    }

    /**
     * Ranger's audit pipeline is one per JVM, configured by the first plugin, so every test plugin in a JVM
     * writes to the same directory.
     */
    public static Path auditDir() {
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "lakegate-test-ranger-audit-" + ProcessHandle.current().pid());
    }
}
