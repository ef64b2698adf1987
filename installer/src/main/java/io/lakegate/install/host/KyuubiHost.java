package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.conf.Templates;
import io.lakegate.install.plan.InstallPlanner;
import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.RefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kyuubi 1.10: Lakegate's Kyuubi jar in {@code jars/}, the example routing rules as {@code conf/lakegate-routing.yaml}
 * where there is none, the routing advisor appended in {@code conf/kyuubi-defaults.conf}. Authentication is left off:
 * it needs the operator's directory, so its lines go into a commented template.
 */
final class KyuubiHost implements Host {
    static final String ADVISOR = "io.lakegate.kyuubi.routing.kyuubi.LakegateSessionConfAdvisor";
    static final String RULES_KEY = "kyuubi.session.lakegate.routing.rules";
    private static final Pattern SERVER_JAR = Pattern.compile("kyuubi-server_2\\.12-(\\d[^/]*)\\.jar");
    private static final Pattern COMMON_JAR = Pattern.compile("kyuubi-common_2\\.12-(\\d[^/]*)\\.jar");
    private static final Pattern OTHER_JAR = Pattern.compile("lakegate-kyuubi-\\d.*\\.jar");
    private static final String DEFAULTS = "conf/kyuubi-defaults.conf";
    private static final String RULES = "conf/lakegate-routing.yaml";
    private static final String AUTHN_TEMPLATE = "conf/lakegate-authn.conf.template";
    private static final String JAR = "lakegate-kyuubi-";
    private static final Pattern WRITES = Pattern.compile("jars/" + Pattern.quote(JAR) + "[^/]+\\.jar|"
            + Pattern.quote(DEFAULTS) + "|" + Pattern.quote(RULES) + "|" + Pattern.quote(AUTHN_TEMPLATE));

    @Override
    public String name() {
        return "kyuubi";
    }

    @Override
    public Plan install(Path home, Distribution distribution, InstallSettings settings) throws RefusedException {
        requireNonNull(home, "home is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(settings, "settings is null");
        String version = version(home);
        if (!version.startsWith("1.10.")) {
            throw new RefusedException("Kyuubi " + version + " at " + home + " is not supported: Lakegate "
                    + distribution.version() + " supports Kyuubi 1.10");
        }
        String jarName = JAR + distribution.version() + ".jar";
        Path jar = distribution.file("kyuubi/" + jarName);
        Path rules = distribution.file("kyuubi/conf/lakegate-routing.yaml");
        Optional<Matcher> other = HostVersion.find(home, "jars", OTHER_JAR)
                .filter(found -> !found.group().equals(jarName));
        if (other.isPresent()) {
            throw new RefusedException(home.resolve("jars/" + other.get().group()) + " is another Lakegate build; "
                    + "uninstall it first (with the `lakegate uninstall` of its version, or by removing the jar)");
        }

        InstallPlanner planner = InstallPlanner.of(name(), home, distribution.version(), this::writes);
        planner.copy(jar, "jars/" + jarName);
        boolean newRules = planner.createIfAbsent(RULES, read(rules));
        planner.mergeDefaults(DEFAULTS, (file, edits) -> {
            file = file.appendEntry("kyuubi.session.conf.advisor", ADVISOR, edits);
            String rulesFile = home.resolve(RULES).toString();
            file.value(RULES_KEY)
                    .filter(existing -> !existing.equals(rulesFile))
                    .ifPresent(existing -> planner.note("kept " + RULES_KEY + " = " + existing + " in " + DEFAULTS
                            + ": the advisor reads that file"));
            return file.setIfUnset(RULES_KEY, rulesFile, edits);
        });
        planner.createIfAbsent(AUTHN_TEMPLATE, Templates.raw("kyuubi/lakegate-authn.conf.template"));
        planner.note("authentication is not switched on (it needs your LDAP or identity provider): the lines to add "
                + "are in " + AUTHN_TEMPLATE);
        if (newRules) {
            planner.note("review " + RULES + " before starting Kyuubi: it is Lakegate's example, whose launch: section "
                    + "names example jar paths and a lineage URL (leave out spark.jars entries for jars already in the "
                    + "engine's $SPARK_HOME/jars)");
        }
        return planner.plan();
    }

    @Override
    public boolean writes(String path) {
        return WRITES.matcher(requireNonNull(path, "path is null")).matches();
    }

    private static String version(Path home) throws RefusedException {
        Optional<Matcher> jar = HostVersion.find(home, "jars", SERVER_JAR);
        if (jar.isEmpty()) {
            jar = HostVersion.find(home, "jars", COMMON_JAR);
        }
        return jar.map(match -> match.group(1))
                .orElseThrow(() -> new RefusedException(home + " is not a Kyuubi home: it has no "
                        + "jars/kyuubi-server_2.12-<version>.jar; pass --kyuubi-home the directory of a Kyuubi 1.10 "
                        + "binary distribution (the one holding bin/, conf/ and jars/)"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
