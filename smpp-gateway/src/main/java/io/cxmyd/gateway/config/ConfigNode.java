package io.cxmyd.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict view of one YAML mapping: every key read is remembered, and {@link #finish()} rejects the keys
 * nobody read, so a typo ({@code prot: 2775}) stops start-up instead of silently running on a default.
 * Every error names the full key.
 */
final class ConfigNode {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String path;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();
    private final Function<String, String> env;

    ConfigNode(String path, JsonNode node, Function<String, String> env) {
        this.path = path;
        this.node = node;
        this.env = env;
        if (!node.isMissingNode() && !node.isObject()) {
            throw new ConfigException(path, "must be a mapping of keys, was " + kind(node));
        }
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode v = node.path(name);
        return !v.isMissingNode() && !v.isNull();
    }

    private JsonNode raw(String name) {
        read.add(name);
        return node.path(name);
    }

    ConfigNode section(String name) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            throw missing(name, "required section is missing");
        }
        return new ConfigNode(key(name), v, env);
    }

    ConfigNode optionalSection(String name) {
        JsonNode v = raw(name);
        return new ConfigNode(key(name), v.isNull() ? MissingNode.getInstance() : v, env);
    }

    List<ConfigNode> sections(String name) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            throw missing(name, "required list is missing");
        }
        if (!v.isArray()) {
            throw new ConfigException(key(name), "must be a list, was " + kind(v));
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new ConfigNode(key(name) + "[" + i + "]", v.get(i), env));
        }
        return out;
    }

    String string(String name, String dflt) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            if (dflt == null) {
                throw missing(name, "required key is missing");
            }
            return dflt;
        }
        if (!v.isValueNode() || v.isBinary()) {
            throw new ConfigException(key(name), "must be a single value, was " + kind(v));
        }
        return substituteEnv(name, v.asText());
    }

    String requiredString(String name) {
        String s = string(name, null);
        if (s.isBlank()) {
            throw new ConfigException(key(name), "must not be empty");
        }
        return s;
    }

    /** {@code ${NAME}} takes the value of environment variable NAME (for secrets kept out of the file). */
    private String substituteEnv(String name, String text) {
        Matcher m = ENV.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                throw new ConfigException(key(name), "environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    int integer(String name, int dflt, int min, int max) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d+"))) {
            throw new ConfigException(key(name), "must be a whole number, was " + quote(v));
        }
        int n = v.isTextual() ? Integer.parseInt(v.asText()) : v.intValue();
        if (n < min || n > max) {
            throw new ConfigException(key(name), "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    boolean bool(String name, boolean dflt) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(key(name), "must be true or false, was " + quote(v));
        }
        return v.booleanValue();
    }

    Duration duration(String name, Duration dflt, Duration min, Duration max) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        Duration d = parseDuration(v.asText());
        if (d == null || !v.isValueNode()) {
            throw new ConfigException(key(name), "must be " + Durations.EXPECTED + ", was " + quote(v));
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(key(name), "must be between " + format(min) + " and " + format(max)
                    + ", was " + v.asText());
        }
        return d;
    }

    List<String> strings(String name) {
        JsonNode v = raw(name);
        if (v.isMissingNode() || v.isNull()) {
            throw missing(name, "required list is missing");
        }
        if (!v.isArray()) {
            throw new ConfigException(key(name), "must be a list, was " + kind(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isValueNode() || e.isNull()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a single value, was " + kind(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The raw node of an optional free-form key (templates), remembered as read. */
    JsonNode rawOptional(String name) {
        return raw(name);
    }

    /**
     * A required key is absent. When a key nobody asked for is a near miss of it ({@code smtp:} for
     * {@code smpp:}), the typo is the error to report, not the absence it caused. One edit only: a sibling
     * two edits away may be a real key that is simply read later ({@code host} and {@code port}).
     */
    private ConfigException missing(String name, String problem) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!read.contains(n) && NearestKey.of(n, List.of(name), 1).isPresent()) {
                return new ConfigException(key(n), "unknown key (did you mean " + name + "?)");
            }
        }
        return new ConfigException(key(name), problem);
    }

    /** Rejects keys that no reader asked for: the most common misconfiguration is a misspelt key. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!read.contains(n)) {
                throw new ConfigException(key(n), "unknown key" + NearestKey.of(n, read)
                        .map(k -> " (did you mean " + k + "?)").orElse(""));
            }
        }
    }

    static Duration parseDuration(String text) {
        return Durations.parse(text).orElse(null);
    }

    static String format(Duration d) {
        return Durations.format(d);
    }

    static String quote(JsonNode v) {
        return v.isValueNode() ? "\"" + v.asText() + "\"" : kind(v);
    }

    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.isNull() ? "empty" : "\"" + v.asText() + "\"";
    }
}
