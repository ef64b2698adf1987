package io.lakegate.trino.lineage.config;

import static io.airlift.configuration.ConfigBinder.configBinder;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.lakegate.lineage.emit.EmitterSettings;
import io.lakegate.lineage.emit.LineageEmitter;
import io.lakegate.lineage.naming.DatasetNamespaces;
import io.lakegate.lineage.transport.Transports;
import io.lakegate.trino.lineage.event.DatasetNames;
import io.lakegate.trino.lineage.event.QueryFilter;
import io.lakegate.trino.lineage.event.RunEvents;
import io.lakegate.trino.lineage.listener.LineageListener;
import io.openlineage.client.transports.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Binds the properties, and makes the transport and the emitter once, when Trino loads the listener. */
public final class LineageModule implements Module {
    /** OpenLineage's {@code producer} of every event. */
    public static final URI PRODUCER = URI.create("https://lakegate.io/trino-lineage-plugin");

    private final String trinoVersion;
    private final String pluginVersion;

    public LineageModule(String trinoVersion, String pluginVersion) {
        this.trinoVersion = trinoVersion;
        this.pluginVersion = pluginVersion;
    }

    @Override
    public void configure(Binder binder) {
        configBinder(binder).bindConfig(LineageConfig.class);
        binder.bind(LineageListener.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    static QueryFilter filter(LineageConfig config) {
        return new QueryFilter(config.getQueryTypes(), config.getExcludeDatasets(), config.isIncludeSystemQueries());
    }

    @Provides
    @Singleton
    RunEvents events(LineageConfig config, QueryFilter filter) {
        config.problem().ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        String trinoNamespace = config.trinoNamespace();
        return new RunEvents(
                PRODUCER,
                config.getJobNamespace().orElse(trinoNamespace),
                config.getJobNameFormat(),
                new DatasetNames(trinoNamespace, config.getCatalogNamespaces()),
                filter,
                trinoVersion,
                pluginVersion,
                config.isIncludeExpressions());
    }

    @Provides
    @Singleton
    static LineageEmitter emitter(LineageConfig config, RunEvents ignoredValidatedFirst) {
        EmitterSettings settings = new EmitterSettings(
                config.getQueueCapacity(),
                config.getBatchSize(),
                config.getMaxAttempts(),
                duration(config.getInitialBackoff()),
                duration(config.getMaxBackoff()),
                config.getDropPolicy(),
                duration(config.getShutdownTimeout()));
        return LineageEmitter.start("trino", transport(config), settings);
    }

    private static Transport transport(LineageConfig config) {
        Duration timeout = duration(config.getTransportTimeout());
        return switch (config.getTransportType()) {
            case HTTP -> Transports.http(
                    config.getTransportUrl().orElseThrow(),
                    config.getTransportEndpoint(),
                    config.getApiKey(),
                    timeout,
                    config.isGzip());
            case KAFKA -> {
                String servers = config.getKafkaBootstrapServers().orElseThrow();
                DatasetNamespaces.kafka(servers);
                yield Transports.kafka(
                        config.getKafkaTopic().orElseThrow(), Map.of("bootstrap.servers", servers), timeout);
            }
            case FILE -> Transports.file(config.getTransportFile().orElseThrow());
            case CONSOLE -> Transports.console();
        };
    }

    private static Duration duration(io.airlift.units.Duration duration) {
        return Duration.ofMillis(duration.toMillis());
    }
}
