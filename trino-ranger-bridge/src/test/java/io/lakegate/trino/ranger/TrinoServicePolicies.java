package io.lakegate.trino.ranger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Policies of Ranger's {@code trino} service, as Ranger Admin exports them for Trino's own Ranger plugin. */
final class TrinoServicePolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrinoServicePolicies() {}

    /** An access policy on {@code resources} (type to value, e.g. catalog, schema, table, column). */
    static ObjectNode access(
            long id, Map<String, String> resources, String accessType, List<String> users, List<String> groups) {
        ObjectNode policy = policy(id, 0, resources);
        ObjectNode item = item(policy, "policyItems", accessType);
        users.forEach(item.putArray("users")::add);
        groups.forEach(item.putArray("groups")::add);
        return policy;
    }

    static ObjectNode rowFilter(long id, String catalog, String schema, String table, String user, String filter) {
        ObjectNode policy = policy(id, 2, Map.of("catalog", catalog, "schema", schema, "table", table));
        ObjectNode item = item(policy, "rowFilterPolicyItems", "select");
        item.putObject("rowFilterInfo").put("filterExpr", filter);
        item.putArray("users").add(user);
        return policy;
    }

    static ObjectNode mask(
            long id, String catalog, String schema, String table, String column, String user, String maskType) {
        ObjectNode policy =
                policy(id, 1, Map.of("catalog", catalog, "schema", schema, "table", table, "column", column));
        ObjectNode item = item(policy, "dataMaskPolicyItems", "select");
        item.putObject("dataMaskInfo").put("dataMaskType", maskType);
        item.putArray("users").add(user);
        return policy;
    }

    static ObjectNode customMask(
            long id, String catalog, String schema, String table, String column, String user, String expression) {
        ObjectNode policy = mask(id, catalog, schema, table, column, user, "CUSTOM");
        ((ObjectNode) policy.get("dataMaskPolicyItems").get(0).get("dataMaskInfo")).put("valueExpr", expression);
        return policy;
    }

    /** A Ranger Admin export of the {@code trino} service {@code service}. */
    static String export(String service, ObjectNode... policies) {
        ObjectNode export = JSON.createObjectNode();
        ArrayNode list = export.putArray("policies");
        for (ObjectNode policy : policies) {
            list.add(policy.deepCopy().put("service", service).put("serviceType", "trino"));
        }
        return export.toPrettyString();
    }

    private static ObjectNode policy(long id, int policyType, Map<String, String> resources) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("id", id)
                .put("guid", "trino-policy-" + id)
                .put("name", "trino-policy-" + id)
                .put("isEnabled", true)
                .put("isAuditEnabled", true)
                .put("version", 1)
                .put("policyType", policyType);
        ObjectNode resourceNode = policy.putObject("resources");
        resources.forEach(
                (type, value) -> resourceNode.putObject(type).putArray("values").add(value));
        return policy;
    }

    private static ObjectNode item(ObjectNode policy, String itemsField, String accessType) {
        ObjectNode item = policy.putArray(itemsField).addObject();
        item.putArray("accesses").addObject().put("type", accessType).put("isAllowed", true);
        return item;
    }
}
