package org.apache.kyuubi.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import scala.collection.JavaConverters;

/**
 * Compile-only copy of the part of Kyuubi's Scala case class {@code KyuubiConf(loadSysDefault: Boolean)}
 * (kyuubi-common, 1.10) that plugins use: Kyuubi passes its server conf to a provider's public constructor taking
 * one, and {@code getAll} returns every setting as Scala's immutable map. The constructor here never loads system
 * properties, whatever it is passed; tests set what they need.
 */
public class KyuubiConf {
    private final Map<String, String> settings = new HashMap<>();

    public KyuubiConf(boolean loadSysDefault) {}

    public KyuubiConf set(String key, String value) {
        settings.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
        return this;
    }

    public scala.collection.immutable.Map<String, String> getAll() {
        return scala.collection.immutable.Map$.MODULE$
                .<String, String>empty()
                .$plus$plus(JavaConverters.mapAsScalaMap(settings));
    }
}
