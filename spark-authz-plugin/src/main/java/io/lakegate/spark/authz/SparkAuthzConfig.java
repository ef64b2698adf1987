package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.InvalidRangerConfigException;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.spark.authz.conf.RestrictedSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.plans.logical.Command;

/**
 * The Spark plugin's own settings, in {@code ranger-spark-security.xml} next to Ranger's keys; validated when the
 * plugin starts, so that a value that cannot work stops the first session with the key and the fix.
 *
 * <ul>
 *   <li>{@code ranger.plugin.spark.lakegate.allowed.commands}: class names of commands Lakegate does not know
 *       (Delta's, Hudi's, ...), which run with only their reads checked; every other unknown command is refused.
 *   <li>{@code ranger.plugin.spark.lakegate.privileged.functions} (default {@code reflect}, {@code java_method}
 *       and Hive's reflect and in_file classes): built-in functions (by name) and function classes (by class name)
 *       that call JVM methods or read files of the user's choosing, which need {@code tempudfadmin} to call, and to
 *       create a function of.
 *   <li>{@code ranger.plugin.spark.lakegate.restricted.keys} (default {@code fs.,hive.metastore.}): settings
 *       users may not change, besides {@link RestrictedSettings#ALWAYS}; an entry ending in {@code .} covers the keys
 *       it starts.
 *   <li>{@code ranger.plugin.spark.lakegate.session.user.required} (default {@code false}): refuse statements that
 *       carry no session user (neither Kyuubi's nor Spark Thrift Server's) rather than check the application's
 *       Hadoop user.
 * </ul>
 */
public final class SparkAuthzConfig {
    static final String ALLOWED_COMMANDS = "lakegate.allowed.commands";
    static final String PRIVILEGED_FUNCTIONS = "lakegate.privileged.functions";
    static final String RESTRICTED_KEYS = "lakegate.restricted.keys";
    static final String SESSION_USER_REQUIRED = "lakegate.session.user.required";
    private static final String FILE = "ranger-spark-security.xml";
    // Spark's built-ins that call JVM methods, and Hive's classes that do, or read files (in_file), of which a function
    // may be created.
    static final String DEFAULT_PRIVILEGED_FUNCTIONS = "reflect,java_method,"
            + "org.apache.hadoop.hive.ql.udf.generic.GenericUDFReflect,"
            + "org.apache.hadoop.hive.ql.udf.generic.GenericUDFReflect2,"
            + "org.apache.hadoop.hive.ql.udf.generic.GenericUDFInFile";
    // reflect and java_method are one expression class, told apart without the name of every expression of a plan.
    private static final Set<String> REFLECTION_BUILT_INS = Set.of("reflect", "java_method");
    // A session's settings reach the Hadoop configuration Spark and its catalogs read with: fs.* could map an
    // authorized path onto another (ViewFs mount tables, an fs.<scheme>.impl), hive.metastore.* point a Hive-backed
    // catalog (Iceberg's) at another metastore. Restricted unless the operator says otherwise.
    static final String DEFAULT_RESTRICTED_KEYS = "fs.,hive.metastore.";

    private final Set<String> allowedCommands;
    private final Set<String> privilegedFunctions;
    private final boolean namesOtherBuiltIns;
    private final RestrictedSettings restrictedSettings;
    private final boolean sessionUserRequired;
    private final String sessionUserRequiredKey;

    private SparkAuthzConfig(
            Set<String> allowedCommands,
            Set<String> privilegedFunctions,
            RestrictedSettings restrictedSettings,
            boolean sessionUserRequired,
            String sessionUserRequiredKey) {
        this.allowedCommands = Set.copyOf(allowedCommands);
        this.privilegedFunctions = Set.copyOf(privilegedFunctions);
        this.namesOtherBuiltIns = this.privilegedFunctions.stream()
                .anyMatch(name -> !name.contains(".") && !REFLECTION_BUILT_INS.contains(name));
        this.restrictedSettings = requireNonNull(restrictedSettings, "restrictedSettings is null");
        this.sessionUserRequired = sessionUserRequired;
        this.sessionUserRequiredKey = requireNonNull(sessionUserRequiredKey, "sessionUserRequiredKey is null");
    }

    /**
     * Reads and validates the settings.
     *
     * @throws InvalidRangerConfigException naming the key and the fix when a value cannot work
     */
    public static SparkAuthzConfig from(RangerAuthorizer authorizer) {
        Set<String> allowedCommands = list(authorizer, ALLOWED_COMMANDS, "");
        for (String command : allowedCommands) {
            requireCommandClass(authorizer.settingKey(ALLOWED_COMMANDS), command);
        }
        Set<String> privilegedFunctions = list(authorizer, PRIVILEGED_FUNCTIONS, DEFAULT_PRIVILEGED_FUNCTIONS).stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        RestrictedSettings restricted =
                new RestrictedSettings(List.copyOf(list(authorizer, RESTRICTED_KEYS, DEFAULT_RESTRICTED_KEYS)));
        String requiredKey = authorizer.settingKey(SESSION_USER_REQUIRED);
        String required = authorizer.setting(SESSION_USER_REQUIRED).orElse("false");
        if (!required.equals("true") && !required.equals("false")) {
            throw new InvalidRangerConfigException("Ranger key " + requiredKey + " in " + FILE + " must be true or"
                    + " false, not [" + required + "]");
        }
        return new SparkAuthzConfig(
                allowedCommands, privilegedFunctions, restricted, required.equals("true"), requiredKey);
    }

    private static Set<String> list(RangerAuthorizer authorizer, String name, String defaultValue) {
        return Arrays.stream(authorizer.setting(name).orElse(defaultValue).split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toSet());
    }

    private static void requireCommandClass(String key, String className) {
        Class<?> command;
        try {
            command = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidRangerConfigException("Ranger key " + key + " in " + FILE + " names [" + className
                    + "], which is not a class on Spark's classpath: fix the name (a fully qualified class name) or"
                    + " remove it");
        }
        if (!Command.class.isAssignableFrom(command)) {
            throw new InvalidRangerConfigException("Ranger key " + key + " in " + FILE + " names [" + className
                    + "], which is not a Spark command (org.apache.spark.sql.catalyst.plans.logical.Command):"
                    + " list only commands Lakegate refuses as unknown");
        }
    }

    /** Whether the operator lets {@code command}, unknown to Lakegate, run with only its reads checked. */
    public boolean allowsUnknownCommand(Class<?> command) {
        return allowedCommands.contains(command.getName());
    }

    public boolean isPrivilegedFunction(String name) {
        return privilegedFunctions.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a built-in function other than reflect and java_method is privileged, by name. */
    public boolean namesOtherBuiltIns() {
        return namesOtherBuiltIns;
    }

    public RestrictedSettings restrictedSettings() {
        return restrictedSettings;
    }

    public boolean sessionUserRequired() {
        return sessionUserRequired;
    }

    /** The key of {@link #sessionUserRequired}, for the denial that names it. */
    public String sessionUserRequiredKey() {
        return sessionUserRequiredKey;
    }
}
