package io.lakegate.packaging.kyuubi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Kyuubi v1.10.3 turns a session into its Spark engine's {@code spark-submit} command line, as far as the session
 * conf goes: the parts a session conf advisor's overlay reaches. Kyuubi's server jars are not on Maven Central, so
 * this is written after its sources (tag {@code v1.10.3}), each method naming the file it follows.
 *
 * <p>Not reproduced: the engine's main class and resource (Kyuubi's {@code SparkSQLEngine}, not available here),
 * discovery keys Kyuubi adds for ZooKeeper ({@code kyuubi.ha.*}, the submit time, the engine log path), the
 * server-only keys {@code getUserDefaults} unsets (none is in the server conf used here) and the restrict and ignore
 * lists of {@code SessionManager.validateKey} (none configured). A {@code KyuubiConf} is a hash map: the order of the
 * {@code --conf} arguments is Kyuubi's map order, here the order the keys were first set.
 */
final class KyuubiSparkLaunch {
    private static final String USER_DEFAULTS_QUOTE = "___";
    private static final String ENGINE_ENV = "kyuubi.engineEnv.";

    private KyuubiSparkLaunch() {}

    /**
     * The engine's conf: {@code KyuubiSessionManager.openSession} starts from {@code KyuubiConf.getUserDefaults(user)}
     * (kyuubi-common, {@code config/KyuubiConf.scala}: the server conf without {@code ___user___.} keys, then the
     * user's), and {@code KyuubiSessionImpl} (kyuubi-server, {@code session/KyuubiSessionImpl.scala}) sets on it each
     * key of {@code optimizedConf = normalizedConf ++ overlay} but {@code use:catalog} and {@code use:database};
     * {@code EngineRef.create} (kyuubi-server, {@code engine/EngineRef.scala}) then sets {@code spark.app.name} if
     * missing.
     */
    static Map<String, String> engineConf(
            Map<String, String> server,
            String user,
            Map<String, String> client,
            Map<String, String> overlay,
            String defaultEngineName) {
        Map<String, String> conf = new LinkedHashMap<>();
        String userPrefix = USER_DEFAULTS_QUOTE + user + USER_DEFAULTS_QUOTE + ".";
        server.forEach((key, value) -> {
            if (!key.startsWith(USER_DEFAULTS_QUOTE)) {
                conf.put(key, value);
            }
        });
        server.forEach((key, value) -> {
            if (key.startsWith(userPrefix)) {
                conf.put(key.substring(userPrefix.length()), value);
            }
        });
        Map<String, String> optimized = new LinkedHashMap<>(client);
        optimized.putAll(overlay);
        optimized.forEach((key, value) -> {
            if (!key.equals("use:catalog") && !key.equals("use:database")) {
                conf.put(key, value);
            }
        });
        conf.putIfAbsent("spark.app.name", requireNonNull(defaultEngineName, "defaultEngineName is null"));
        return conf;
    }

    /**
     * {@code SparkProcessBuilder.commands} (kyuubi-server, {@code engine/spark/SparkProcessBuilder.scala}), between
     * {@code --class <main class>} and the main resource: {@code --conf convertConfigKey(k)=v} for each key of the
     * engine's conf, then, without a keytab, {@code --proxy-user <user>} when doAs is on (Kyuubi's default,
     * {@code kyuubi.engine.doAs.enabled}).
     */
    static List<String> submitArguments(Map<String, String> engineConf, String proxyUser, boolean doAs) {
        List<String> arguments = new ArrayList<>();
        engineConf.forEach((key, value) -> {
            arguments.add("--conf");
            arguments.add(genKeyValuePair(convertConfigKey(key), value));
        });
        if (doAs) {
            arguments.add("--proxy-user");
            arguments.add(proxyUser);
        }
        return arguments;
    }

    /**
     * {@code SparkProcessBuilder.convertConfigKey}: {@code spark.*} as is, a key starting {@code hadoop.} prefixed with
     * {@code spark.hadoop.} (so {@code hadoop.x} becomes the Hadoop setting {@code hadoop.x}), every other key
     * prefixed with {@code spark.}.
     */
    static String convertConfigKey(String key) {
        if (key.startsWith("spark.")) {
            return key;
        }
        return key.startsWith("hadoop.") ? "spark.hadoop." + key : "spark." + key;
    }

    /** {@code CommandLineUtils.genKeyValuePair} (kyuubi-util-scala, {@code util/command/CommandLineUtils.scala}). */
    static String genKeyValuePair(String key, String value) {
        return (key + "=" + value).trim();
    }

    /**
     * The engine's environment variables Kyuubi adds to its own ({@code ProcBuilder}, kyuubi-server,
     * {@code engine/ProcBuilder.scala}: {@code conf.getEnvs}, the {@code kyuubi.engineEnv.*} keys).
     */
    static Map<String, String> engineEnvironment(Map<String, String> engineConf) {
        Map<String, String> environment = new LinkedHashMap<>();
        engineConf.forEach((key, value) -> {
            if (key.startsWith(ENGINE_ENV)) {
                environment.put(key.substring(ENGINE_ENV.length()), value);
            }
        });
        return environment;
    }

    /** The values the {@code --conf} arguments give the Spark key {@code sparkKey}, in order (the last one wins). */
    static List<String> confValues(List<String> submitArguments, String sparkKey) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < submitArguments.size(); i++) {
            if (submitArguments.get(i).equals("--conf")
                    && submitArguments.get(i + 1).startsWith(sparkKey + "=")) {
                values.add(submitArguments.get(i + 1).substring(sparkKey.length() + 1));
            }
        }
        return values;
    }
}
