package io.lakegate.kyuubi.authn.conf;

/** A setting is missing or wrong: the message names the key and how to fix it. Stops the provider's start. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String key, String problem, String fix) {
        super("Lakegate setting [" + key + "] " + problem + ": " + fix);
    }
}
