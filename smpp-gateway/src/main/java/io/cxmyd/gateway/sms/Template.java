package io.cxmyd.gateway.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * A template parsed once into literals and placeholders, so rendering on the reply path is a few appends.
 * {@code literals} has one more element than {@code slots}: literal, slot, literal, ..., literal.
 */
final class Template {

    private final String[] literals;
    private final Placeholder[] slots;
    private final int literalLength;

    private Template(String[] literals, Placeholder[] slots) {
        this.literals = literals;
        this.slots = slots;
        int n = 0;
        for (String literal : literals) {
            n += literal.length();
        }
        this.literalLength = n;
    }

    /**
     * Parses {@code text} for {@code template}. A brace always opens or closes a placeholder: there is no
     * escape, as no reply needs a literal brace.
     *
     * @throws IllegalArgumentException naming the template, for an unclosed or stray brace, an unknown
     *     placeholder or one this template does not offer
     */
    static Template parse(ReplyTemplate template, String text) {
        List<String> literals = new ArrayList<>();
        List<Placeholder> slots = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw invalid(template, "'}' at index " + i + " closes no placeholder");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i + 1);
            if (close < 0) {
                throw invalid(template, "'{' at index " + i + " is never closed");
            }
            String key = text.substring(i + 1, close);
            Placeholder placeholder = Placeholder.byKey(key);
            if (placeholder == null) {
                throw invalid(template, "unknown placeholder {" + key + "}; allowed: " + allowed(template));
            }
            if (!template.accepts(placeholder)) {
                throw invalid(template, "placeholder {" + key + "} is not available here; allowed: "
                        + allowed(template));
            }
            literals.add(literal.toString());
            literal.setLength(0);
            slots.add(placeholder);
            i = close + 1;
        }
        literals.add(literal.toString());
        return new Template(literals.toArray(new String[0]), slots.toArray(new Placeholder[0]));
    }

    /** Renders with {@code values} indexed by {@link Placeholder#ordinal()}; a {@code null} renders as nothing. */
    String render(String[] values) {
        int length = literalLength;
        for (Placeholder slot : slots) {
            String v = values[slot.ordinal()];
            length += v == null ? 0 : v.length();
        }
        StringBuilder out = new StringBuilder(length);
        out.append(literals[0]);
        for (int i = 0; i < slots.length; i++) {
            String v = values[slots[i].ordinal()];
            if (v != null) {
                out.append(v);
            }
            out.append(literals[i + 1]);
        }
        return out.toString();
    }

    /** Renders with one value for every placeholder the template holds (fragments take at most one). */
    String render(Placeholder placeholder, String value) {
        String[] values = new String[Placeholder.values().length];
        values[placeholder.ordinal()] = value;
        return render(values);
    }

    private static String allowed(ReplyTemplate template) {
        if (template.placeholders().isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (Placeholder p : template.placeholders()) {
            out.append(out.length() == 0 ? "" : ", ").append('{').append(p.key()).append('}');
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(ReplyTemplate template, String problem) {
        return new IllegalArgumentException("templates." + template.configName() + ": " + problem);
    }
}
