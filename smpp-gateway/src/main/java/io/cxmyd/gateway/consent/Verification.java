package io.cxmyd.gateway.consent;

import java.util.Locale;

/**
 * The consent step a carrier puts before the itinerary ({@code carriers[].verification} in config). MIIT,
 * February 2020: the itinerary is sent "按运营商相应短信提示", after the carrier's SMS prompt; PIPL art. 29
 * asks a separate consent for sensitive personal information such as a person's whereabouts.
 */
public enum Verification {
    /** The contract's plain flow: {@code CXMYD} is answered with the itinerary at once. */
    NONE("none"),
    /** {@code CXMYD} is answered with a prompt; {@code Y} within the window sends the itinerary. */
    CONFIRM("confirm"),
    /**
     * The last four characters of the registered ID card, in the query ({@code CXMYD#1234}) or after the
     * prompt; checked against the registry's keyed hash (China Unicom's published flow).
     */
    ID_LAST4("id-last4");

    private final String configName;

    Verification(String configName) {
        this.configName = configName;
    }

    /** The word in config and in the audit log. */
    public String configName() {
        return configName;
    }

    /** The value of {@code configName}, or {@code null} for an unknown word. */
    public static Verification byConfigName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Verification v : values()) {
            if (v.configName.equals(n)) {
                return v;
            }
        }
        return null;
    }
}
