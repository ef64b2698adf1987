package io.lakegate.flink.authz.kafka;

import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.storage.Connectors;
import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Ranger Kafka-service decisions on the topics a Kafka or Upsert Kafka table reads and writes, where a Kafka service
 * is configured ({@code ranger-kafka-security.xml}): {@value #CONSUME} to read, {@value #PUBLISH} to write, on each
 * topic of the table's {@code topic} option, as Ranger's Kafka plugin asks them of clients. A topic pattern cannot be
 * decided topic by topic and is refused. Each read and write is decided for its own user, so a table re-pointed at
 * another topic reaches it only for those allowed there. Without a Kafka service, nothing is asked here.
 */
public final class TopicAccess {
    public static final String CONSUME = "consume";
    public static final String PUBLISH = "publish";

    private static final Set<String> KAFKA_CONNECTORS = Set.of("kafka", "upsert-kafka");
    private static final ConfigOption<List<String>> TOPIC =
            ConfigOptions.key("topic").stringType().asList().noDefaultValue();

    private final Optional<RangerAuthorizer> kafka;
    private final String user;

    public TopicAccess(Optional<RangerAuthorizer> kafka, String user) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.user = requireNonNull(user, "user is null");
    }

    private static boolean isKafka(Map<String, String> options) {
        return KAFKA_CONNECTORS.contains(Connectors.of(options));
    }

    /**
     * Refuses a Kafka table's client settings that are not a table's to choose (see {@link ClientProperties}), then
     * {@code accessTypes} on the topics of the table {@code table} with {@code options} unless the Kafka service allows
     * each on each topic; does nothing for other connectors, and asks no topic without a Kafka service.
     */
    public void require(String table, Map<String, String> options, List<String> accessTypes) {
        if (!isKafka(options)) {
            return;
        }
        // With or without a Kafka service: the table's client settings run with the engine's account.
        ClientProperties.require(user, table, options);
        if (kafka.isEmpty()) {
            return;
        }
        if (options.containsKey("topic-pattern")) {
            throw new AccessControlException("Permission denied: user [" + user + "] may not use table [" + table
                    + "] over topic pattern [" + options.get("topic-pattern") + "]: Ranger's Kafka policies decide"
                    + " topic by topic; name the topics in 'topic'");
        }
        // Parsed as Flink's Kafka connector parses its list option: quotes and separators as Flink reads them.
        List<String> topics = Configuration.fromMap(options).getOptional(TOPIC).orElse(List.of()).stream()
                .map(String::strip)
                .filter(topic -> !topic.isEmpty())
                .toList();
        if (topics.isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + user + "] may not use table [" + table
                    + "]: it names no topic, and Ranger's Kafka policies decide topic by topic");
        }
        RangerAuthorizer authorizer = kafka.get();
        UserIdentity identity = authorizer.identify(user);
        for (String topic : topics) {
            for (String accessType : accessTypes) {
                AccessDecision decision = authorizer.authorize(
                        AccessRequest.of(identity, RangerResource.of(Map.of("topic", topic)), accessType));
                if (!decision.allowed()) {
                    throw new AccessControlException(AccessDecision.permissionDenied(
                            user, List.of(new AccessDecision.Denial(accessType, topic)), decision.reason()));
                }
            }
        }
    }
}
