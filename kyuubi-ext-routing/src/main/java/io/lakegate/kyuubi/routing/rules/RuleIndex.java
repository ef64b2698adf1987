package io.lakegate.kyuubi.routing.rules;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which rules a session can match, found without trying them all: each rule is filed under one of its criteria
 * (its users, else its groups, else a property, else its address ranges) by the exact names, the literal prefixes
 * of its globs, or its networks; a rule none of whose criteria can be filed so (only regular expressions, or a glob
 * starting with a wildcard) is tried for every session. Candidates are then tried in rule order, so the first match
 * is the same as a scan's.
 */
final class RuleIndex {
    private final BitSet unindexed = new BitSet();
    private final PrefixIndex users = new PrefixIndex();
    private final PrefixIndex groups = new PrefixIndex();
    private final Map<String, PrefixIndex> properties = new HashMap<>();
    private final Map<Integer, Map<String, BitSet>> networks = new HashMap<>();

    RuleIndex(List<Rule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            add(i, rules.get(i).match());
        }
    }

    private void add(int position, RuleMatch match) {
        if (indexable(match.users())) {
            match.users().forEach(user -> users.add(user.literalPrefix(), position));
            return;
        }
        if (indexable(match.groups())) {
            match.groups().forEach(group -> groups.add(group.literalPrefix(), position));
            return;
        }
        for (Map.Entry<String, NamePattern> property : match.properties().entrySet()) {
            if (!property.getValue().literalPrefix().isEmpty()) {
                properties
                        .computeIfAbsent(property.getKey(), key -> new PrefixIndex())
                        .add(property.getValue().literalPrefix(), position);
                return;
            }
        }
        if (!match.addresses().isEmpty()) {
            for (AddressRange range : match.addresses()) {
                networks.computeIfAbsent(range.prefixLength(), length -> new HashMap<>())
                        .computeIfAbsent(range.networkKey(), key -> new BitSet())
                        .set(position);
            }
            return;
        }
        unindexed.set(position);
    }

    private static boolean indexable(List<NamePattern> patterns) {
        if (patterns.isEmpty()) {
            return false;
        }
        for (NamePattern pattern : patterns) {
            if (pattern.literalPrefix().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Every rule {@code request} may match, and maybe some it does not. */
    BitSet candidates(SessionRequest request) {
        BitSet candidates = (BitSet) unindexed.clone();
        users.collect(request.user(), candidates);
        for (String group : request.groups()) {
            groups.collect(group, candidates);
        }
        for (Map.Entry<String, PrefixIndex> property : properties.entrySet()) {
            String value = request.conf().get(property.getKey());
            if (value != null) {
                property.getValue().collect(value, candidates);
            }
        }
        if (request.address().isPresent() && !networks.isEmpty()) {
            byte[] address = request.address().get();
            networks.forEach((length, byNetwork) -> {
                if (length <= address.length * 8) {
                    BitSet rules = byNetwork.get(AddressRange.networkKey(address, length));
                    if (rules != null) {
                        candidates.or(rules);
                    }
                }
            });
        }
        return candidates;
    }

    /** Rules by a literal prefix of what they match; a lookup tries each prefix length that occurs. */
    private static final class PrefixIndex {
        private final Map<String, BitSet> byPrefix = new HashMap<>();
        private final TreeSet<Integer> lengths = new TreeSet<>();
        private int[] lengthArray = new int[0];

        void add(String prefix, int position) {
            byPrefix.computeIfAbsent(prefix, key -> new BitSet()).set(position);
            if (lengths.add(prefix.length())) {
                lengthArray = lengths.stream().mapToInt(Integer::intValue).toArray();
            }
        }

        void collect(String value, BitSet into) {
            for (int length : lengthArray) {
                if (length > value.length()) {
                    return;
                }
                BitSet rules = byPrefix.get(length == value.length() ? value : value.substring(0, length));
                if (rules != null) {
                    into.or(rules);
                }
            }
        }
    }
}
