package io.cxmyd.itinerary;

/** Where a lookup was answered from. Label values of the cache metrics. */
public enum Tier {
    NEAR("near"),
    REDIS("redis"),
    SOURCE("source");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
