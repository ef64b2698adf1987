package io.lakegate.sandbox.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.demo.DemoFiles;
import io.lakegate.sandbox.flink.FlinkGatewayService;
import io.lakegate.sandbox.process.ChildProcess;
import io.lakegate.sandbox.service.Endpoint;
import io.lakegate.sandbox.service.ProcessService;
import io.lakegate.sandbox.service.SandboxContext;
import io.lakegate.sandbox.service.SandboxService;
import io.lakegate.sandbox.service.StartedService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy server on Ranger Admin's plugin endpoints, serving the Hive-service policies every engine enforces from
 * a folder of the data directory. The policies file is the demonstration's on the first start and the operator's
 * after: an edit applies at the engines' next poll. The user store (users' groups) is written from the directory at
 * each start, as Ranger's usersync would.
 */
public final class PolicyServerService implements SandboxService {
    public static final String NAME = "policy-server";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return Set.of(context.policyServerPort());
    }

    @Override
    public StartedService start(SandboxContext context) throws Exception {
        Path folder = context.dataDir("policies");
        Path policies = DemoFiles.copyOnce("policies.json", folder.resolve(context.rangerService() + ".json"));
        // Flink's topic checks: the seed's ClickStream topic in Ranger's Kafka service.
        Path kafkaPolicies =
                DemoFiles.copyOnce("kafka-policies.json", folder.resolve(FlinkGatewayService.KAFKA_SERVICE + ".json"));
        writeUserStore(context, folder.resolve(context.rangerService() + "_userstore.json"));
        writeUserStore(context, folder.resolve(FlinkGatewayService.KAFKA_SERVICE + "_userstore.json"));
        ChildProcess process = context.startProcess(
                NAME,
                List.of(
                        "sh",
                        context.distFile("tools/ranger-policy-server/bin/ranger-policy-server")
                                .toString(),
                        "--folder",
                        folder.toString(),
                        "--host",
                        context.host(),
                        "--port",
                        Integer.toString(context.policyServerPort())),
                Map.of("JAVA_OPTS", "-Xmx256m -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
        process.awaitPort(context.host(), context.policyServerPort(), Duration.ofSeconds(60));
        checkServes(context, process);
        return new ProcessService(
                List.of(new Endpoint(
                        "Ranger policy server (service " + context.rangerService() + ")", context.policyServerUrl())),
                List.of(
                        "policies (edit while it runs; engines poll every few seconds): " + policies,
                        "Kafka topics' policies (Flink's reads and writes of topics): " + kafkaPolicies),
                process);
    }

    // A listening port is not yet a policy server: the engines would start denying everything, and say only that
    // no policies are loaded. A download the way a plugin makes it tells, and the log says why.
    private static void checkServes(SandboxContext context, ChildProcess process)
            throws IOException, InterruptedException {
        URI download = URI.create(context.policyServerUrl() + "/service/plugins/policies/download/"
                + context.rangerService() + "?lastKnownVersion=-1");
        String problem;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(download)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            problem = "answered " + response.statusCode();
        } catch (IOException e) {
            problem = "failed: " + e;
        }
        process.close();
        throw new IOException("the policy download " + download + " " + problem + "; the end of "
                + context.logFile(NAME) + ":\n" + process.tail());
    }

    private static void writeUserStore(SandboxContext context, Path file) throws IOException {
        ObjectNode store = JSON.createObjectNode();
        ObjectNode mapping = store.putObject("userGroupMapping");
        for (Map.Entry<String, List<String>> user :
                context.directory().groupsByUser().entrySet()) {
            ArrayNode groups = mapping.putArray(user.getKey());
            user.getValue().forEach(groups::add);
        }
        ConfFiles.write(file, store.toPrettyString() + "\n");
    }
}
