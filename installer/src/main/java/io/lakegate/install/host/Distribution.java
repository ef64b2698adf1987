package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.plan.RefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The unpacked Lakegate distribution the installer copies from ({@code --dist}), of the installer's own version. */
public record Distribution(Path directory, String version) {
    public Distribution {
        requireNonNull(directory, "directory is null");
        requireNonNull(version, "version is null");
    }

    /** The distribution at {@code directory}, of the version this installer was built with. */
    public static Distribution at(Path directory) {
        try (InputStream in = Distribution.class.getResourceAsStream("/io/lakegate/install/lakegate.properties")) {
            Properties properties = new Properties();
            properties.load(requireNonNull(in, "the installer jar has no lakegate.properties"));
            return new Distribution(directory, properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file {@code relative} of the distribution, which must be there. */
    public Path file(String relative) throws RefusedException {
        Path file = directory.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new RefusedException("the distribution at " + directory + " has no " + relative
                    + ": pass --dist the directory of a complete Lakegate " + version + " distribution");
        }
        return file;
    }

    /** The files of {@code dir} named {@code *suffix}, in name order: at least one. */
    public List<Path> files(String dir, String suffix) throws RefusedException {
        List<Path> found = new ArrayList<>();
        Path parent = directory.resolve(dir);
        if (Files.isDirectory(parent)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(parent, "*" + suffix)) {
                files.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.isEmpty()) {
            throw new RefusedException("the distribution at " + directory + " has no " + dir + "/*" + suffix
                    + ": pass --dist the directory of a complete Lakegate " + version + " distribution");
        }
        found.sort(null);
        return found;
    }

    /** The one file of {@code dir} named {@code prefix*suffix} (a jar whose version this build does not pin). */
    public Path onlyFile(String dir, String prefix, String suffix) throws RefusedException {
        List<Path> found = new ArrayList<>();
        Path parent = directory.resolve(dir);
        if (Files.isDirectory(parent)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(parent, prefix + "*" + suffix)) {
                files.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.size() != 1) {
            throw new RefusedException("the distribution at " + directory + " has " + found.size() + " files "
                    + dir + "/" + prefix + "*" + suffix + ", not one: pass --dist the directory of a complete Lakegate "
                    + version + " distribution");
        }
        return found.get(0);
    }
}
