package io.lakegate.policyserver;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.ranger.plugin.util.JsonUtilsV2;
import org.apache.ranger.plugin.util.RangerRoles;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * Turns the JSON an operator has (what a plugin downloads, what Ranger Admin's "Export" gives, or a plugin's
 * policy cache file) into exactly what a plugin downloads, and proves it by reading it back with the mapper
 * Ranger's REST client uses.
 */
final class RangerDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DATE_FIELDS =
            Set.of("createTime", "updateTime", "policyUpdateTime", "roleUpdateTime", "userStoreUpdateTime");
    // The date format of Ranger's policy cache files and local-folder source.
    private static final DateTimeFormatter RANGER_CACHE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS-Z");

    private static final String DEFAULT_AUDIT_FILTERS = "[{\"accessResult\":\"DENIED\",\"isAudited\":true}]";

    private RangerDocuments() {}

    record Parsed(ObjectNode document, OptionalLong declaredVersion) {}

    static Parsed parse(DocumentKind kind, String serviceName, byte[] content, String fileName)
            throws MalformedPolicyFileException {
        JsonNode tree;
        try {
            tree = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyFileException(
                    fileName + " is not valid JSON at " + position(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new MalformedPolicyFileException(fileName + " must hold a JSON object at line 1, column 1");
        }
        normalizeDates(object, fileName, "$");
        OptionalLong declaredVersion = declaredVersion(object, kind.versionField(), fileName);
        ObjectNode document =
                switch (kind) {
                    case POLICIES -> servicePolicies(object, serviceName, fileName);
                    case ROLES -> roles(object, serviceName, fileName);
                    case USER_STORE -> object;
                };
        Class<?> type =
                switch (kind) {
                    case POLICIES -> ServicePolicies.class;
                    case ROLES -> RangerRoles.class;
                    case USER_STORE -> RangerUserStore.class;
                };
        try {
            JsonUtilsV2.getMapper().treeToValue(document, type);
        } catch (JsonMappingException e) {
            throw new MalformedPolicyFileException(
                    fileName + " does not match Ranger's " + type.getSimpleName() + " at " + e.getPathReference() + ": "
                            + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyFileException(
                    fileName + " does not match Ranger's " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        return new Parsed(document, declaredVersion);
    }

    /** The document as served: this server's version and the time it took effect. */
    static byte[] render(DocumentKind kind, ObjectNode document, long version, long updateTimeMillis) {
        ObjectNode served = document.deepCopy();
        served.put(kind.versionField(), version);
        served.put(kind.updateTimeField(), updateTimeMillis);
        try {
            return JSON.writeValueAsBytes(served);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A parsed JSON tree must serialize", e);
        }
    }

    private static ObjectNode servicePolicies(ObjectNode object, String serviceName, String fileName)
            throws MalformedPolicyFileException {
        JsonNode policies = object.get("policies");
        if (policies != null && !policies.isArray()) {
            throw new MalformedPolicyFileException(fileName + ": field $.policies must be an array");
        }
        boolean export = object.has("metaDataInfo") || (!object.has("serviceDef") && !object.has("serviceName"));
        if (export) {
            return fromExport(object, serviceName, fileName);
        }
        JsonNode declaredName = object.get("serviceName");
        if (declaredName != null && !serviceName.equals(declaredName.asText())) {
            throw new MalformedPolicyFileException(fileName + ": field $.serviceName is [" + declaredName.asText()
                    + "] but the file serves service [" + serviceName + "]: rename the file or fix the field");
        }
        ObjectNode document = object.deepCopy();
        document.put("serviceName", serviceName);
        if (!document.has("policies")) {
            document.putArray("policies");
        }
        if (!document.hasNonNull("serviceDef")) {
            document.set(
                    "serviceDef", serviceDef(serviceTypeOf((ArrayNode) document.get("policies"), fileName), fileName));
        }
        return document;
    }

    private static ObjectNode fromExport(ObjectNode export, String serviceName, String fileName)
            throws MalformedPolicyFileException {
        JsonNode exported = export.get("policies");
        if (exported == null) {
            throw new MalformedPolicyFileException(fileName
                    + " is neither a Ranger ServicePolicies document nor a policy export: it has no $.policies array");
        }
        ArrayNode policies = JSON.createArrayNode();
        Set<String> otherServices = new TreeSet<>();
        for (JsonNode policy : exported) {
            String service = policy.path("service").asText(serviceName);
            if (service.equals(serviceName)) {
                policies.add(policy);
            } else {
                otherServices.add(service);
            }
        }
        if (policies.isEmpty() && !otherServices.isEmpty()) {
            throw new MalformedPolicyFileException(fileName + " is a policy export with no policy for service ["
                    + serviceName + "]; it has policies of " + otherServices
                    + ": export that service, or name the file after one of these");
        }
        ObjectNode document = JSON.createObjectNode();
        document.put("serviceName", serviceName);
        document.set("policies", policies);
        document.set("serviceDef", serviceDef(serviceTypeOf(policies, fileName), fileName));
        // An export lacks the service's configuration. Like a service newly created in Ranger Admin, audit every
        // denial, including those no policy matched.
        document.putObject("serviceConfig").put("ranger.plugin.audit.filters", DEFAULT_AUDIT_FILTERS);
        return document;
    }

    private static ObjectNode roles(ObjectNode object, String serviceName, String fileName)
            throws MalformedPolicyFileException {
        if (object.has("rangerRoles")) {
            ObjectNode document = object.deepCopy();
            document.put("serviceName", serviceName);
            return document;
        }
        JsonNode exported = object.get("roles");
        if (exported == null || !exported.isArray()) {
            throw new MalformedPolicyFileException(
                    fileName + " is neither a Ranger RangerRoles document ($.rangerRoles) nor a role export ($.roles)");
        }
        ObjectNode document = JSON.createObjectNode();
        document.put("serviceName", serviceName);
        document.set("rangerRoles", exported.deepCopy());
        return document;
    }

    private static String serviceTypeOf(ArrayNode policies, String fileName) throws MalformedPolicyFileException {
        Set<String> types = new TreeSet<>();
        for (JsonNode policy : policies) {
            JsonNode type = policy.get("serviceType");
            if (type != null && type.isTextual()) {
                types.add(type.asText());
            }
        }
        if (types.size() != 1) {
            throw new MalformedPolicyFileException(fileName + " has no $.serviceDef and its policies name "
                    + (types.isEmpty() ? "no serviceType" : "several service types " + types)
                    + ": add the service definition as $.serviceDef,"
                    + " or a \"serviceType\" (e.g. \"hive\") to the policies");
        }
        return types.iterator().next();
    }

    private static JsonNode serviceDef(String serviceType, String fileName) throws MalformedPolicyFileException {
        String resource = "/service-defs/ranger-servicedef-" + serviceType + ".json";
        try (InputStream in = RangerDocuments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MalformedPolicyFileException(fileName + ": Ranger has no built-in service definition for"
                        + " service type [" + serviceType + "]: add the service definition as $.serviceDef");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Ranger's service definition " + resource, e);
        }
    }

    private static OptionalLong declaredVersion(ObjectNode object, String field, String fileName)
            throws MalformedPolicyFileException {
        JsonNode version = object.get(field);
        if (version == null || version.isNull()) {
            return OptionalLong.empty();
        }
        if (!version.canConvertToLong()) {
            throw new MalformedPolicyFileException(
                    fileName + ": field $." + field + " must be a whole number, not " + version);
        }
        return OptionalLong.of(version.asLong());
    }

    /**
     * Ranger writes dates as epoch millis over REST but as {@code yyyyMMdd-HH:mm:ss.SSS-Z} in its cache files;
     * the REST client reads only the former, so a cache file served as is would leave plugins denying everything.
     */
    private static void normalizeDates(JsonNode node, String fileName, String path)
            throws MalformedPolicyFileException {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path + "." + field.getKey();
                if (DATE_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    field.setValue(LongNode.valueOf(parseDate(field.getValue().asText(), fileName, fieldPath)));
                } else {
                    normalizeDates(field.getValue(), fileName, fieldPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                normalizeDates(array.get(i), fileName, path + "[" + i + "]");
            }
        }
    }

    private static long parseDate(String text, String fileName, String path) throws MalformedPolicyFileException {
        try {
            return OffsetDateTime.parse(text, RANGER_CACHE_DATE).toInstant().toEpochMilli();
        } catch (DateTimeParseException notCacheFormat) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notIso) {
                throw new MalformedPolicyFileException(fileName + ": field " + path + " is [" + text
                        + "], not a date: use epoch millis, ISO-8601 or yyyyMMdd-HH:mm:ss.SSS-Z");
            }
        }
    }

    private static String position(JsonLocation location) {
        return location == null
                ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
