package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.conditionalMask;
import static io.lakegate.policyserver.HivePolicies.customMask;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.global;
import static io.lakegate.policyserver.HivePolicies.hiveService;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.udf;
import static io.lakegate.policyserver.HivePolicies.url;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.conformance.Conformance;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.spark.authz.identity.SessionUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark application with Hive support and the Lakegate extension, governed by a Hive service served over
 * HTTP by the policy server, shared by the tests of this JVM as Ranger's plugin is.
 */
final class SparkWithRanger {
    static final String SERVICE = "hive_dev";
    static final String ADMIN = "admin";
    /** An Iceberg catalog next to the session catalog, governed by the same Hive-service policies. */
    static final String ICEBERG_CATALOG = "lake";
    /** The one command Lakegate does not know that the tests' configuration lets run. */
    static final String ALLOWED_UNKNOWN_COMMAND = "org.apache.spark.sql.catalyst.plans.logical.DropIndex";

    /** The system property that starts this JVM's engine as one whose Kyuubi signs session users. */
    static final String KYUUBI_SIGNS_USERS = "lakegate.test.kyuubiSignsUsers";

    static final KyuubiSigner KYUUBI_SIGNER = Boolean.getBoolean(KYUUBI_SIGNS_USERS) ? new KyuubiSigner() : null;

    private static SparkSession spark;
    private static Path warehouse;
    private static Path policyDirectory;

