package io.lakegate.packaging.flink;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * What Flink's SQL client does with a session, in Flink's own JVM (only the distribution's jars, the Hive connector
 * and the drop-in jar on its class path): a batch table environment configured as the deployment's {@code
 * config.yaml} would configure it, running the statements on standard input (one per line) as the user Kyuubi's
 * engine would be launched for. Prints {@code ROW\t...} per result row, {@code OK} per statement without rows and
 * {@code ERROR\t<causes>} for a failed one.
 */
public final class FlinkSqlDriver {
    private FlinkSqlDriver() {}

    public static void main(String[] args) throws Exception {
        String user = args[0];
        String catalogStore = args[1];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Configuration root = new Configuration();
        root.setString("kyuubi.session.user", user);
        root.setString("table.catalog-store.kind", "lakegate");
        root.setString("table.catalog-store.lakegate.delegate", "file");
        root.setString("table.catalog-store.lakegate.path", catalogStore);
        root.setString("table.catalog-modification.listeners", "lakegate");
        root.setString("parallelism.default", "1");
        TableEnvironment session = TableEnvironment.create(EnvironmentSettings.newInstance()
                .inBatchMode()
                .withConfiguration(root)
                .build());
        out.println("FACTORY\t"
                + Class.forName("io.lakegate.flink.authz.catalog.LakegateHiveCatalogFactory")
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation());
        session.useCatalog("lake");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String statement;
        while ((statement = in.readLine()) != null) {
            if (statement.isBlank()) {
                continue;
            }
            try {
                TableResult result = session.executeSql(statement);
                if (result.getResultKind() == ResultKind.SUCCESS
                        || statement.strip().toUpperCase(Locale.ROOT).startsWith("INSERT")) {
                    result.await();
                    out.println("OK");
                    continue;
                }
                boolean any = false;
                CloseableIterator<Row> rows = result.collect();
                try {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        List<String> fields = new ArrayList<>();
                        for (int i = 0; i < row.getArity(); i++) {
                            fields.add(Objects.toString(row.getField(i), "NULL"));
                        }
                        out.println("ROW\t" + String.join("\t", fields));
                        any = true;
                    }
                } finally {
                    rows.close();
                }
                if (!any) {
                    out.println("OK");
                }
            } catch (Exception e) {
                List<String> causes = new ArrayList<>();
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    causes.add(cause.getClass().getName() + ": " + cause.getMessage());
                }
                out.println("ERROR\t" + String.join(" <- ", causes).replace('\n', ' '));
            }
        }
        System.exit(0);
    }
}
