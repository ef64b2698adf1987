package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a host plugin starts its Ranger plugin. {@code pluginType} names Ranger's files and keys
 * ({@code ranger-<pluginType>-security.xml}, {@code ranger.plugin.<pluginType>.*}); the policies themselves
 * come from whichever Ranger service {@code ranger.plugin.<pluginType>.service.name} names. {@code appId}
 * identifies the host in Ranger's audit log. {@code configFiles} are read after the files found on the
 * classpath, so a host's conf dir wins. {@code overrides} are Ranger properties applied after every file, so they
 * win over all of them: what a host is told per process (a launcher's per-engine policy cache dir, say) rather than
 * in a file it shares with others.
 */
public record RangerAuthorizerConfig(
        String pluginType,
        String appId,
        List<Path> configFiles,
        Map<String, String> overrides,
        GroupLookup groupLookup) {
    public RangerAuthorizerConfig {
        requireNonNull(pluginType, "pluginType is null");
        requireNonNull(appId, "appId is null");
        configFiles = List.copyOf(requireNonNull(configFiles, "configFiles is null"));
        overrides = Map.copyOf(requireNonNull(overrides, "overrides is null"));
        requireNonNull(groupLookup, "groupLookup is null");
        if (!pluginType.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("pluginType must be a lower-case Ranger plugin name: " + pluginType);
        }
        for (String key : overrides.keySet()) {
            // A padded or blank name is a property Ranger never reads: the override would be lost without a word.
            if (key.isBlank() || !key.equals(key.strip())) {
                throw new IllegalArgumentException("override key must be a Ranger property name: [" + key + "]");
            }
        }
    }

    /** Without overrides: Ranger's properties come from the files alone. */
    public RangerAuthorizerConfig(String pluginType, String appId, List<Path> configFiles, GroupLookup groupLookup) {
        this(pluginType, appId, configFiles, Map.of(), groupLookup);
    }

    public String propertyPrefix() {
        return "ranger.plugin." + pluginType;
    }

    public String securityFileName() {
        return "ranger-" + pluginType + "-security.xml";
    }
}
