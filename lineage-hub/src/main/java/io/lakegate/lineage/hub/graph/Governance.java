package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Lakegate's enforcement did to reads of one dataset, accumulated from the {@code lakegate_governance} facets
 * of its readers: masked columns with their mask types, row filters with the users they applied to, the jobs that
 * read masked columns, and the latest masked reads.
 */
public record Governance(
        SortedMap<String, SortedSet<String>> maskedColumns,
        SortedMap<String, SortedSet<String>> rowFilters,
        SortedSet<JobId> maskedColumnReaders,
        List<MaskedRead> latestMaskedReads) {
    /** Masked reads kept per dataset in memory; the store keeps them all. */
    public static final int LATEST_READS = 50;

    public static final Governance NONE = new Governance(new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), List.of());

    public Governance {
        maskedColumns = Collections.unmodifiableSortedMap(copy(maskedColumns));
        rowFilters = Collections.unmodifiableSortedMap(copy(rowFilters));
        maskedColumnReaders = Collections.unmodifiableSortedSet(
                new TreeSet<>(requireNonNull(maskedColumnReaders, "maskedColumnReaders is null")));
        latestMaskedReads = List.copyOf(latestMaskedReads);
    }

    public boolean isEmpty() {
        return maskedColumns.isEmpty() && rowFilters.isEmpty();
    }

    /** This record plus one governed read: masks by column, filters with their user, the read if masked. */
    public Governance plus(Map<String, Set<String>> masks, Set<String> filters, String user, MaskedRead read) {
        SortedMap<String, SortedSet<String>> newMasks = copy(maskedColumns);
        masks.forEach((column, types) -> newMasks.put(column, union(newMasks.get(column), types)));
        SortedMap<String, SortedSet<String>> newFilters = copy(rowFilters);
        for (String filter : filters) {
            newFilters.put(filter, union(newFilters.get(filter), Set.of(user)));
        }
        SortedSet<JobId> readers = new TreeSet<>(maskedColumnReaders);
        List<MaskedRead> reads = latestMaskedReads;
        if (read != null) {
            readers.add(read.job());
            List<MaskedRead> newest = new ArrayList<>(LATEST_READS);
            newest.add(read);
            for (MaskedRead older : latestMaskedReads) {
                if (newest.size() == LATEST_READS) {
                    break;
                }
                if (!(older.runId().equals(read.runId()) && older.columns().equals(read.columns()))) {
                    newest.add(older);
                }
            }
            reads = newest;
        }
        return new Governance(newMasks, newFilters, readers, reads);
    }

    private static SortedSet<String> union(Set<String> current, Set<String> more) {
        SortedSet<String> union = current == null ? new TreeSet<>() : new TreeSet<>(current);
        union.addAll(more);
        return union;
    }

    private static SortedMap<String, SortedSet<String>> copy(Map<String, ? extends Set<String>> map) {
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        map.forEach((key, values) -> copy.put(key, Collections.unmodifiableSortedSet(new TreeSet<>(values))));
        return copy;
    }
}
