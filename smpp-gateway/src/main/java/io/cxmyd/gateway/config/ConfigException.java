package io.cxmyd.gateway.config;

/**
 * A configuration that cannot run. The message is one line: the key, then what is wrong, e.g.
 * {@code carriers[1].password: at most 8 characters, was 11}. Start-up prints it and exits with status 2.
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    ConfigException(String key, String problem) {
        super(key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
    }

    /** The key in dotted/indexed form ({@code carriers[1].password}); empty for the whole file. */
    public String key() {
        return key;
    }
}
