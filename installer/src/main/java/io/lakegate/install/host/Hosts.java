package io.lakegate.install.host;

import java.util.List;

/** Every host the installer knows, in the order it installs into them. */
public final class Hosts {
    private static final List<Host> ALL = List.of(new SparkHost(), new KyuubiHost(), new FlinkHost(), new TrinoHost());

    private Hosts() {}

    public static List<Host> all() {
        return ALL;
    }
}
