package io.lakegate.trino.ranger;

import io.trino.spi.Plugin;
import io.trino.spi.security.SystemAccessControlFactory;
import java.util.List;

/** Lakegate's Ranger access control for Trino: {@code access-control.name=lakegate-ranger}. */
public final class LakegateRangerPlugin implements Plugin {
    @Override
    public Iterable<SystemAccessControlFactory> getSystemAccessControlFactories() {
        return List.of(new LakegateRangerAccessControlFactory());
    }
}
