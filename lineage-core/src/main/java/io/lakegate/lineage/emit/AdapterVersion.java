package io.lakegate.lineage.emit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * An integration's own version, as its build wrote it: the {@code openlineageAdapterVersion} of its events'
 * {@code processing_engine} facet.
 */
public final class AdapterVersion {
    private AdapterVersion() {}

    /**
     * The {@code version} of the {@code version.properties} resource beside {@code anchor} (in its package), or
     * {@code unknown} when the build wrote none.
     */
    public static String of(Class<?> anchor) {
        requireNonNull(anchor, "anchor is null");
        try (InputStream in = anchor.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
