package io.cxmyd.itinerary;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * A subscriber's itinerary for one data day.
 *
 * @param msisdn the subscriber
 * @param dataDay data day D (itinerary-rules.md §1)
 * @param updateTime D at the refresh time, Beijing time: shown as 11月21日08:00
 * @param firstDay the window's first day (D-7 with a 7-day window)
 * @param lastDay the window's last day (D-1)
 * @param places domestic cities with a stay of at least 4 hours, in order of their first qualifying stay
 * @param countries countries and regions abroad, in order of their first event
 * @param notes remarks for the reply
 */
public record Itinerary(
        Msisdn msisdn,
        LocalDate dataDay,
        LocalDateTime updateTime,
        LocalDate firstDay,
        LocalDate lastDay,
        List<Place> places,
        List<Place> countries,
        Set<Note> notes) {

    public Itinerary {
        places = List.copyOf(places);
        countries = List.copyOf(countries);
        notes = Set.copyOf(notes);
    }

    /** Events in the window, but no city met the 4-hour stay (§5): distinct from no data. */
    public boolean nothingQualified() {
        return places.isEmpty();
    }
}
