package io.lakegate.install.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.install.conf.ConfEdit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The manifest as JSON, field by field, so that its format is what this class says and not a mapper's defaults. */
final class ManifestJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {}

    static byte[] write(Manifest manifest) {
        ObjectNode root = JSON.createObjectNode();
        root.put("lakegateVersion", manifest.version());
        root.put("host", manifest.host());
        ArrayNode created = root.putArray("created");
        for (Manifest.CreatedFile file : manifest.created()) {
            created.addObject()
                    .put("path", file.path())
                    .put("sha256", file.sha256())
                    .put("template", file.template());
        }
        ArrayNode directories = root.putArray("directories");
        manifest.directories().forEach(directories::add);
        ArrayNode modified = root.putArray("modified");
        for (Manifest.ModifiedFile file : manifest.modified()) {
            ObjectNode node = modified.addObject()
                    .put("path", file.path())
                    .put("existed", file.existed())
                    .put("sha256", file.sha256())
                    .put("restorable", file.restorable());
            ArrayNode edits = node.putArray("edits");
            for (ConfEdit edit : file.edits()) {
                ObjectNode e = edits.addObject()
                        .put("kind", edit.kind().name())
                        .put("key", edit.key())
                        .put("value", edit.value());
                edit.originalLine().ifPresent(line -> e.put("originalLine", line));
                e.put("writtenLine", edit.writtenLine());
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code content} of {@code file}; a file not a manifest of this format names itself in the error. */
    static Manifest read(String file, byte[] content) throws RefusedException {
        try {
            JsonNode root = JSON.readTree(content);
            List<Manifest.CreatedFile> created = new ArrayList<>();
            for (JsonNode node : array(root, "created")) {
                created.add(new Manifest.CreatedFile(
                        text(node, "path"),
                        text(node, "sha256"),
                        node.path("template").asBoolean()));
            }
            List<Manifest.ModifiedFile> modified = new ArrayList<>();
            for (JsonNode node : array(root, "modified")) {
                List<ConfEdit> edits = new ArrayList<>();
                for (JsonNode edit : array(node, "edits")) {
                    edits.add(new ConfEdit(
                            ConfEdit.Kind.valueOf(text(edit, "kind")),
                            text(edit, "key"),
                            text(edit, "value"),
                            Optional.ofNullable(edit.get("originalLine")).map(JsonNode::asText),
                            text(edit, "writtenLine")));
                }
                modified.add(new Manifest.ModifiedFile(
                        text(node, "path"),
                        node.path("existed").asBoolean(),
                        text(node, "sha256"),
                        node.path("restorable").asBoolean(),
                        edits));
            }
            // Manifests of installations that created no directory have none.
            List<String> directories = new ArrayList<>();
            JsonNode listed = root.get("directories");
            if (listed != null) {
                for (JsonNode directory : array(root, "directories")) {
                    if (!directory.isTextual()) {
                        throw new IllegalArgumentException("a directory that is no text");
                    }
                    directories.add(directory.asText());
                }
            }
            return new Manifest(text(root, "lakegateVersion"), text(root, "host"), created, modified, directories);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new RefusedException(file + " is not a manifest Lakegate can read (" + e.getMessage()
                    + "): restore it from a backup, or undo the installation by hand (it lists what was changed)");
        }
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("no array [" + field + "]");
        }
        return array;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no text [" + field + "]");
        }
        return value.asText();
    }
}
