package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * How a host plugin starts its Ranger plugin. {@code pluginType} names Ranger's files and keys
 * ({@code ranger-<pluginType>-security.xml}, {@code ranger.plugin.<pluginType>.*}); the policies themselves
 * come from whichever Ranger service {@code ranger.plugin.<pluginType>.service.name} names. {@code appId}
 * identifies the host in Ranger's audit log. {@code configFiles} are read after the files found on the
 * classpath, so a host's conf dir wins.
 */
public record RangerAuthorizerConfig(String pluginType, String appId, List<Path> configFiles, GroupLookup groupLookup) {
    public RangerAuthorizerConfig {
        requireNonNull(pluginType, "pluginType is null");
        requireNonNull(appId, "appId is null");
        configFiles = List.copyOf(requireNonNull(configFiles, "configFiles is null"));
        requireNonNull(groupLookup, "groupLookup is null");
        if (!pluginType.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("pluginType must be a lower-case Ranger plugin name: " + pluginType);
        }
    }

    public String propertyPrefix() {
        return "ranger.plugin." + pluginType;
    }

    public String securityFileName() {
        return "ranger-" + pluginType + "-security.xml";
    }
}