    private SparkWithRanger() {}

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = start();
        }
        return spark;
    }

    /** The Hive warehouse, as Hadoop names it ({@code file:/...}); alice may read files under it by path. */
    static synchronized String warehouse() {
        spark();
        return "file:" + warehouse;
    }

    /** Runs {@code sql} as {@code user}, the way Kyuubi's Spark engine marks each operation. */
    static Dataset<Row> sqlAs(String user, String sql) {
        SparkSession session = spark();
        actAs(session, user);
        return session.sql(sql);
    }

    /**
     * Marks the operations of this thread as {@code user}'s, as Kyuubi's Spark engine does: the session user, and,
     * in a JVM whose Kyuubi signs users ({@value #KYUUBI_SIGNS_USERS}), its signature and Kyuubi's public key.
     */
    static void actAs(SparkSession session, String user) {
        session.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, user);
        if (KYUUBI_SIGNER != null) {
            session.sparkContext().setLocalProperty(SessionUser.KYUUBI_SIGN_PUBLIC_KEY, KYUUBI_SIGNER.publicKey());
            session.sparkContext().setLocalProperty(SessionUser.KYUUBI_USER_SIGN, KYUUBI_SIGNER.sign(user));
        }
    }

    /**
     * Serves the usual policies and {@code extra} ones (none restores the usual set), and returns once the
     * session's Ranger plugin has loaded them.
     */
    static synchronized void servePolicies(ObjectNode... extra) throws InterruptedException {
        spark();
        RangerAuthorizer authorizer = SparkRangerPlugin.authorizer();
        Semaphore changed = new Semaphore(0);
        authorizer.addPolicyChangeListener(changed::release);
        long before = authorizer.policyVersion();
        List<ObjectNode> policies = new ArrayList<>(List.of(policies()));
        policies.addAll(List.of(extra));
        String export = export(SERVICE, policies.toArray(ObjectNode[]::new));
        Path file = policyDirectory.resolve(SERVICE + ".json");
        try {
            if (Files.readString(file).equals(export)) {
                // Served already: the policy server versions a policy set by its content.
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAtomically(file, export);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (authorizer.policyVersion() == before) {
            if (!changed.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("Spark's Ranger plugin did not load the changed policies in 30 s");
            }
        }
    }

    private static SparkSession start() {
        try {
            Path work = Files.createDirectories(Path.of("target", "spark-test")).toAbsolutePath();
            Path instance = Files.createTempDirectory(work, "instance");
            warehouse = instance.resolve("warehouse");
            policyDirectory = Files.createTempDirectory(work, "policies");
            writeAtomically(policyDirectory.resolve(SERVICE + ".json"), export(SERVICE, policies()));
            PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policyDirectory));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));

            Path confDir = Files.createDirectories(Path.of(System.getenv("SPARK_CONF_DIR")));
            Map<String, String> keys = new LinkedHashMap<>(RangerPluginFiles.standardKeys(
                    SparkRangerPlugin.PLUGIN_TYPE,
                    SERVICE,
                    server.baseUrl(),
                    1_000,
                    Files.createTempDirectory(work, "policy-cache")));
            // A command Lakegate does not know, which the operator lets run (see CommandsTest).
            keys.put("ranger.plugin.spark.lakegate.allowed.commands", ALLOWED_UNKNOWN_COMMAND);
            RangerPluginFiles.securityXml(confDir, SparkRangerPlugin.PLUGIN_TYPE, keys);

            SparkSession session = SparkSession.builder()
                    .master("local[2]")
                    .appName("lakegate-spark-authz-test")
                    .config(
                            "spark.sql.extensions",
                            LakegateSparkExtension.class.getName() + ","
                                    + IcebergSparkSessionExtensions.class.getName())
                    .config("spark.sql.catalog." + ICEBERG_CATALOG, SparkCatalog.class.getName())
                    .config("spark.sql.catalog." + ICEBERG_CATALOG + ".type", "hadoop")
                    .config(
                            "spark.sql.catalog." + ICEBERG_CATALOG + ".warehouse",
                            instance.resolve("iceberg").toString())
                    .config("spark.ui.enabled", "false")
                    .config(SessionUser.KYUUBI_SIGN_ENABLED, Boolean.toString(KYUUBI_SIGNER != null))
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.warehouse.dir", warehouse.toString())
                    .config(
                            "spark.hadoop.javax.jdo.option.ConnectionURL",
                            "jdbc:derby:;databaseName=" + instance.resolve("metastore") + ";create=true")
                    .enableHiveSupport()
                    .getOrCreate();
            createData(session);
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spark tests' policies and the conformance fixture's. */
    private static ObjectNode[] policies() {
        List<ObjectNode> policies = new ArrayList<>(List.of(sparkPolicies()));
        policies.addAll(List.of(Conformance.policies()));
        return policies.toArray(ObjectNode[]::new);
    }

    private static ObjectNode[] sparkPolicies() {
        return new ObjectNode[] {
            access(1, "sales", "orders", "*", "select", List.of(ADMIN, "alice"), List.of()),
            access(2, "sales", "orders", "id", "select", List.of("bob"), List.of()),
            access(3, "sales", "orders", "region", "select", List.of("bob"), List.of()),
            access(4, "sales", "orders_eu", "*", "select", List.of("dave"), List.of()),
            access(5, "sales", "customers", "*", "select", List.of(ADMIN, "alice", "bob"), List.of()),
            access(6, "sales", "orders", "customer_id", "select", List.of("bob"), List.of()),
            access(10, "sales", "orders", "id", "select", List.of("erin"), List.of()),
            access(11, "sales", "orders", "customer_id", "select", List.of("erin"), List.of()),
            rowFilter(12, "sales", "orders", List.of("erin"), "region = 'EU'"),
            access(13, "sales", "orders", "*", "select", List.of("frank", "hank"), List.of()),
            rowFilter(14, "sales", "orders", List.of("frank"), "amount > 15"),
            access(15, "sales", "orders_eu", "*", "select", List.of("gina"), List.of()),
            rowFilter(16, "sales", "orders", List.of("gina"), "amount > 15"),
            access(17, "sales", "customers", "*", "select", List.of("erin"), List.of()),
            rowFilter(18, "sales", "orders", List.of("hank"), "region = "),
            access(19, "sales", "order_ids", "*", "select", List.of(ADMIN), List.of()),
            access(20, "sales", "people", "*", "select", List.of(ADMIN, "alice", "ivan"), List.of()),
            access(21, "sales", "orders", "*", "select", List.of("ivan"), List.of()),
            mask(22, "sales", "people", "name", List.of("ivan"), "MASK"),
            mask(23, "sales", "people", "phone", List.of("ivan"), "MASK_SHOW_LAST_4"),
            mask(24, "sales", "people", "email", List.of("ivan"), "MASK_SHOW_FIRST_4"),
            mask(25, "sales", "people", "pin", List.of("ivan"), "MASK"),
            mask(26, "sales", "people", "score", List.of("ivan"), "MASK_SHOW_LAST_4"),
            mask(27, "sales", "people", "born", List.of("ivan"), "MASK_DATE_SHOW_YEAR"),
            mask(28, "sales", "people", "balance", List.of("ivan"), "MASK"),
            mask(29, "sales", "orders", "ssn", List.of("ivan"), "MASK_HASH"),
            mask(30, "sales", "orders", "region", List.of("ivan"), "MASK_NULL"),
            customMask(31, "sales", "orders", "customer_id", List.of("ivan"), "{col} * 0 + 99"),
            rowFilter(32, "sales", "orders", List.of("ivan"), "amount > 15"),
            access(33, "sales", "people", "*", "select", List.of("judy"), List.of()),
            mask(34, "sales", "people", "born", List.of("judy"), "MASK"),
            url(35, "file:" + warehouse, "read", List.of("alice")),
            access(36, "sales", "*", "*", "all", List.of(ADMIN), List.of()),
            access(37, "sales", "order_ids", "*", "update", List.of("frank"), List.of()),
            access(38, "sales", "customers", "name", "select", List.of("auditee"), List.of()),
            access(39, "sales", "orders", "*", "select", List.of("kate"), List.of()),
            conditionalMask(40, "sales", "orders", "ssn", List.of("kate"), "MASK_SHOW_LAST_4", "region = 'US'"),
            // A condition that is NULL for a row (its note is NULL) keeps that row masked.
            access(900, "sales", "contacts", "*", "select", List.of("kate"), List.of()),
            conditionalMask(901, "sales", "contacts", "phone", List.of("kate"), "MASK_SHOW_LAST_4", "note <> 'n1'"),
            access(41, "sales", "shipments", "*", "select", List.of("lena", "mike"), List.of()),
            access(42, "sales", "shipments", "*", "update", List.of("lena", "mike"), List.of()),
            rowFilter(43, "sales", "shipments", List.of("lena"), "id > 1"),
            access(44, "sales", "shipments", "*", "select", List.of("bob"), List.of()),
            access(45, "sandbox", "*", "*", "all", List.of(ADMIN, "bob"), List.of()),
            global(46, "tempudfadmin", List.of(ADMIN)),
            udf(47, "sales", "*", "all", List.of(ADMIN)),
            udf(48, "sales", "up", "select", List.of("alice")),
            access(49, "sales", "orders_eu", "*", "select", List.of("olga", "nora"), List.of()),
            rowFilter(50, "sales", "orders_eu", List.of("olga"), "amount > 15"),
            mask(51, "sales", "orders_eu", "amount", List.of("nora"), "MASK_NULL"),
            hiveService(52, "serviceadmin", List.of(ADMIN)),
            access(53, "sales", "contacts", "*", "select", List.of(ADMIN, "ivan"), List.of()),
            mask(54, "sales", "contacts", "email", List.of("ivan"), "MASK_HASH"),
            customMask(55, "sales", "contacts", "phone", List.of("ivan"), "nvl({col}, 'none')"),
            mask(56, "sales", "contacts", "name", List.of("ivan"), "MASK_SHOW_LAST_4"),
            // cora may create tables in sandbox, and nothing more there.
            access(57, "sandbox", "*", "*", "create", List.of("cora"), List.of()),
            access(58, "sales", "orders", "id", "select", List.of("cora"), List.of()),
            access(59, "sales", "orders", "region", "select", List.of("cora"), List.of()),
            // rita's row filter reads another table.
            access(70, "sales", "orders", "*", "select", List.of("rita"), List.of()),
            access(71, "sales", "open_regions", "*", "select", List.of("rita", ADMIN), List.of()),
            rowFilter(72, "sales", "orders", List.of("rita"), "region IN (SELECT region FROM sales.open_regions)"),
            // uma may change the ledger through a row filter, vic through a mask.
            access(73, "sales", "ledger", "*", "select", List.of(ADMIN, "uma", "vic"), List.of()),
            access(74, "sales", "ledger", "*", "update", List.of(ADMIN, "uma", "vic"), List.of()),
            rowFilter(75, "sales", "ledger", List.of("uma"), "amount > 15"),
            mask(76, "sales", "ledger", "ssn", List.of("vic"), "MASK_HASH"),
            // Tables of the owned database belong to whoever owns them.
            access(77, "owned", "*", "*", "all", List.of(ADMIN, "{OWNER}"), List.of()),
            // The people views: a union over views over the masked sales.people, and a mask on a view's column.
            access(78, "sales", "people_union", "*", "select", List.of("ivan"), List.of()),
            mask(79, "sales", "people_names", "phone", List.of("ivan"), "MASK_NULL"),
            // ruth's row filter names its table without a database.
            access(80, "sales", "orders", "*", "select", List.of("ruth"), List.of()),
            access(81, "sales", "open_regions", "*", "select", List.of("ruth"), List.of()),
            access(82, "sandbox", "*", "*", "all", List.of("ruth"), List.of()),
            rowFilter(83, "sales", "orders", List.of("ruth"), "region IN (SELECT region FROM open_regions)"),
            // bob may create and call functions of sandbox, without tempudfadmin.
            udf(84, "sandbox", "*", "all", List.of(ADMIN, "bob")),
            // sales.visits is partitioned by day; ivan sees this year's only.
            access(85, "sales", "visits", "*", "select", List.of(ADMIN, "alice", "ivan"), List.of()),
            rowFilter(86, "sales", "visits", List.of("ivan"), "dt > '2024-01-01'")
        };
    }

    private static void createData(SparkSession session) {
        actAs(session, ADMIN);
        session.sql("CREATE DATABASE " + Conformance.DATABASE);
        for (Conformance.Table table : Conformance.tables()) {
            String name = Conformance.DATABASE + "." + table.name();
            session.sql("CREATE TABLE " + name + " ("
                    + table.columns().stream()
                            .map(column -> column.name() + " " + column.type().spark())
                            .collect(Collectors.joining(", "))
                    + ") STORED AS PARQUET");
            session.sql("INSERT INTO " + name + " VALUES " + String.join(", ", table.rows()));
        }
        session.sql("CREATE DATABASE sales");
        session.sql("CREATE DATABASE sandbox");
        session.sql("CREATE TABLE sales.orders (id INT, customer_id INT, region STRING, ssn STRING, amount DOUBLE)"
                + " STORED AS PARQUET");
        session.sql("INSERT INTO sales.orders VALUES (1, 10, 'EU', '111-11-1111', 10.0),"
                + " (2, 20, 'US', '222-22-2222', 20.0), (3, 10, 'EU', '333-33-3333', 30.0)");
        session.sql("CREATE TABLE sales.customers (id INT, name STRING) USING parquet");
        session.sql("INSERT INTO sales.customers VALUES (10, 'Ada'), (20, 'Grace')");
        session.sql("CREATE VIEW sales.orders_eu AS SELECT id, amount FROM sales.orders WHERE region = 'EU'");
        session.sql("CREATE TABLE sales.order_ids (id INT) USING parquet");
        session.sql("CREATE TABLE sales.people (name STRING, phone STRING, email STRING, pin INT, score BIGINT,"
                + " born DATE, balance DECIMAL(10, 2)) STORED AS PARQUET");
        session.sql("CREATE TABLE sales.contacts (note STRING, email STRING, phone STRING, name STRING)"
                + " STORED AS PARQUET");
        session.sql("INSERT INTO sales.contacts VALUES ('n1', 'e1@example.com', NULL, 'Ada Lovelace'),"
                + " (NULL, NULL, '555-0199', NULL)");
        session.sql("INSERT INTO sales.people VALUES ('Ada Lovelace', '555-0100', 'ada@example.com', 4711,"
                + " -123456, DATE '1815-12-10', 12.50)");
        session.sql("CREATE TABLE sales.open_regions (region STRING) USING parquet");
        session.sql("INSERT INTO sales.open_regions VALUES ('US')");
        // A Hive SerDe table that Spark writes as Hive does, which it lets a query overwrite from itself.
        session.sql("CREATE TABLE sales.ledger (id INT, ssn STRING, amount DOUBLE) STORED AS TEXTFILE");
        session.sql("INSERT INTO sales.ledger VALUES (1, '111-11-1111', 10.0), (2, '222-22-2222', 20.0),"
                + " (3, '333-33-3333', 30.0)");
        session.sql("CREATE VIEW sales.people_names AS SELECT name, phone FROM sales.people");
        session.sql("CREATE VIEW sales.people_contacts AS SELECT name, phone FROM sales.people");
        session.sql("CREATE VIEW sales.people_union AS SELECT * FROM sales.people_names UNION ALL"
                + " SELECT * FROM sales.people_contacts");
        session.sql("CREATE DATABASE owned");
    }
}
