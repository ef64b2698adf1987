package io.lakegate.lineage.hub.api;

import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.JobId;
import io.lakegate.lineage.hub.graph.LineageGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Marquez's node ids: {@code dataset:<ns>:<name>}, {@code job:<ns>:<name>}, {@code datasetField:<ns>:<name>:<field>},
 * each optionally with {@code #<version>}. Namespaces hold ':' ({@code hive://metastore:9083}, {@code file:/tmp}),
 * so an id is split at the first ':' after which the rest names a node the hub knows; an id of no known node is
 * split as Marquez does, at the first ':' not followed by "//" or a digit.
 */
final class NodeIds {
    private NodeIds() {}

    static Optional<DatasetId> dataset(String nodeId, LineageGraph graph) {
        return body(nodeId, "dataset:")
                .flatMap(body -> split(body, id -> graph.dataset(id).isPresent()));
    }

    static Optional<JobId> job(String nodeId, LineageGraph graph) {
        return body(nodeId, "job:")
                .flatMap(body -> split(body, id -> graph.job(new JobId(id.namespace(), id.name()))
                        .isPresent()))
                .map(id -> new JobId(id.namespace(), id.name()));
    }

    /** A dataset field: the dataset and the field's name. */
    static Optional<FieldId> field(String nodeId, LineageGraph graph) {
        Optional<String> body = body(nodeId, "datasetField:");
        if (body.isEmpty()) {
            return Optional.empty();
        }
        String text = body.get();
        for (int at = text.lastIndexOf(':'); at > 0; at = text.lastIndexOf(':', at - 1)) {
            Optional<DatasetId> dataset =
                    split(text.substring(0, at), id -> graph.dataset(id).isPresent());
            if (dataset.isPresent() && graph.dataset(dataset.get()).isPresent()) {
                return Optional.of(new FieldId(dataset.get(), text.substring(at + 1)));
            }
        }
        return Optional.empty();
    }

    static boolean isDataset(String nodeId) {
        return nodeId.startsWith("dataset:");
    }

    static boolean isJob(String nodeId) {
        return nodeId.startsWith("job:");
    }

    static boolean isField(String nodeId) {
        return nodeId.startsWith("datasetField:");
    }

    static String fieldId(DatasetId dataset, String field) {
        return "datasetField:" + dataset.namespace() + ":" + dataset.name() + ":" + field;
    }

    private static Optional<String> body(String nodeId, String prefix) {
        if (!nodeId.startsWith(prefix)) {
            return Optional.empty();
        }
        String body = nodeId.substring(prefix.length());
        int version = body.lastIndexOf('#');
        if (version > 0 && body.length() - version == 37) {
            body = body.substring(0, version);
        }
        return Optional.of(body);
    }

    private static Optional<DatasetId> split(String body, Predicate<DatasetId> known) {
        List<Integer> colons = new ArrayList<>();
        for (int at = body.indexOf(':'); at >= 0; at = body.indexOf(':', at + 1)) {
            if (at > 0 && at < body.length() - 1) {
                colons.add(at);
            }
        }
        for (int at : colons) {
            DatasetId candidate = new DatasetId(body.substring(0, at), body.substring(at + 1));
            if (known.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (int at : colons) {
            boolean scheme = body.startsWith("//", at + 1);
            boolean port = Character.isDigit(body.charAt(at + 1));
            if (!scheme && !port) {
                return Optional.of(new DatasetId(body.substring(0, at), body.substring(at + 1)));
            }
        }
        return Optional.empty();
    }

    record FieldId(DatasetId dataset, String field) {}
}
