package io.cxmyd.gateway.ops;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a request's {@code Host} header names this server: an IP literal, {@code localhost}, or one of the
 * configured names. DNS rebinding turns a web page's own name into 127.0.0.1 so that the engineer's browser
 * reads {@code /metrics} or {@code /admin/binds} for the page; the browser still sends the page's name as
 * {@code Host}, which is refused here. A request without {@code Host} (HTTP/1.0 tools) comes from no browser
 * and is served. Pure.
 */
final class HostCheck {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostCheck() {
    }

    static boolean allowed(String hostHeader, Set<String> allowedNames) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return true;
        }
        String host = hostOf(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (host == null) {
            return false;
        }
        return host.equals("localhost") || IPV4.matcher(host).matches() || host.startsWith("[")
                || allowedNames.contains(host);
    }

    /** The name or address without the port; an IPv6 literal keeps its brackets; null when malformed. */
    private static String hostOf(String value) {
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        return host.isEmpty() ? null : host;
    }
}
