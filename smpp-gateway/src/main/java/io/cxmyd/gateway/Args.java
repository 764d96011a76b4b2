package io.cxmyd.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line: {@code --key value} options from a fixed set, and at most one free word. */
record Args(Map<String, String> options, String word) {

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Args parse(List<String> args, List<String> known) {
        Map<String, String> options = new HashMap<>();
        String word = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String key = a;
                String value;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    key = a.substring(0, eq);
                    value = a.substring(eq + 1);
                } else {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(a + ": a value is required");
                    }
                    value = args.get(++i);
                }
                if (!known.contains(key)) {
                    throw new UsageException("unknown option " + key);
                }
                options.put(key, value);
            } else if (word == null) {
                word = a;
            } else {
                throw new UsageException("unexpected argument: " + a + " (quote a text with spaces)");
            }
        }
        return new Args(Map.copyOf(options), word);
    }

    String required(String key) {
        String v = options.get(key);
        if (v == null) {
            throw new UsageException(key + " is required");
        }
        return v;
    }

    String optional(String key, String dflt) {
        return options.getOrDefault(key, dflt);
    }
}
