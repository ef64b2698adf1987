package io.lakegate.trino.ranger.access;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Ranger services an access control enforces, at most one per {@link PolicyModel}, and which governs each catalog.
 * A catalog none governs is refused. Thread-safe.
 */
public final class CatalogServices implements AutoCloseable {
    private static final String SYSTEM_CATALOG = "system";

    private final Optional<CatalogService> hive;
    private final Optional<CatalogService> trino;

    public CatalogServices(Optional<CatalogService> hive, Optional<CatalogService> trino) {
        this.hive = requireNonNull(hive, "hive is null");
        this.trino = requireNonNull(trino, "trino is null");
        if (hive.isEmpty() && trino.isEmpty()) {
            throw new IllegalArgumentException("no Ranger service is configured");
        }
    }

    /** The service governing {@code catalog}; the Hive service's list comes first; Trino's {@code system}, none. */
    public Optional<CatalogService> governing(String catalog) {
        if (catalog.equals(SYSTEM_CATALOG)) {
            return Optional.empty();
        }
        return hive.filter(service -> service.governs(catalog))
                .or(() -> trino.filter(service -> service.governs(catalog)));
    }

    /** The Trino service, whose resources (users, system properties, system information) cover Trino itself. */
    public Optional<CatalogService> trino() {
        return trino;
    }

    public List<CatalogService> all() {
        return Stream.of(hive, trino).flatMap(Optional::stream).toList();
    }

    /** The service whose administrators administer Trino itself: the Trino service's, else the Hive service's. */
    public CatalogService system() {
        return trino.or(() -> hive).orElseThrow();
    }

    /** Which property lists which catalogs, for a denial that says how to govern another. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (CatalogService service : all()) {
            parts.add(service.model().catalogsProperty() + " = "
                    + service.catalogs().stream().sorted().collect(Collectors.joining(",")));
        }
        return String.join("; ", parts);
    }

    @Override
    public void close() {
        hive.ifPresent(CatalogService::close);
        trino.ifPresent(CatalogService::close);
    }
}
