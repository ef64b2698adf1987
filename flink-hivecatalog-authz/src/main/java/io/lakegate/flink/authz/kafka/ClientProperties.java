package io.lakegate.flink.authz.kafka;

import io.lakegate.flink.authz.AccessControlException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kafka client settings ({@code properties.*} options) a Kafka table of a guarded catalog may carry. The engine's
 * Kafka clients run with the engine's account: a table's author must not choose classes they load (interceptors,
 * callback handlers, login modules, config providers), files or URLs they read (config providers resolve {@code
 * ${provider:path}} references, OAuth endpoints fetch URLs), or which security settings apply beyond the plain ones.
 * Unknown settings are refused.
 */
final class ClientProperties {
    private static final String PREFIX = "properties.";
    private static final Set<String> ALLOWED = Set.of(
            "bootstrap.servers",
            "group.id",
            "client.id",
            "client.id.prefix",
            "auto.offset.reset",
            "isolation.level",
            "enable.auto.commit",
            "auto.commit.interval.ms",
            "commit.offsets.on.checkpoint",
            "partition.discovery.interval.ms",
            "register.consumer.metrics",
            "allow.auto.create.topics",
            "max.poll.records",
            "max.poll.interval.ms",
            "fetch.min.bytes",
            "fetch.max.bytes",
            "fetch.max.wait.ms",
            "max.partition.fetch.bytes",
            "session.timeout.ms",
            "heartbeat.interval.ms",
            "request.timeout.ms",
            "default.api.timeout.ms",
            "metadata.max.age.ms",
            "connections.max.idle.ms",
            "reconnect.backoff.ms",
            "reconnect.backoff.max.ms",
            "retry.backoff.ms",
            "receive.buffer.bytes",
            "send.buffer.bytes",
            "acks",
            "linger.ms",
            "batch.size",
            "buffer.memory",
            "compression.type",
            "retries",
            "delivery.timeout.ms",
            "enable.idempotence",
            "max.in.flight.requests.per.connection",
            "max.request.size",
            "transaction.timeout.ms",
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.truststore.type",
            "ssl.keystore.location",
            "ssl.keystore.password",
            "ssl.keystore.type",
            "ssl.key.password",
            "ssl.endpoint.identification.algorithm");
    // The login modules of SASL's PLAIN and SCRAM mechanisms, Kafka's own; any other is a class the client loads.
    private static final List<String> LOGIN_MODULES = List.of(
            "org.apache.kafka.common.security.plain.PlainLoginModule",
            "org.apache.kafka.common.security.scram.ScramLoginModule");

    private ClientProperties() {}

    static void require(String user, String table, Map<String, String> options) {
        for (String option : new TreeSet<>(options.keySet())) {
            String key = option.strip();
            if (!key.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                continue;
            }
            String setting = key.substring(PREFIX.length());
            String value = options.get(option) == null ? "" : options.get(option);
            if (!ALLOWED.contains(setting)) {
                throw refused(
                        user,
                        table,
                        option,
                        "the Kafka client setting is not one a table may choose (" + "allowed: "
                                + String.join(", ", new TreeSet<>(ALLOWED)) + ")");
            }
            if (value.contains("${")) {
                throw refused(user, table, option, "it holds a config provider's reference (${...})");
            }
            if (setting.equals("sasl.jaas.config") && !namesKnownLoginModule(value)) {
                throw refused(user, table, option, "its login module is not one of " + LOGIN_MODULES);
            }
        }
    }

    private static boolean namesKnownLoginModule(String jaas) {
        String module = jaas.strip().split("\\s+", 2)[0];
        return LOGIN_MODULES.contains(module) && jaas.indexOf(';') == jaas.lastIndexOf(';');
    }

    private static AccessControlException refused(String user, String table, String key, String why) {
        return new AccessControlException("Permission denied: user [" + user + "] may not use table [" + table
                + "] with option [" + key + "]: " + why);
    }
}
