package io.lakegate.policyserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds Ranger Kafka-service policies in the JSON Ranger Admin's "Export" produces. */
public final class KafkaPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaPolicies() {}

    /** A policy granting {@code accessType} ({@code consume}, {@code publish}, ...) on {@code topic} to users. */
    public static ObjectNode topic(long id, String topic, String accessType, List<String> users) {
        ObjectNode policy = JSON.createObjectNode()
                .put("id", id)
                .put("guid", "kafka-policy-" + id)
                .put("name", "kafka-policy-" + id)
                .put("version", 1)
                .put("isEnabled", true)
                .put("isAuditEnabled", true)
                .put("policyType", 0);
        policy.putObject("resources")
                .putObject("topic")
                .put("isRecursive", false)
                .putArray("values")
                .add(topic);
        ObjectNode item = policy.putArray("policyItems").addObject();
        item.putArray("accesses").addObject().put("type", accessType).put("isAllowed", true);
        users.forEach(item.putArray("users")::add);
        return policy;
    }

    /** A Ranger Admin policy export of Kafka service {@code service}. */
    public static String export(String service, ObjectNode... policies) {
        ObjectNode export = JSON.createObjectNode();
        export.putObject("metaDataInfo").put("Ranger apache version", "2.9.0");
        ArrayNode list = export.putArray("policies");
        for (ObjectNode policy : policies) {
            list.add(policy.deepCopy().put("service", service).put("serviceType", "kafka"));
        }
        return export.toPrettyString();
    }
}
