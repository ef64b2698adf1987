package io.lakegate.sandbox.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes the hosts' configuration files, each in one step so that no service ever reads one half-written. */
public final class ConfFiles {
    private ConfFiles() {}

    /** A Hadoop-style XML file ({@code hive-site.xml}, {@code ranger-spark-security.xml}). */
    public static Path hadoopXml(Path file, String comment, Map<String, String> properties) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ")
                .append(escape(comment))
                .append(" -->\n<configuration>\n");
        properties.forEach((name, value) -> xml.append("  <property><name>")
                .append(escape(name))
                .append("</name><value>")
                .append(escape(value))
                .append("</value></property>\n"));
        xml.append("</configuration>\n");
        return write(file, xml.toString());
    }

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
