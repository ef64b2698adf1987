package io.lakegate.ranger;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Ranger's standard files for a plugin type and refuses, with the key and the fix, a configuration under
 * which the plugin could never load a policy.
 */
final class RangerSettings {
    private static final Logger log = LoggerFactory.getLogger(RangerSettings.class);

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
        for (Path file : config.configFiles()) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidRangerConfigException(
                        "Ranger config file " + file + " does not exist or is not a file: fix the path or remove it");
            }
        }
        String prefix = config.propertyPrefix();
        String where = "in " + config.securityFileName() + " (looked on the classpath"
                + (config.configFiles().isEmpty() ? "" : " and in " + config.configFiles()) + ")";
        RangerPluginConfig pluginConfig = pluginConfig(config, null);
        // RangerPluginConfig resolves the service name before it reads the extra files, so a name that only
        // they give must be passed in explicitly.
        String serviceName = pluginConfig.get(prefix + ".service.name");
        if (isBlank(serviceName)) {
            throw new InvalidRangerConfigException("Ranger key " + prefix + ".service.name is not set " + where
                    + ": set it to the name of the Ranger service whose policies apply");
        }
        if (!serviceName.trim().equals(pluginConfig.getServiceName())) {
            pluginConfig = pluginConfig(config, serviceName.trim());
        }
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

    private static RangerPluginConfig pluginConfig(RangerAuthorizerConfig config, String serviceName) {
        return new RangerPluginConfig(
                config.pluginType(),
                serviceName,
                config.appId(),
                null,
                null,
                config.configFiles().stream().map(Path::toFile).toList(),
                // null: Ranger then reads the operator's ranger.plugin.<type>.policyengine.option.* keys.
                null);
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
