package io.lakegate.sandbox.lineage;

import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.ProcessService;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The lineage hub every engine's OpenLineage events go to, with its lineage page, run by its own command. */
public final class LineageHubService implements SandboxService {
    public static final String NAME = "lineage-hub";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    @Override
    public Set<Integer> ports(SandboxContext context) {
        return Set.of(context.lineageHubPort());
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        ChildProcess process = context.startProcess(
                NAME,
                List.of(
                        "sh",
                        context.distFile("tools/lineage-hub/bin/lakegate-lineage-hub")
                                .toString(),
                        "--host",
                        context.host(),
                        "--port",
                        Integer.toString(context.lineageHubPort()),
                        "--data-dir",
                        context.dataDir("lineage-hub").toString()),
                Map.of("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
        process.awaitPort(context.host(), context.lineageHubPort(), Duration.ofSeconds(60));
        return new ProcessService(
                List.of(
                        new Endpoint("lineage page", context.lineageHubUrl() + "/"),
                        new Endpoint(
                                "OpenLineage endpoint (Marquez API)", context.lineageHubUrl() + "/api/v1/lineage")),
                List.of(),
                process);
    }
}
