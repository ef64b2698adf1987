package io.lakegate.kyuubi.routing.cli;

import io.lakegate.kyuubi.routing.decision.RoutingDecision;
import io.lakegate.kyuubi.routing.decision.RoutingRefusedException;
import io.lakegate.kyuubi.routing.decision.SessionRouter;
import io.lakegate.kyuubi.routing.launch.PlatformConf;
import io.lakegate.kyuubi.routing.rules.RoutingRules;
import io.lakegate.kyuubi.routing.rules.RulesException;
import io.lakegate.kyuubi.routing.rules.RulesParser;
import io.lakegate.kyuubi.routing.rules.SessionRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code lakegate-routing}: {@code check FILE} validates a rules file (for CI); {@code explain} shows what a session
 * would get (the rule, each clamp and guardrail, the injected settings, the overlay) before a change is deployed.
 * Exit status 0 when valid and routed, 1 when the file is invalid or the session refused, 2 for a usage error.
 */
public final class RoutingCli {
    private static final String USAGE =
            """
            usage: lakegate-routing check FILE
                   lakegate-routing explain --rules FILE --user USER [--group GROUP ...] [--conf KEY=VALUE ...]
                                            [--client-ip IP] [--kyuubi-defaults FILE] [--spark-defaults FILE]
            """;

    private RoutingCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "check" -> check(args, out, err);
                case "explain" -> explain(args, out, err);
                default -> usage(err, "unknown command [" + args[0] + "]");
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
    }

    private static int check(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            throw new UsageException("check takes one FILE");
        }
        Path file = Path.of(args[1]);
        try {
            RoutingRules rules = parse(file);
            out.println(file + ": valid: " + rules.rules().size() + " rules, "
                    + rules.guardrails().size() + " guardrails (built-in ones included)");
            return 0;
        } catch (RulesException | IOException e) {
            err.println(file + ": " + e.getMessage());
            return 1;
        }
    }

    private static int explain(String[] args, PrintStream out, PrintStream err) {
        Path rulesFile = null;
        String user = null;
        Set<String> groups = new LinkedHashSet<>();
        Map<String, String> conf = new LinkedHashMap<>();
        Map<String, String> kyuubiDefaults = Map.of();
        Map<String, String> sparkDefaults = Map.of();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--rules" -> rulesFile = Path.of(value);
                case "--user" -> user = value;
                case "--group" -> groups.add(value);
                case "--conf" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new UsageException("--conf takes KEY=VALUE, not [" + value + "]");
                    }
                    conf.put(value.substring(0, equals), value.substring(equals + 1));
                }
                case "--client-ip" -> conf.put(SessionRequest.CLIENT_IP, value);
                case "--kyuubi-defaults" -> kyuubiDefaults = properties(Path.of(value));
                case "--spark-defaults" -> sparkDefaults = properties(Path.of(value));
                default -> throw new UsageException("unknown option [" + option + "]");
            }
        }
        if (rulesFile == null || user == null) {
            throw new UsageException("explain needs --rules and --user");
        }
        RoutingRules rules;
        try {
            rules = parse(rulesFile);
        } catch (RulesException | IOException e) {
            err.println(rulesFile + ": " + e.getMessage());
            return 1;
        }
        groups.addAll(rules.staticGroups(user));
        SessionRouter router = new SessionRouter(rules, new PlatformConf(kyuubiDefaults, sparkDefaults));
        RoutingDecision decision;
        try {
            decision = router.route(SessionRequest.of(user, groups, conf));
        } catch (RoutingRefusedException e) {
            err.println(e.getMessage());
            return 1;
        }
        print(decision, groups, out);
        return 0;
    }

    private static void print(RoutingDecision decision, Set<String> groups, PrintStream out) {
        out.println("user:      " + decision.user() + " (groups " + groups + ")");
        out.println("rule:      " + decision.rule().name() + " (line "
                + decision.rule().line() + ")"
                + (decision.rule().match().isCatchAll()
                        ? ", the catch-all"
                        : ", matched on "
                                + String.join(" and ", decision.rule().match().describe())));
        out.println("engine:    " + decision.engine());
        out.println("clamps:" + (decision.clamps().isEmpty() ? "    none" : ""));
        decision.clamps()
                .forEach(clamp -> out.println("  " + clamp.key() + ": asked " + clamp.asked() + ", granted "
                        + clamp.granted() + " (limit on line " + clamp.limitLine() + ")"));
        out.println("guardrails:" + (decision.guardrailHits().isEmpty() ? " none hit" : ""));
        decision.guardrailHits()
                .forEach(hit -> out.println("  " + hit.key() + ": sent [" + hit.sent() + "], engine gets ["
                        + hit.forced() + "] (" + hit.source() + ")"));
        out.println(
                "injected:  " + (decision.injected().isEmpty() ? "nothing" : String.join(", ", decision.injected())));
        out.println("overlay:");
        decision.overlay().forEach((key, value) -> out.println("  " + key + "=" + value));
    }

    private static RoutingRules parse(Path file) throws IOException {
        return RulesParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    private static Map<String, String> properties(Path file) {
        try {
            return PlatformConf.properties(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("lakegate-routing: " + problem);
        err.print(USAGE);
        return 2;
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
