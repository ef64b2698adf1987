package io.lakegate.kyuubi.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesParserTest {
    private static RoutingRules parse(String text) {
        return RulesParser.parse(text, "test.yaml");
    }

    @Test
    void theShippedExampleParses() throws IOException {
        RoutingRules rules = parse(Files.readString(Path.of("examples/lakegate-routing.yaml")));

        assertThat(rules.rules()).extracting(Rule::name).containsExactly("streaming", "dashboards", "etl", "analysts");
        assertThat(rules.staticGroups("carol")).containsExactly("bi");
        assertThat(rules.launch().lineage()).isPresent();
        assertThat(rules.limitFor(Set.of("data-engineering"), "spark.executor.memory")
                        .orElseThrow()
                        .max()
                        .text())
                .isEqualTo("16g");
        // Not in the group's set: the set for every user caps it.
        assertThat(rules.limitFor(Set.of("data-engineering"), "spark.driver.memory")
                        .orElseThrow()
                        .max()
                        .text())
                .isEqualTo("4g");
    }

    @Test
    void firstMatchWinsAcrossIndexedAndUnindexedRules() {
        RoutingRules rules = parse(
                """
                rules:
                  - name: by-glob
                    match: {users: ["a*"]}
                  - name: by-user
                    match: {users: [alice]}
                  - name: by-group
                    match: {groups: [ops]}
                  - name: by-property
                    match: {properties: {lakegate.workload: streaming}}
                  - name: by-address
                    match: {clientAddress: ["10.0.0.0/8", "fd00::/8"]}
                  - name: by-regex-group
                    match: {groups: ["regex:team-[0-9]+"]}
                  - name: everyone
                """);

        assertThat(name(rules, "alice", Set.of(), Map.of())).isEqualTo("by-glob");
        assertThat(name(rules, "bob", Set.of("ops"), Map.of("lakegate.workload", "streaming")))
                .isEqualTo("by-group");
        assertThat(name(rules, "bob", Set.of(), Map.of("lakegate.workload", "streaming")))
                .isEqualTo("by-property");
        assertThat(name(rules, "bob", Set.of(), Map.of("kyuubi.client.ipAddress", "10.9.8.7")))
                .isEqualTo("by-address");
        assertThat(name(rules, "bob", Set.of(), Map.of("kyuubi.client.ipAddress", "fd12::1")))
                .isEqualTo("by-address");
        assertThat(name(rules, "bob", Set.of(), Map.of("kyuubi.client.ipAddress", "11.0.0.1")))
                .isEqualTo("everyone");
        assertThat(name(rules, "bob", Set.of("team-42"), Map.of())).isEqualTo("by-regex-group");
        assertThat(name(rules, "bob", Set.of("team-x"), Map.of())).isEqualTo("everyone");
        // A host name in the address key is never resolved, and matches no range.
        assertThat(name(rules, "bob", Set.of(), Map.of("kyuubi.client.ipAddress", "localhost")))
                .isEqualTo("everyone");
    }

    @Test
    void everyCriterionOfARuleMustHold() {
        RoutingRules rules = parse(
                """
                rules:
                  - name: bi-office
                    match:
                      groups: [bi]
                      clientAddress: [10.20.0.0/16]
                      properties: {kyuubi.engine.type: "TRINO*"}
                  - name: everyone
                """);

        Map<String, String> office = Map.of("kyuubi.client.ipAddress", "10.20.1.1", "kyuubi.engine.type", "TRINO");
        assertThat(name(rules, "carol", Set.of("bi"), office)).isEqualTo("bi-office");
        assertThat(name(rules, "carol", Set.of(), office)).isEqualTo("everyone");
        assertThat(name(rules, "carol", Set.of("bi"), Map.of("kyuubi.client.ipAddress", "10.20.1.1")))
                .isEqualTo("everyone");
    }

    private static String name(RoutingRules rules, String user, Set<String> groups, Map<String, String> conf) {
        return rules.firstMatch(SessionRequest.of(user, groups, conf)).name();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            rules:\\n  - name: a\\n    mtach: {users: [x]}\\n  - name: b               | line 3: unknown key [mtach] in a rule
            rules:\\n  - name: a\\n    match: {users: [x]}                           | line 2: the last rule [a] has a match:
            rules:\\n  - name: a\\n  - name: b                                       | line 3: rule [b] can never match: rule [a] on line 2
            rules:\\n  - name: a\\n    engine: {type: HIVE_SQL}                      | line 3: engine type [HIVE_SQL] is not one Lakegate governs
            rules:\\n  - name: a\\n    engine: {shareLevel: TEAM}                    | line 3: share level [TEAM] is none of
            rules:\\n  - name: a\\n    engine: {pool: p}                             | line 3: pool: needs poolSize:
            rules:\\n  - name: a\\n    engine: {idleTimeout: 30m}                    | line 3: idleTimeout [30m] is no positive ISO-8601 duration
            rules:\\n  - name: x\\n    match: {clientAddress: [10.0.0.1/8]}\\n  - name: b | line 3: [10.0.0.1/8] has host bits set
            rules:\\n  - name: x\\n    match: {clientAddress: [gateway.internal]}\\n  - name: b | line 3: [gateway.internal] is no IP address
            rules:\\n  - name: x\\n    match: {users: ["regex:(a"]}\\n  - name: b    | line 3: [regex:(a] is no Java regular expression
            rules:\\n  - name: a\\n  - name: A                                       | line 3: rule name [A] is used by the rule on line 2
            rules:\\n  - name: a b                                                  | line 2: rule name [a b] must be
            rules:\\n  - name: a\\n    engine: {type: FLINK_SQL}\\n    conf: {spark.executor.memory: 4g} | line 4: conf: key [spark.executor.memory] is no setting of a FLINK_SQL engine
            rules:\\n  - name: a\\n    conf: {kyuubi.session.user: admin}            | line 3: conf: [kyuubi.session.user] is Kyuubi's
            rules:\\n  - name: a\\nlimits:\\n  - max: {spark.executor.memory: lots}  | line 4: [lots] is neither a number
            rules:\\n  - name: a\\nlimits:\\n  - max: {spark.executor.cores: 4}\\n  - groups: [x]\\n    max: {spark.executor.cores: 8} | line 5: these limits can never apply
            rules:\\n  - name: a\\nguardrails:\\n  - groups: [x]                     | line 4: a guardrail needs keys:
            rules:\\n  - name: a\\n    name: b                                       | line 3: key [name] appears twice in a rule
            rules:\\n  - name: a\\n\\tengine: x                                      | not valid YAML
            rules: []                                                              | line 1: rules: is empty
            rules:\\n  - &r {name: a}\\n  - *r                                       | not valid YAML
            base: &b {name: a}\\nrules:\\n  - <<: *b                                 | not valid YAML
            rules:\\n  - name: &n a                                               | line 2: YAML anchors and aliases (&n) are not allowed
            rules:\\n  - name: x\\n    match: {users: [u]}\\n    engine: {pool: p, poolSize: 2}\\n  - name: y\\n    engine: {subdomain: p-1} | line 5: rule [y] would launch engines in subdomain [p-1], as rule [x] on line 2 does
            rules:\\n  - name: a\\n    engine: {subdomain: a.b}                      | line 3: [a.b] must be 1 to 128 of a-z 0-9 _ -
            rules:\\n  - name: a\\n    conf: {kyuubi.engine.share.level: SERVER}     | line 3: conf: [kyuubi.engine.share.level] is routing
            rules:\\n  - name: a\\nlimits:\\n  - max: {executor.memory: 4g}          | line 4: max: key [executor.memory] is no engine resource
            rules:\\n  - name: a\\nlimits:\\n  - max: {kyuubi.engine.trino.memory: 4g} | line 4: max: key [kyuubi.engine.trino.memory] is no engine resource
            rules:\\n  - name: a\\nguardrails:\\n  - keys: [parallelism.default]      | line 4: guardrail key [parallelism.default] is not written as the engine reads it
            rules:\\n  - name: a\\n    engine: {pool: p, poolSize: 2147483647}       | line 3: poolSize [2147483647] is no number from 1 to 1024
            rules:\\n  - name: a\\n    engine: {subdomain: lakegate-b}               | line 3: [lakegate-b]: names starting with lakegate- are
            groups: {alice: [a]}                                                    | no rules: list
            rules:\\n  - name: a\\nlaunch:\\n  lineage: {url: "ftp://x"}             | line 4: lineage url [ftp://x] is no http(s) URL
            rules:\\n  - name: a\\nlaunch:\\n  lineage: {url: "http://m:5000/api"}   | line 4: lineage url [http://m:5000/api] must be http(s)://host[:port]: give the path as the endpoint
            rules:\\n  - name: a\\nlaunch:\\n  lineage: {url: "http://m", endpoint: api} | line 4: lineage endpoint [api] must start with /
            rules:\\n  - name: a\\nlaunch:\\n  lineage: {url: "http://m", namespace: "a b"} | line 4: lineage namespace [a b] must be 1 to 256 of
            rules:\\n  - name: a\\nlaunch:\\n  flink: {version: "2"}                 | line 4: Flink version [2] must be major.minor, such as 1.20
            rules:\\n  - name: a\\nlaunch:\\n  flink: {catalog: c, catalogOptions: {k: "v');DROP"}} | line 4: catalog option [k] holds a quote or a semicolon
            """)
    void aBadFileNamesTheLineAndTheProblem(String text, String expected) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n").replace("\\t", "\t")))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void anEmptyFileIsNoRulesFile() {
        assertThatThrownBy(() -> parse("# nothing yet\n"))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void scalarsStandForListsOfOne() {
        RoutingRules rules = parse("rules:\n  - name: a\n    match: {users: alice}\n  - name: b\n");

        assertThat(rules.rules().get(0).match().users())
                .extracting(NamePattern::text)
                .containsExactly("alice");
        assertThat(rules.rules().get(0).engine().type()).isEqualTo(Optional.empty());
    }
}
