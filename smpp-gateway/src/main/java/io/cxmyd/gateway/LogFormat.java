package io.cxmyd.gateway;

import java.util.Locale;
import java.util.Properties;

/**
 * The {@code -Dcxmyd.log.format} switch of config/logback.xml, checked before logback reads that file. The file
 * picks its root appender by this name ({@code TEXT} or {@code JSON}); logback skips an appender-ref to a name
 * it does not know without a word (its status messages are silenced there), so {@code -Dcxmyd.log.format=json}
 * or a typo would leave the gateway with no log at all. Normalised here, refused with an error otherwise.
 */
final class LogFormat {

    static final String PROPERTY = "cxmyd.log.format";

    private LogFormat() {
    }

    /** Rewrites the property to the appender name ({@code TEXT}, {@code JSON}); absent stays absent (text). */
    static void normalize(Properties properties) {
        String value = properties.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (!name.equals("TEXT") && !name.equals("JSON")) {
            throw new Args.UsageException("-D" + PROPERTY + ": text or json, was \"" + value + "\"");
        }
        properties.setProperty(PROPERTY, name);
    }
}
