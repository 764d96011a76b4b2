package io.cxmyd.itinerary.rules;

import io.cxmyd.itinerary.Area;
import java.util.List;

/**
 * What the events of one window say, before the account rules: the domestic places with a qualifying stay
 * (in order of their first qualifying stay), the countries/regions abroad (in order of their first event),
 * and whether there was any event inside the window at all.
 */
public record Trip(List<Area> places, List<Area> countries, boolean anyEventInWindow) {

    public static final Trip EMPTY = new Trip(List.of(), List.of(), false);

    public Trip {
        places = List.copyOf(places);
        countries = List.copyOf(countries);
    }
}
