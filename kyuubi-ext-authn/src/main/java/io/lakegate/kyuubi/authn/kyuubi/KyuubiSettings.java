package io.lakegate.kyuubi.authn.kyuubi;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import org.apache.kyuubi.config.KyuubiConf;
import scala.collection.JavaConverters;

/** Kyuubi's server conf as Lakegate's settings. */
final class KyuubiSettings {
    private KyuubiSettings() {}

    static AuthnSettings of(KyuubiConf conf) {
        return AuthnSettings.of(JavaConverters.mapAsJavaMap(conf.getAll()));
    }
}
