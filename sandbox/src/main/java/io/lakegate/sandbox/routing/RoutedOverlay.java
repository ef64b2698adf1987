package io.lakegate.sandbox.routing;

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

/**
 * The engines' settings as kyuubi-ext-routing's own code gives them, from the one rules file the sandbox writes
 * ({@code conf/lakegate-routing.yaml}): a session of the service account is routed through {@code SessionRouter}
 * exactly as the Kyuubi advisor routes one, and its engine is launched with the decision's overlay.
 */
public final class RoutedOverlay {
    /** The guarded catalog every Flink session starts in. */
    public static final String FLINK_CATALOG = "lake";

    private RoutedOverlay() {}

    /** The Spark engine's settings ({@code spark.*}, Ranger's files in {@code conf/spark}). */
    public static Map<String, String> spark(SandboxContext context) throws IOException {
        return route(context, Map.of());
    }

    /** The Flink engine's settings ({@code flink.*}, as Kyuubi hands them to its Flink engine). */
    public static Map<String, String> flink(SandboxContext context) throws IOException {
        return route(context, Map.of("kyuubi.engine.type", "FLINK_SQL"));
    }

    private static Map<String, String> route(SandboxContext context, Map<String, String> sessionConf)
            throws IOException {
        String rules = String.join(
                "\n",
                "# Written by lakegate sandbox at each start: the rules its engines' settings come from.",
                "launch:",
                "  spark:",
                "    jars:",
                "      - '" + context.distJar("spark", "lakegate-spark-runtime-") + "'",
                "      - '" + context.distJar("openlineage", "openlineage-spark_") + "'",
                "    rangerConfDir: '" + context.dataDir("conf/spark") + "'",
                "    policyCacheDir: '" + context.dataDir("policy-cache") + "/{user}'",
                "  flink:",
                "    catalog: " + FLINK_CATALOG,
                "    catalogOptions:",
                "      hive-conf-dir: '" + context.dataDir("conf/flink/hive") + "'",
                "      hive-version: '2.3.10'",
                "      # The seed's ClickStream table lives in the guarded catalog.",
                "      lakegate.table-connectors: kafka",
                "  lineage:",
                "    url: " + context.lineageHubUrl(),
                "    namespace: " + context.lineageNamespace(),
                "rules:",
                "  # Without Kyuubi, one Flink SQL gateway serves every user: a SERVER-shared engine.",
                "  - name: sandbox-flink-engine",
                "    match:",
                "      users: [" + DemoDirectory.SERVICE_ACCOUNT + "]",
                "      properties:",
                "        kyuubi.engine.type: FLINK_SQL",
                "    engine:",
                "      type: FLINK_SQL",
                "      shareLevel: SERVER",
                "  # Without Kyuubi, one Spark Thrift Server serves every user: a SERVER-shared engine.",
                "  - name: sandbox-engine",
                "    match:",
                "      users: [" + DemoDirectory.SERVICE_ACCOUNT + "]",
                "    engine:",
                "      type: SPARK_SQL",
                "      shareLevel: SERVER",
                "  # With Kyuubi, a streaming workload goes to Flink, an engine per user (the seed's use case 2).",
                "  - name: streaming",
                "    match:",
                "      properties:",
                "        lakegate.workload: streaming",
                "    engine:",
                "      type: FLINK_SQL",
                "      shareLevel: USER",
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
        // Both engines' services write the same text: whichever writes last, the file is whole.
        Path file = ConfFiles.write(context.dataDir("conf").resolve("lakegate-routing.yaml"), rules);
        RoutingRules parsed = RulesParser.parse(rules, file.toString());
        DemoAccount engineUser = context.directory().account(DemoDirectory.SERVICE_ACCOUNT);
        RoutingDecision decision = new SessionRouter(parsed, new PlatformConf(Map.of(), Map.of()))
                .route(SessionRequest.of(engineUser.user(), new HashSet<>(engineUser.groups()), sessionConf));
        return decision.overlay();
    }
}
