package io.lakegate.trino.lineage.config;

import static java.util.Locale.ENGLISH;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
import io.airlift.units.Duration;
import io.airlift.units.MaxDuration;
import io.airlift.units.MinDuration;
import io.lakegate.lineage.emit.DropPolicy;
import io.lakegate.lineage.naming.DatasetNamespaces;
import io.trino.spi.resourcegroups.QueryType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The properties of {@code etc/event-listener.properties} after {@code event-listener.name=lakegate-openlineage}. */
public final class LineageConfig {
    public static final String TRANSPORT_TYPE = "openlineage.transport.type";
    public static final String TRANSPORT_URL = "openlineage.transport.url";
    public static final String TRANSPORT_FILE = "openlineage.transport.file";
    public static final String KAFKA_TOPIC = "openlineage.transport.kafka.topic";
    public static final String KAFKA_BOOTSTRAP = "openlineage.transport.kafka.bootstrap-servers";
    public static final String TRINO_URI = "openlineage.trino.uri";
    public static final String JOB_NAME_FORMAT = "openlineage.job.name-format";
    public static final String CATALOG_NAMESPACES = "openlineage.dataset.catalog-namespaces";
    public static final String EXCLUDE_DATASETS = "openlineage.dataset.exclude";

    /** The placeholders of {@link #JOB_NAME_FORMAT}, as Trino's own OpenLineage listener names them. */
    public static final Set<String> JOB_NAME_PLACEHOLDERS = Set.of("QUERY_ID", "USER", "SOURCE", "CLIENT_IP");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$([A-Za-z_]+)");

    private TransportType transportType;
    private URI transportUrl;
    private String transportEndpoint = "/api/v1/lineage";
    private String apiKey;
    private Duration transportTimeout = new Duration(5, TimeUnit.SECONDS);
    private boolean gzip;
    private Path transportFile;
    private String kafkaTopic;
    private String kafkaBootstrapServers;
    private URI trinoUri;
    private String jobNamespace;
    private String jobNameFormat = "$QUERY_ID";
    private Map<String, String> catalogNamespaces = Map.of();
    private String catalogNamespacesProblem;
    private List<Pattern> excludeDatasets = List.of();
    private String excludeDatasetsProblem;
    private Set<QueryType> queryTypes = EnumSet.of(
            QueryType.SELECT,
            QueryType.INSERT,
            QueryType.UPDATE,
            QueryType.DELETE,
            QueryType.MERGE,
            QueryType.ALTER_TABLE_EXECUTE);
    private String queryTypesProblem;
    private boolean includeSystemQueries;
    private boolean includeExpressions;
    private int queueCapacity = 2_000;
    private int batchSize = 100;
    private DropPolicy dropPolicy = DropPolicy.DROP_NEWEST;
    private int maxAttempts = 5;
    private Duration initialBackoff = new Duration(500, TimeUnit.MILLISECONDS);
    private Duration maxBackoff = new Duration(30, TimeUnit.SECONDS);
    private Duration shutdownTimeout = new Duration(10, TimeUnit.SECONDS);

    @NotNull(message = "is required: http, kafka, file or console")
    public TransportType getTransportType() {
        return transportType;
    }

    @Config(TRANSPORT_TYPE)
    @ConfigDescription("Where events go: http (Marquez's API or any OpenLineage receiver), kafka, file or console")
    public LineageConfig setTransportType(TransportType transportType) {
        this.transportType = transportType;
        return this;
    }

    public Optional<URI> getTransportUrl() {
        return Optional.ofNullable(transportUrl);
    }

    @Config(TRANSPORT_URL)
    @ConfigDescription("The receiver's base URL for http, e.g. http://marquez:5000")
    public LineageConfig setTransportUrl(URI transportUrl) {
        // OpenLineage's HTTP transport joins URL and endpoint itself: http://hub:5000/ would end in //api/v1/lineage.
        String text = transportUrl == null ? null : transportUrl.toString();
        this.transportUrl = text != null && text.endsWith("/") ? URI.create(text.replaceAll("/+$", "")) : transportUrl;
        return this;
    }

    @NotNull
    public String getTransportEndpoint() {
        return transportEndpoint;
    }

    @Config("openlineage.transport.endpoint")
    @ConfigDescription("The path events are posted to, below the URL (Marquez's /api/v1/lineage by default)")
    public LineageConfig setTransportEndpoint(String transportEndpoint) {
        this.transportEndpoint = transportEndpoint;
        return this;
    }

    public Optional<String> getApiKey() {
        return Optional.ofNullable(apiKey);
    }

