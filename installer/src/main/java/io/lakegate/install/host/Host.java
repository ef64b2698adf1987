package io.lakegate.install.host;

import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.RefusedException;
import java.nio.file.Path;

/**
 * One host Lakegate installs into (Spark, Kyuubi, ...), named on the command line by {@code --<name>-home}. A host
 * checks its home and version and plans the installation without changing anything; {@link Hosts} lists them.
 */
public interface Host {
    /** Lower case: {@code spark} for {@code --spark-home}. */
    String name();

    /** The installation into {@code home}, or why not (a version not supported, a file in the way). */
    Plan install(Path home, Distribution distribution, InstallSettings settings) throws RefusedException;

    /**
     * Whether {@code install} may write {@code path} (relative to the home): a manifest naming any other file is not
     * Lakegate's, and nothing it names is touched.
     */
    boolean writes(String path);
}
