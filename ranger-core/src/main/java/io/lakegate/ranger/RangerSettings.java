package io.lakegate.ranger;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Ranger's standard files for a plugin type and refuses, with the key and the fix, a configuration under
 * which the plugin could never load a policy.
 */
final class RangerSettings {
    private static final Logger log = LoggerFactory.getLogger(RangerSettings.class);

    private static final List<String> STANDARD_FILES = List.of("-audit.xml", "-security.xml", "-policymgr-ssl.xml");
    static final String DECISION_CACHE_SIZE = ".lakegate.decision.cache.size";
    static final String DECISION_CACHE_TTL_MS = ".lakegate.decision.cache.ttl.ms";
    private static final long DEFAULT_DECISION_CACHE_SIZE = 100_000;
    private static final long DEFAULT_DECISION_CACHE_TTL_MS = 30_000;

    private final RangerPluginConfig pluginConfig;
    private final long decisionCacheSize;
    private final Duration decisionCacheTtl;

    private RangerSettings(RangerPluginConfig pluginConfig, long decisionCacheSize, Duration decisionCacheTtl) {
        this.pluginConfig = pluginConfig;
        this.decisionCacheSize = decisionCacheSize;
        this.decisionCacheTtl = decisionCacheTtl;
    }

    static RangerSettings load(RangerAuthorizerConfig config) {
        String prefix = config.propertyPrefix();
        List<String> read = new ArrayList<>();
        Configuration files = new Configuration(false);
        for (String suffix : STANDARD_FILES) {
            addStandardFile(files, "ranger-" + config.pluginType() + suffix, read);
        }
        String serviceName = files.get(prefix + ".service.name");
        for (Path file : config.configFiles()) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidRangerConfigException(
                        "Ranger config file " + file + " does not exist or is not a file: fix the path or remove it");
            }
            // Read now only to learn the service name, which selects the service-specific files read before these.
            Configuration probe = new Configuration(false);
            probe.addResource(toUrl(file), false);
            serviceName = probe.get(prefix + ".service.name", serviceName);
        }
        serviceName = config.overrides().getOrDefault(prefix + ".service.name", serviceName);
        String where = "in " + config.securityFileName() + " (read " + (read.isEmpty() ? "no file" : read)
                + (config.configFiles().isEmpty() ? "" : ", then " + config.configFiles())
                + (config.overrides().isEmpty() ? "" : ", then the host's overrides of " + overriddenKeys(config))
                + ")";
        if (isBlank(serviceName)) {
            throw new InvalidRangerConfigException("Ranger key " + prefix + ".service.name is not set " + where
                    + ": set it to the name of the Ranger service whose policies apply");
        }
        serviceName = serviceName.trim();
        for (String suffix : STANDARD_FILES) {
            addStandardFile(files, "ranger-" + config.pluginType() + "-" + serviceName + suffix, read);
        }
        for (Path file : config.configFiles()) {
            files.addResource(toUrl(file), false);
        }
        Properties properties = new Properties();
        for (Map.Entry<String, String> entry : files) {
            properties.setProperty(entry.getKey(), entry.getValue());
        }
        // Last, before validation: an override is checked as a file's value would be.
        config.overrides().forEach(properties::setProperty);
        RangerPluginConfig pluginConfig =
                new RangerPluginConfig(config.pluginType(), serviceName, config.appId(), properties);

        String sourceImpl = pluginConfig.get(prefix + ".policy.source.impl");
        String restUrl = pluginConfig.get(prefix + ".policy.rest.url");
        if (isBlank(sourceImpl) && isBlank(restUrl)) {
            throw new InvalidRangerConfigException("Ranger key " + prefix + ".policy.rest.url is not set " + where
                    + ": set it to the Ranger Admin URL (comma-separated for failover), or set " + prefix
                    + ".policy.source.impl to a local policy source");
        }
        if (isBlank(sourceImpl)) {
            validateUrls(prefix + ".policy.rest.url", restUrl, where);
        }
        positiveLong(pluginConfig, prefix + ".policy.pollIntervalMs", 30_000, where);
        if (isBlank(pluginConfig.get(prefix + ".policy.cache.dir"))) {
            log.warn(
                    "Ranger key {}.policy.cache.dir is not set {}: if Ranger Admin is down when this process starts,"
                            + " it will deny everything until Admin answers",
                    prefix,
                    where);
        }
        long cacheSize =
                nonNegativeLong(pluginConfig, prefix + DECISION_CACHE_SIZE, DEFAULT_DECISION_CACHE_SIZE, where);
        long cacheTtlMs =
                nonNegativeLong(pluginConfig, prefix + DECISION_CACHE_TTL_MS, DEFAULT_DECISION_CACHE_TTL_MS, where);
        return new RangerSettings(pluginConfig, cacheSize, Duration.ofMillis(cacheTtlMs));
    }

    RangerPluginConfig pluginConfig() {
        return pluginConfig;
    }

    /** 0 disables the decision cache. */
    long decisionCacheSize() {
        return decisionCacheSize;
    }

    Duration decisionCacheTtl() {
        return decisionCacheTtl;
    }

    /**
     * Ranger's own lookup: the classpath, then the name as a path. Files are handed to Hadoop with an explicit
     * parser choice, because without one Hadoop asks UserGroupInformation for the current user, which throws on
     * Java 24+ once UGI is initialised; Ranger's own loading then silently skips the file.
     */
    private static void addStandardFile(Configuration files, String name, List<String> read) {
        URL url = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .map(loader -> loader.getResource(name))
                .or(() -> Optional.ofNullable(
                        RangerSettings.class.getClassLoader().getResource(name)))
                .orElse(null);
        if (url == null && Files.isReadable(Path.of(name))) {
            url = toUrl(Path.of(name));
        }
        if (url != null) {
            files.addResource(url, false);
            read.add(url.toString());
        }
    }

    private static List<String> overriddenKeys(RangerAuthorizerConfig config) {
        return config.overrides().keySet().stream().sorted().toList();
    }

    private static URL toUrl(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new InvalidRangerConfigException("Ranger config file " + file + " is not a valid path: " + e);
        }
    }

    private static void validateUrls(String key, String value, String where) {
        for (String url : List.of(value.split(","))) {
            String trimmed = url.trim();
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new InvalidRangerConfigException("Ranger key " + key + " " + where + " has an invalid URL ["
                        + trimmed + "]: " + e.getMessage() + "; expected e.g. http://ranger-admin:6080");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidRangerConfigException("Ranger key " + key + " " + where + " has an invalid URL ["
                        + trimmed + "]: expected http(s)://host:port, e.g. http://ranger-admin:6080");
            }
        }
    }

    private static long positiveLong(RangerPluginConfig config, String key, long defaultValue, String where) {
        long value = parseLong(config, key, defaultValue, where);
        if (value <= 0) {
            throw new InvalidRangerConfigException(
                    "Ranger key " + key + " " + where + " must be a positive number, not " + value);
        }
        return value;
    }

    private static long nonNegativeLong(RangerPluginConfig config, String key, long defaultValue, String where) {
        long value = parseLong(config, key, defaultValue, where);
        if (value < 0) {
            throw new InvalidRangerConfigException(
                    "Ranger key " + key + " " + where + " must be 0 or more, not " + value);
        }
        return value;
    }

    private static long parseLong(RangerPluginConfig config, String key, long defaultValue, String where) {
        String raw = config.get(key);
        if (isBlank(raw)) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRangerConfigException(
                    "Ranger key " + key + " " + where + " must be a whole number, not [" + raw + "]");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