    @Config("openlineage.transport.api-key")
    @ConfigSecuritySensitive
    @ConfigDescription("API key for http, sent as Authorization: Bearer <key> (Marquez, the lineage hub); use Trino's"
            + " secrets syntax, ${ENV:NAME} or ${FILE:path}, to keep it out of the file")
    public LineageConfig setApiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    @NotNull
    @MinDuration("1ms")
    @MaxDuration("10m")
    public Duration getTransportTimeout() {
        return transportTimeout;
    }

    @Config("openlineage.transport.timeout")
    @ConfigDescription("How long one send may take (connect and answer for http, acknowledgement for kafka)")
    public LineageConfig setTransportTimeout(Duration transportTimeout) {
        this.transportTimeout = transportTimeout;
        return this;
    }

    public boolean isGzip() {
        return gzip;
    }

    @Config("openlineage.transport.gzip")
    @ConfigDescription("Whether http bodies are sent gzip-compressed")
    public LineageConfig setGzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    public Optional<Path> getTransportFile() {
        return Optional.ofNullable(transportFile);
    }

    @Config(TRANSPORT_FILE)
    @ConfigDescription("The file events are appended to for file, one JSON line each")
    public LineageConfig setTransportFile(String transportFile) {
        this.transportFile = transportFile == null ? null : Path.of(transportFile.strip());
        return this;
    }

    public Optional<String> getKafkaTopic() {
        return Optional.ofNullable(kafkaTopic);
    }

    @Config(KAFKA_TOPIC)
    @ConfigDescription("The topic events are published to for kafka")
    public LineageConfig setKafkaTopic(String kafkaTopic) {
        this.kafkaTopic = kafkaTopic;
        return this;
    }

    public Optional<String> getKafkaBootstrapServers() {
        return Optional.ofNullable(kafkaBootstrapServers);
    }

