package io.lakegate.sandbox.spark;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.demo.DemoDirectory;
import io.lakegate.sandbox.policy.EngineRangerFiles;
import io.lakegate.sandbox.service.SandboxContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Thrift server's conf directory, rewritten at each start: {@code hive-site.xml} (metastore, port, LDAP logins)
 * and Ranger's files for Spark (service, policy server, user store groups, audit).
 */
final class EngineConfFiles {
    private static final String LDAP_PROVIDER = "io.lakegate.kyuubi.authn.hive.LdapHiveAuthenticationProvider";

    private EngineConfFiles() {}

    static void hiveSite(SandboxContext context, Path conf) throws IOException {
        Map<String, String> site = new LinkedHashMap<>();
        site.put("hive.metastore.uris", context.metastoreUri());
        // Up to a minute for the metastore, which starts at the same time (Derby's schema, on a first start).
        site.put("hive.metastore.connect.retries", "60");
        site.put("hive.metastore.client.connect.retry.delay", "1s");
        site.put("hive.metastore.warehouse.dir", context.warehouse().toUri().toString());
        site.put("hive.server2.thrift.bind.host", context.host());
        site.put("hive.server2.thrift.port", Integer.toString(context.thriftPort()));
        site.put("hive.server2.transport.mode", "binary");
        // Statements run as the server's user; the session's user is the one Lakegate's extension checks.
        site.put("hive.server2.enable.doAs", "false");
        site.put("hive.server2.authentication", "CUSTOM");
        site.put("hive.server2.custom.authentication.class", LDAP_PROVIDER);
        site.put("kyuubi.authentication.lakegate.ldap.url", context.ldapUrl());
        site.put("kyuubi.authentication.lakegate.ldap.userDnPatterns", "uid=%s," + DemoDirectory.PEOPLE);
        site.put("hive.async.log.enabled", "false");
        ConfFiles.hadoopXml(
                conf.resolve("hive-site.xml"), "The sandbox's Spark Thrift Server; rewritten at each start", site);
    }

    static void rangerFiles(SandboxContext context, Path conf) throws IOException {
        Map<String, String> spark = new LinkedHashMap<>();
        spark.put("ranger.plugin.spark.lakegate.session.user.required", "true");
        // Besides the defaults: lineage's settings, which a session could only pretend to change (the agent reads
        // them at start). Not hive.server2.: JDBC drivers send some of them (the fetch size) opening a session.
        spark.put("ranger.plugin.spark.lakegate.restricted.keys", "fs.,hive.metastore.,spark.openlineage.");
        EngineRangerFiles.security(
                context,
                conf.resolve("ranger-spark-security.xml"),
                "Ranger's Spark plugin keys for the sandbox; rewritten at each start",
                "spark",
                context.dataDir("policy-cache"),
                spark);
        EngineRangerFiles.audit(
                context,
                conf.resolve("ranger-spark-audit.xml"),
                "Ranger's audit for the sandbox; rewritten at each start",
                "ranger-spark-audit.log");
    }
}
