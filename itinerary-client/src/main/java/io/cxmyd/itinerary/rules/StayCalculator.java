package io.cxmyd.itinerary.rules;

import io.cxmyd.itinerary.areas.AreaCatalog;

/**
 * The calculator of itinerary-rules.md §2-§4: runs, bounce tolerance, the 4-hour observed span clipped to
 * the window, countries without the 4-hour rule, order. Pure: no I/O, no clock.
 */
public final class StayCalculator {

    private final RulesOptions rules;
    private final AreaCatalog catalog;

    public StayCalculator(RulesOptions rules, AreaCatalog catalog) {
        this.rules = rules;
        this.catalog = catalog;
    }

    /** The trip that {@code events} show in {@code day}'s window. */
    public Trip compute(EventTrack events, DataDay day) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