    @Config(KAFKA_BOOTSTRAP)
    @ConfigDescription("The brokers for kafka, host:port[,host:port...]")
    public LineageConfig setKafkaBootstrapServers(String kafkaBootstrapServers) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        return this;
    }

    @NotNull(message = "is required: the coordinator's address as clients reach it, e.g. http://trino:8080")
    public URI getTrinoUri() {
        return trinoUri;
    }

    @Config(TRINO_URI)
    @ConfigDescription("The coordinator's address as clients reach it: datasets of catalogs without a metastore are"
            + " named trino://<host>:<port> + catalog.schema.table, and jobs are in that namespace unless"
            + " openlineage.namespace says otherwise")
    public LineageConfig setTrinoUri(URI trinoUri) {
        this.trinoUri = trinoUri;
        return this;
    }

    /** {@code trino://host:port}, OpenLineage's namespace for this coordinator. */
    public String trinoNamespace() {
        int port = trinoUri.getPort();
        if (port == -1) {
            port = "https".equalsIgnoreCase(trinoUri.getScheme()) ? 443 : 8080;
        }
        return "trino://" + trinoUri.getHost() + ":" + port;
    }

    public Optional<String> getJobNamespace() {
        return Optional.ofNullable(jobNamespace);
    }

    @Config("openlineage.namespace")
    @ConfigDescription("The jobs' namespace (trino://<host>:<port> of openlineage.trino.uri by default); datasets keep"
            + " theirs")
    public LineageConfig setJobNamespace(String jobNamespace) {
        this.jobNamespace = jobNamespace;
        return this;
    }

    @NotNull
    public String getJobNameFormat() {
        return jobNameFormat;
    }

    @Config(JOB_NAME_FORMAT)
    @ConfigDescription("The job name of a query, with $QUERY_ID, $USER, $SOURCE and $CLIENT_IP replaced")
    public LineageConfig setJobNameFormat(String jobNameFormat) {
        this.jobNameFormat = jobNameFormat;
        return this;
    }

    @NotNull
    public Map<String, String> getCatalogNamespaces() {
        return catalogNamespaces;
    }

    @Config(CATALOG_NAMESPACES)
    @ConfigDescription("Catalogs over a Hive metastore (Hive, Iceberg, Delta connectors), each as catalog=<its"
            + " hive.metastore.uri>, e.g. hive=thrift://metastore:9083: their tables are named hive://<host>:<port> +"
            + " schema.table, as Spark's and Flink's OpenLineage integrations name them")
    public LineageConfig setCatalogNamespaces(List<String> entries) {
        Map<String, String> namespaces = new LinkedHashMap<>();
        catalogNamespacesProblem = null;
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String catalog =
                    equals < 0 ? "" : entry.substring(0, equals).strip().toLowerCase(ENGLISH);
            if (catalog.isEmpty()) {
                catalogNamespacesProblem = "entry '" + entry + "' is not catalog=thrift://host:port";
                break;
            }
            try {
                String previous = namespaces.put(
                        catalog,
                        DatasetNamespaces.hiveMetastore(
                                entry.substring(equals + 1).strip()));
                if (previous != null) {
                    catalogNamespacesProblem = "catalog " + catalog + " is listed twice";
                    break;
                }
            } catch (IllegalArgumentException e) {
                catalogNamespacesProblem = "catalog " + catalog + ": " + e.getMessage();
                break;
            }
        }
        this.catalogNamespaces = Map.copyOf(namespaces);
        return this;
    }

    @NotNull
    public List<Pattern> getExcludeDatasets() {
        return excludeDatasets;
    }

    @Config(EXCLUDE_DATASETS)
    @ConfigDescription("Regular expressions over catalog.schema.table: a table matching one is left out of every"
            + " event, and a SELECT reading only such tables sends no event")
    public LineageConfig setExcludeDatasets(List<String> patterns) {
        excludeDatasetsProblem = null;
        try {
            // Trino's names are lower case; a pattern written Hive\..* still means them.
            this.excludeDatasets = patterns.stream()
                    .map(pattern -> Pattern.compile(pattern, Pattern.CASE_INSENSITIVE))
                    .toList();
        } catch (PatternSyntaxException e) {
            excludeDatasetsProblem = e.getDescription() + " in " + e.getPattern();
            this.excludeDatasets = List.of();
        }
        return this;
    }

    @NotNull
    public Set<QueryType> getQueryTypes() {
        return queryTypes;
    }

    @Config("openlineage.include-query-types")
    @ConfigDescription("The query types that send events: any of SELECT, EXPLAIN, DESCRIBE, INSERT, UPDATE, DELETE,"
            + " ANALYZE, DATA_DEFINITION, ALTER_TABLE_EXECUTE, MERGE")
    public LineageConfig setQueryTypes(List<String> names) {
        queryTypesProblem = null;
        Set<QueryType> types = EnumSet.noneOf(QueryType.class);
        for (String name : names) {
            try {
                types.add(QueryType.valueOf(name.strip().toUpperCase(ENGLISH)));
            } catch (IllegalArgumentException e) {
                queryTypesProblem = "'" + name.strip() + "' is not one of " + EnumSet.allOf(QueryType.class);
            }
        }
        this.queryTypes = Set.copyOf(types);
        return this;
    }

    public boolean isIncludeSystemQueries() {
        return includeSystemQueries;
    }

    @Config("openlineage.include-system-queries")
    @ConfigDescription("Whether a SELECT that reads only the system catalog or information_schema (a client's"
            + " metadata queries), or no table at all, sends events")
    public LineageConfig setIncludeSystemQueries(boolean includeSystemQueries) {
        this.includeSystemQueries = includeSystemQueries;
        return this;
    }

    public boolean isIncludeExpressions() {
        return includeExpressions;
    }

    @Config("openlineage.governance.include-expressions")
    @ConfigDescription("Whether lakegate_governance carries the SQL of masks and row filters (policy text, which"
            + " whoever reads the lineage then reads too); without it, mask types and that a filter applied")
    public LineageConfig setIncludeExpressions(boolean includeExpressions) {
        this.includeExpressions = includeExpressions;
        return this;
    }

    @Min(1)
    @Max(1_000_000)
    public int getQueueCapacity() {
        return queueCapacity;
    }

    @Config("openlineage.queue.capacity")
    @ConfigDescription("Events waiting to be sent at most; beyond it openlineage.queue.drop-policy drops one")
    public LineageConfig setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
        return this;
    }

    @Min(1)
    @Max(10_000)
    public int getBatchSize() {
        return batchSize;
    }

    @Config("openlineage.queue.batch-size")
    @ConfigDescription("Events the sender takes from the queue at once")
    public LineageConfig setBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    @NotNull
    public DropPolicy getDropPolicy() {
        return dropPolicy;
    }

    @Config("openlineage.queue.drop-policy")
    @ConfigDescription("Which event gives way when the queue is full: DROP_NEWEST (the one arriving) or DROP_OLDEST")
    public LineageConfig setDropPolicy(DropPolicy dropPolicy) {
        this.dropPolicy = dropPolicy;
        return this;
    }

    @Min(1)
    @Max(100)
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @Config("openlineage.retry.max-attempts")
    @ConfigDescription("Sends of one event before it is given up")
    public LineageConfig setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    @NotNull
    @MaxDuration("1h")
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    @Config("openlineage.retry.initial-backoff")
    @ConfigDescription("The wait after an event's first failed send, doubled after each further failure")
    public LineageConfig setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
        return this;
    }

    @NotNull
    @MaxDuration("1h")
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    @Config("openlineage.retry.max-backoff")
    @ConfigDescription("The longest wait between two sends of one event")
    public LineageConfig setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
        return this;
    }

    @NotNull
    @MaxDuration("10m")
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    @Config("openlineage.shutdown-timeout")
    @ConfigDescription("How long Trino's shutdown waits for queued events to be sent")
    public LineageConfig setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    @AssertTrue(message = "openlineage.transport.url is required for openlineage.transport.type=http")
    public boolean isUrlGivenForHttp() {
        return transportType != TransportType.HTTP || transportUrl != null;
    }

    @AssertTrue(message = "openlineage.transport.url must be http:// or https:// with a host")
    public boolean isUrlValid() {
        return transportUrl == null
                || (("http".equalsIgnoreCase(transportUrl.getScheme())
                                || "https".equalsIgnoreCase(transportUrl.getScheme()))
                        && transportUrl.getHost() != null);
    }

    @AssertTrue(message = "openlineage.transport.endpoint must start with /")
    public boolean isEndpointValid() {
        return transportEndpoint == null || transportEndpoint.startsWith("/");
    }

    @AssertTrue(message = "openlineage.transport.file is required for openlineage.transport.type=file")
    public boolean isFileGivenForFile() {
        return transportType != TransportType.FILE || transportFile != null;
    }

    @AssertTrue(message = "openlineage.transport.file must be in an existing directory Trino may write to")
    public boolean isFileWritable() {
        if (transportType != TransportType.FILE || transportFile == null) {
            return true;
        }
        Path directory = transportFile.toAbsolutePath().getParent();
        return directory != null && Files.isDirectory(directory) && Files.isWritable(directory);
    }

    @AssertTrue(message = "openlineage.namespace must not be blank")
    public boolean isJobNamespaceValid() {
        return jobNamespace == null || !jobNamespace.isBlank();
    }

    @AssertTrue(message = "openlineage.include-query-types must name at least one query type")
    public boolean isQueryTypesGiven() {
        return queryTypes == null || !queryTypes.isEmpty();
    }

    @AssertTrue(
            message = "openlineage.transport.kafka.topic and openlineage.transport.kafka.bootstrap-servers are"
                    + " required for openlineage.transport.type=kafka")
    public boolean isKafkaGivenForKafka() {
        return transportType != TransportType.KAFKA
                || kafkaTopic != null && !kafkaTopic.isBlank() && kafkaBootstrapServers != null;
    }

    @AssertTrue(message = "openlineage.trino.uri must be http:// or https:// with a host, e.g. http://trino:8080")
    public boolean isTrinoUriValid() {
        return trinoUri == null
                || (("http".equalsIgnoreCase(trinoUri.getScheme()) || "https".equalsIgnoreCase(trinoUri.getScheme()))
                        && trinoUri.getHost() != null);
    }

    @AssertTrue(
            message = "openlineage.job.name-format is blank or has a placeholder other than $QUERY_ID, $USER,"
                    + " $SOURCE and $CLIENT_IP")
    public boolean isJobNameFormatValid() {
        if (jobNameFormat == null || jobNameFormat.isBlank()) {
            return false;
        }
        Matcher matcher = PLACEHOLDER.matcher(jobNameFormat);
        while (matcher.find()) {
            if (!JOB_NAME_PLACEHOLDERS.contains(matcher.group(1))) {
                return false;
            }
        }
        return !jobNameFormat.replaceAll("\\$[A-Za-z_]+", "").contains("$");
    }

    /** Why a property that airlift cannot validate by itself is invalid: the startup error names it. */
    public Optional<String> problem() {
        if (catalogNamespacesProblem != null) {
            return Optional.of("Invalid " + CATALOG_NAMESPACES + ": " + catalogNamespacesProblem);
        }
        if (queryTypesProblem != null) {
            return Optional.of("Invalid openlineage.include-query-types: " + queryTypesProblem);
        }
        if (excludeDatasetsProblem != null) {
            return Optional.of("Invalid " + EXCLUDE_DATASETS + ": " + excludeDatasetsProblem);
        }
        return Optional.empty();
    }

    @AssertTrue(message = "openlineage.retry.max-backoff must not be shorter than openlineage.retry.initial-backoff")
    public boolean isBackoffValid() {
        return initialBackoff == null || maxBackoff == null || maxBackoff.compareTo(initialBackoff) >= 0;
    }
}
