package io.lakegate.kyuubi.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index finds the rule a scan in order would: for many rules of every kind of criterion and many sessions. */
class RuleIndexTest {
    private static final List<String> USERS = List.of("alice", "al", "bob", "etl-1", "etl-22", "svc_x", "");
    private static final List<String> GROUPS = List.of("bi", "team-1", "team-12", "ops", "data");
    private static final List<String> WORKLOADS = List.of("streaming", "batch-1", "batch", "adhoc");
    private static final List<String> ADDRESSES = List.of("10.1.2.3", "10.1.3.3", "192.168.0.9", "fd00::1", "x");

    @Test
    void theIndexedFirstMatchIsTheScannedOne() {
        Random random = new Random(42);
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i < 400; i++) {
            yaml.append("  - name: r").append(i).append("\n    match:\n");
            List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.shuffle(kinds, random);
            for (int kind : kinds.subList(0, 1 + random.nextInt(3))) {
                switch (kind) {
                    case 0 -> yaml.append("      users: [\"")
                            .append(pick(
                                    random, List.of("alice", "al*", "etl-?", "etl-*", "regex:svc_.*", "*e", "bob")))
                            .append("\"]\n");
                    case 1 -> yaml.append("      groups: [\"")
                            .append(pick(random, List.of("bi", "team-*", "team-1?", "regex:o.s", "*a")))
                            .append("\"]\n");
                    case 2 -> yaml.append("      properties: {lakegate.workload: \"")
                            .append(pick(random, List.of("streaming", "batch*", "*ing", "regex:ad.oc")))
                            .append("\"}\n");
                    default -> yaml.append("      clientAddress: [")
                            .append(pick(
                                    random,
                                    List.of("10.1.2.0/24", "10.0.0.0/8", "192.168.0.9", "fd00::/8", "0.0.0.0/0")))
                            .append("]\n");
                }
            }
        }
        yaml.append("  - name: everyone\n");
        RoutingRules rules = RulesParser.parse(yaml.toString(), "t");

        for (int s = 0; s < 3000; s++) {
            Map<String, String> conf = new HashMap<>();
            if (random.nextBoolean()) {
                conf.put("lakegate.workload", pick(random, WORKLOADS));
            }
            conf.put(SessionRequest.CLIENT_IP, pick(random, ADDRESSES));
            SessionRequest request = SessionRequest.of(
                    pick(random, USERS), new HashSet<>(List.of(pick(random, GROUPS), pick(random, GROUPS))), conf);
            Rule scanned = rules.rules().stream()
                    .filter(rule -> rule.match().matches(request))
                    .findFirst()
                    .orElseThrow();
            assertThat(rules.firstMatch(request).name()).as(request.toString()).isEqualTo(scanned.name());
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
