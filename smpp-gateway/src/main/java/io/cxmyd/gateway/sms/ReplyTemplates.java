package io.cxmyd.gateway.sms;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reply texts in force: the defaults of {@link ReplyTemplate}, some replaced from config. Immutable;
 * every text is parsed and checked when built, so a bad template stops start-up rather than a reply.
 */
public final class ReplyTemplates {

    private static final ReplyTemplates DEFAULTS = build(Map.of());

    private final Map<ReplyTemplate, String> texts;
    private final Map<ReplyTemplate, Template> parsed;

    private ReplyTemplates(Map<ReplyTemplate, String> texts, Map<ReplyTemplate, Template> parsed) {
        this.texts = texts;
        this.parsed = parsed;
    }

    /** Every template at its default. */
    public static ReplyTemplates defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with {@code overrides} (config name to text, as under {@code templates:} in config)
     * put in their place.
     *
     * @throws IllegalArgumentException with a message naming the template ({@code templates.found: ...}) for
     *     an unknown template name, a null or (for a whole reply) blank text, a brace that opens or closes
     *     nothing, an unknown placeholder, or one the template does not offer
     */
    public static ReplyTemplates of(Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        return overrides.isEmpty() ? DEFAULTS : build(overrides);
    }

    private static ReplyTemplates build(Map<String, String> overrides) {
        Map<ReplyTemplate, String> texts = new EnumMap<>(ReplyTemplate.class);
        for (ReplyTemplate t : ReplyTemplate.values()) {
            texts.put(t, t.defaultText());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            ReplyTemplate t = ReplyTemplate.byConfigName(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("templates." + e.getKey() + ": unknown template; known: "
                        + knownNames());
            }
            String text = e.getValue();
            if (text == null) {
                throw new IllegalArgumentException("templates." + e.getKey() + ": must have a text, was null");
            }
            if (t.wholeReply() && text.isBlank()) {
                throw new IllegalArgumentException("templates." + e.getKey() + ": a reply may not be blank");
            }
            texts.put(t, text);
        }
        Map<ReplyTemplate, Template> parsed = new EnumMap<>(ReplyTemplate.class);
        for (Map.Entry<ReplyTemplate, String> e : texts.entrySet()) {
            parsed.put(e.getKey(), Template.parse(e.getKey(), e.getValue()));
        }
        return new ReplyTemplates(texts, parsed);
    }

    /** The text in force for {@code template}, as written. */
    public String text(ReplyTemplate template) {
        return texts.get(template);
    }

    Template template(ReplyTemplate template) {
        return parsed.get(template);
    }

    private static String knownNames() {
        StringBuilder out = new StringBuilder();
        for (ReplyTemplate t : ReplyTemplate.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(t.configName());
        }
        return out.toString();
    }
}
