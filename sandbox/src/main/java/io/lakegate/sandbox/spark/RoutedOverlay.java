package io.lakegate.sandbox.spark;

import io.lakegate.kyuubi.routing.decision.RoutingDecision;
import io.lakegate.kyuubi.routing.decision.SessionRouter;
import io.lakegate.kyuubi.routing.launch.PlatformConf;
import io.lakegate.kyuubi.routing.rules.RoutingRules;
import io.lakegate.kyuubi.routing.rules.RulesParser;
import io.lakegate.kyuubi.routing.rules.SessionRequest;
import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.demo.DemoAccount;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.service.SandboxContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;

/** The engine's settings as kyuubi-ext-routing's own code gives them, from the rules file the sandbox writes. */
final class RoutedOverlay {
    private RoutedOverlay() {}

    /** The overlay the routing rules give the sandbox's engine, as kyuubi-ext-routing computes it for Kyuubi. */
    static Map<String, String> of(SandboxContext context, Path conf) throws IOException {
        String rules = String.join(
                "\n",
                "# Written by lakegate sandbox at each start: the rules its engine's settings come from.",
                "launch:",
                "  spark:",
                "    jars:",
                "      - '" + context.distJar("spark", "lakegate-spark-runtime-") + "'",
                "      - '" + context.distJar("openlineage", "openlineage-spark_") + "'",
                "    rangerConfDir: '" + conf + "'",
                "    policyCacheDir: '" + context.dataDir("policy-cache") + "/{user}'",
                "  lineage:",
                "    url: " + context.lineageHubUrl(),
                "    namespace: " + context.lineageNamespace(),
                "rules:",
                "  # Without Kyuubi, one Spark Thrift Server serves every user: a SERVER-shared engine.",
                "  - name: sandbox-engine",
                "    match:",
                "      users: [" + DemoDirectory.SERVICE_ACCOUNT + "]",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: SERVER",
                "  # With Kyuubi, analysts get an engine each.",
                "  - name: analysts",
                "    match:",
                "      groups: [analysts]",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: USER",
                "  - name: everyone",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: USER",
                "");
        Path file = ConfFiles.write(conf.getParent().resolve("lakegate-routing.yaml"), rules);
        RoutingRules parsed = RulesParser.parse(rules, file.toString());
        DemoAccount engineUser = context.directory().account(DemoDirectory.SERVICE_ACCOUNT);
        RoutingDecision decision = new SessionRouter(parsed, new PlatformConf(Map.of(), Map.of()))
                .route(SessionRequest.of(engineUser.user(), new HashSet<>(engineUser.groups()), Map.of()));
        return decision.overlay();
    }
}
