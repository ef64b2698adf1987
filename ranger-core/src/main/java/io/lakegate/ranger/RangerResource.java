package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;

/**
 * A resource in a Ranger service: an ordered map from resource type ({@code database}, {@code table}, ...) to
 * value, and the resource's owner if the host knows one (policies granting to {@code {OWNER}} match it). The
 * factories build the resources of Ranger's Hive service definition, whose policies Lakegate enforces in Spark,
 * Flink and Trino alike.
 */
public final class RangerResource {
    private final Map<String, String> elements;
    private final Optional<String> owner;

    private RangerResource(Map<String, String> elements, Optional<String> owner) {
        this.elements = Collections.unmodifiableMap(elements);
        this.owner = owner;
    }

    private RangerResource(Map<String, String> elements) {
        this(elements, Optional.empty());
    }

    /** A resource from explicit (type, value) pairs, in the order of the service definition's hierarchy. */
    public static RangerResource of(Map<String, String> elements) {
        requireNonNull(elements, "elements is null");
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("A Ranger resource needs at least one element");
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        elements.forEach((type, value) -> copy.put(
                requireNonNull(type, "resource type is null"),
                requireNonNull(value, () -> "value of resource type " + type + " is null")));
        return new RangerResource(copy);
    }

    public static RangerResource database(String database) {
        return of(Map.of("database", database));
    }

    public static RangerResource table(String database, String table) {
        LinkedHashMap<String, String> elements = new LinkedHashMap<>();
        elements.put("database", requireNonNull(database, "database is null"));
        elements.put("table", requireNonNull(table, "table is null"));
        return new RangerResource(elements);
    }

    public static RangerResource column(String database, String table, String column) {
        LinkedHashMap<String, String> elements = new LinkedHashMap<>();
        elements.put("database", requireNonNull(database, "database is null"));
        elements.put("table", requireNonNull(table, "table is null"));
        elements.put("column", requireNonNull(column, "column is null"));
        return new RangerResource(elements);
    }

    public static RangerResource url(String url) {
        return of(Map.of("url", url));
    }

    /** A permanent function of a database: Hive's {@code udf} resource. */
    public static RangerResource udf(String database, String udf) {
        LinkedHashMap<String, String> elements = new LinkedHashMap<>();
        elements.put("database", requireNonNull(database, "database is null"));
        elements.put("udf", requireNonNull(udf, "udf is null"));
        return new RangerResource(elements);
    }

    /** Hive's {@code hiveservice} resource, on which {@code serviceadmin} is granted. */
    public static RangerResource hiveService() {
        return of(Map.of("hiveservice", "*"));
    }

    /** Hive's {@code global} resource, on which privileges such as {@code tempudfadmin} are granted. */
    public static RangerResource global() {
        return of(Map.of("global", "*"));
    }

    public Map<String, String> elements() {
        return elements;
    }

    /** This resource owned by {@code owner}; a blank owner is no owner, as Hive's metastore has it. */
    public RangerResource ownedBy(Optional<String> owner) {
        requireNonNull(owner, "owner is null");
        return new RangerResource(new LinkedHashMap<>(elements), owner.filter(name -> !name.isBlank()));
    }

    public Optional<String> owner() {
        return owner;
    }

    /** The resource one level down ({@code column} of a table, say), with this one's owner. */
    public RangerResource child(String type, String value) {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        LinkedHashMap<String, String> childElements = new LinkedHashMap<>(elements);
        if (childElements.put(type, value) != null) {
            throw new IllegalArgumentException("Resource " + path() + " already has a " + type);
        }
        return new RangerResource(childElements, owner);
    }

    /** The resource as Ranger's plugins print it in denials: values joined by {@code /}. */
    public String path() {
        return String.join("/", elements.values());
    }

    RangerAccessResourceImpl toRangerResource() {
        return new RangerAccessResourceImpl(new LinkedHashMap<>(elements), owner.orElse(null));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangerResource that && elements.equals(that.elements) && owner.equals(that.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(elements, owner);
    }

    @Override
    public String toString() {
        return path();
    }
}
