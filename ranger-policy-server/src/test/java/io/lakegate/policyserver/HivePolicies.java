package io.lakegate.policyserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Builds Ranger Hive-service policies in the JSON Ranger Admin's "Export" produces. */
public final class HivePolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HivePolicies() {}

    public static ObjectNode access(
            long id,
            String database,
            String table,
            String column,
            String accessType,
            List<String> users,
            List<String> groups) {
        ObjectNode policy = policy(id, 0, resources(database, table, column));
        ObjectNode item = item(policy, "policyItems", accessType);
        users.forEach(item.putArray("users")::add);
        groups.forEach(item.putArray("groups")::add);
        return policy;
    }

    public static ObjectNode accessForRole(
            long id, String database, String table, String column, String accessType, String role) {
        ObjectNode policy = policy(id, 0, resources(database, table, column));
        item(policy, "policyItems", accessType).putArray("roles").add(role);
        return policy;
    }

    public static ObjectNode rowFilter(long id, String database, String table, List<String> users, String filter) {
        ObjectNode policy = policy(id, 2, resources(database, table, null));
        ObjectNode item = item(policy, "rowFilterPolicyItems", "select");
        item.putObject("rowFilterInfo").put("filterExpr", filter);
        users.forEach(item.putArray("users")::add);
        return policy;
    }

    public static ObjectNode mask(
            long id, String database, String table, String column, List<String> users, String maskType) {
        ObjectNode policy = policy(id, 1, resources(database, table, column));
        ObjectNode item = item(policy, "dataMaskPolicyItems", "select");
        item.putObject("dataMaskInfo").put("dataMaskType", maskType);
        users.forEach(item.putArray("users")::add);
        return policy;
    }

    public static ObjectNode customMask(
            long id, String database, String table, String column, List<String> users, String valueExpression) {
        ObjectNode policy = mask(id, database, table, column, users, "CUSTOM");
        ((ObjectNode) policy.get("dataMaskPolicyItems").get(0).get("dataMaskInfo")).put("valueExpr", valueExpression);
        return policy;
    }

    /** A mask that applies only to the rows where {@code condition} (policy SQL, {@code {col}} allowed) holds. */
    public static ObjectNode conditionalMask(
            long id,
            String database,
            String table,
            String column,
            List<String> users,
            String maskType,
            String condition) {
        ObjectNode policy = mask(id, database, table, column, users, maskType);
        ((ObjectNode) policy.get("dataMaskPolicyItems").get(0).get("dataMaskInfo")).put("conditionExpr", condition);
        return policy;
    }

    /** An access policy on Ranger's {@code url} resource, recursive as Ranger Admin creates them. */
    public static ObjectNode url(long id, String url, String accessType, List<String> users) {
        ObjectNode resources = JSON.createObjectNode();
        ObjectNode resource = resources.putObject("url").put("isRecursive", true);
        resource.putArray("values").add(url);
        ObjectNode policy = policy(id, 0, resources);
        users.forEach(item(policy, "policyItems", accessType).putArray("users")::add);
        return policy;
    }

    public static ObjectNode udf(long id, String database, String udf, String accessType, List<String> users) {
        ObjectNode resources = JSON.createObjectNode();
        resources.putObject("database").putArray("values").add(database);
        resources.putObject("udf").putArray("values").add(udf);
        ObjectNode policy = policy(id, 0, resources);
        users.forEach(item(policy, "policyItems", accessType).putArray("users")::add);
        return policy;
    }

    /** A policy on Hive's {@code hiveservice} resource, where {@code serviceadmin} is granted. */
    public static ObjectNode hiveService(long id, String accessType, List<String> users) {
        return onAll(id, "hiveservice", accessType, users);
    }

    /** A policy on Hive's {@code global} resource, where {@code tempudfadmin} is granted. */
    public static ObjectNode global(long id, String accessType, List<String> users) {
        return onAll(id, "global", accessType, users);
    }

    private static ObjectNode onAll(long id, String resourceType, String accessType, List<String> users) {
        ObjectNode resources = JSON.createObjectNode();
        resources.putObject(resourceType).putArray("values").add("*");
        ObjectNode policy = policy(id, 0, resources);
        users.forEach(item(policy, "policyItems", accessType).putArray("users")::add);
        return policy;
    }

    /**
     * {@code policy} with a condition on its first policy item, as Ranger Admin stores one: {@code type} names a
     * condition of the service definition (see {@link #servicePolicies}).
     */
    public static ObjectNode withCondition(ObjectNode policy, String type, String... values) {
        ObjectNode item = (ObjectNode) policy.withArray("policyItems").get(0);
        ObjectNode condition = item.withArray("conditions").addObject().put("type", type);
        ArrayNode conditionValues = condition.putArray("values");
        for (String value : values) {
            conditionValues.add(value);
        }
        return policy;
    }

    /**
     * A Ranger ServicePolicies document of {@code service}, as Ranger Admin serves plugins, with Ranger's Hive
     * service definition plus an {@code ip-range} policy condition (Ranger's {@code RangerIpMatcher}), which an
     * operator adds to the Hive service definition through Ranger Admin's service-def API.
     */
    public static String servicePoliciesWithIpCondition(String service, ObjectNode... policies) {
        try (InputStream in = HivePolicies.class.getResourceAsStream("/service-defs/ranger-servicedef-hive.json")) {
            ObjectNode serviceDef = (ObjectNode) JSON.readTree(in);
            serviceDef
                    .withArray("policyConditions")
                    .addObject()
                    .put("itemId", 1)
                    .put("name", "ip-range")
                    .put("evaluator", "org.apache.ranger.plugin.conditionevaluator.RangerIpMatcher")
                    .put("label", "IP Address Range");
            ObjectNode document = JSON.createObjectNode();
            document.put("serviceName", service).put("policyVersion", 1);
            document.set("serviceDef", serviceDef);
            ArrayNode list = document.putArray("policies");
            for (ObjectNode policy : policies) {
                list.add(policy.deepCopy().put("service", service).put("serviceType", "hive"));
            }
            return document.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Ranger Admin policy export of {@code service}, as the UI's "Export" button writes it. */
    public static String export(String service, ObjectNode... policies) {
        ObjectNode export = JSON.createObjectNode();
        export.putObject("metaDataInfo")
                .put("Host name", "ranger-admin.example.com")
                .put("Exported by", "admin")
                .put("Export time", "Mon Nov 23 10:00:00 UTC 2026")
                .put("Ranger apache version", "2.9.0");
        ArrayNode list = export.putArray("policies");
        for (ObjectNode policy : policies) {
            list.add(policy.deepCopy().put("service", service).put("serviceType", "hive"));
        }
        return export.toPrettyString();
    }

    /** A Ranger user store mapping users to groups. */
    public static String userStore(Map<String, List<String>> userGroups) {
        ObjectNode store = JSON.createObjectNode();
        ObjectNode mapping = store.putObject("userGroupMapping");
        userGroups.forEach((user, groups) -> groups.forEach(mapping.putArray(user)::add));
        return store.toPrettyString();
    }

    /** A Ranger role export with one role held by {@code users}. */
    public static String roles(String role, List<String> users) {
        ObjectNode export = JSON.createObjectNode();
        ObjectNode entry = export.putArray("roles").addObject();
        entry.put("id", 1).put("name", role).put("isEnabled", true);
        ArrayNode members = entry.putArray("users");
        users.forEach(user -> members.addObject().put("name", user).put("isAdmin", false));
        entry.putArray("groups");
        entry.putArray("roles");
        return export.toPrettyString();
    }

    /** Replaces a file in one step, as an operator's deploy tool would, so a poll never sees it half-written. */
    public static void writeAtomically(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode policy(long id, int policyType, ObjectNode resources) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("id", id)
                .put("guid", "policy-" + id)
                .put("name", "policy-" + id)
                .put("isEnabled", true)
                .put("isAuditEnabled", true)
                .put("version", 1)
                .put("policyType", policyType);
        policy.set("resources", resources);
        return policy;
    }

    private static ObjectNode item(ObjectNode policy, String itemsField, String accessType) {
        ObjectNode item = policy.putArray(itemsField).addObject();
        item.putArray("accesses").addObject().put("type", accessType).put("isAllowed", true);
        return item;
    }

    private static ObjectNode resources(String database, String table, String column) {
        ObjectNode resources = JSON.createObjectNode();
        resources.putObject("database").putArray("values").add(database);
        resources.putObject("table").putArray("values").add(table);
        if (column != null) {
            resources.putObject("column").putArray("values").add(column);
        }
        return resources;
    }
}
