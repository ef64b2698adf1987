package io.lakegate.sandbox.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Hive's JDBC driver, as a user's client would use it, from Spark's own jars (which carry it) in a class loader of
 * its own, so that its dependencies never meet the sandbox's.
 */
public final class HiveJdbc implements AutoCloseable {
    private final URLClassLoader loader;
    private final Driver driver;
    private final String url;

    public HiveJdbc(Path sparkJars, String url) {
        requireNonNull(sparkJars, "sparkJars is null");
        this.url = requireNonNull(url, "url is null");
        try (Stream<Path> jars = Files.list(sparkJars)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar :
                    jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            driver = (Driver) Class.forName("org.apache.hive.jdbc.HiveDriver", true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sparkJars, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(sparkJars + " has no Hive JDBC driver (hive-jdbc-*.jar)", e);
        }
    }

    public String url() {
        return url;
    }

    public Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return driver.connect(url, properties);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The rows of {@code sql}, each a list of its columns' values as strings (null as "NULL"), header first. */
    public static List<List<String>> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> table = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int column = 1; column <= columns; column++) {
                header.add(rows.getMetaData().getColumnLabel(column));
            }
            table.add(header);
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(Objects.toString(rows.getString(column), "NULL"));
                }
                table.add(row);
            }
            return table;
        }
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Closes the driver's class loader; never throws (it only read jars). */
    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            System.err.println("cannot close the class loader of Hive's JDBC driver: " + e.getMessage());
        }
    }
}
