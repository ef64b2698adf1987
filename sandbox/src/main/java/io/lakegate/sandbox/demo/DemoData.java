package io.lakegate.sandbox.demo;

import io.lakegate.sandbox.conf.ConfFiles;
import io.lakegate.sandbox.jdbc.HiveJdbc;
import io.lakegate.sandbox.service.SandboxContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;

/** The demonstration data, loaded once per data directory through the SQL endpoint as the service account. */
public final class DemoData {
    private DemoData() {}

    public static void loadOnce(SandboxContext context, HiveJdbc jdbc) throws Exception {
        Path marker = context.options().dataDir().resolve("demo-data.loaded");
        if (Files.exists(marker)) {
            return;
        }
        DemoAccount admin = context.directory().account(DemoDirectory.SERVICE_ACCOUNT);
        try (Connection connection = jdbc.connect(admin.user(), admin.password())) {
            // Every statement is idempotent (IF NOT EXISTS, INSERT OVERWRITE): a start cut short loads again.
            for (String statement : DemoFiles.statements("data.sql")) {
                HiveJdbc.execute(connection, statement);
            }
        }
        ConfFiles.write(marker, "loaded " + Instant.now() + "\n");
    }
}
