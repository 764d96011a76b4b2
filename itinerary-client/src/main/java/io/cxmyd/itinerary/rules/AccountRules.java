package io.cxmyd.itinerary.rules;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is answered, and with what (itinerary-rules.md §5 and §6): new accounts, ported numbers, virtual
 * operators, no data, nothing qualified, risk marks. Pure. Immutable and thread-safe.
 *
 * <p>Checks, in this order (docs/itinerary-rules.md, "Who is answered"):
 *
 * <ol>
 *   <li>unknown number → {@link LookupResult.NoData} (with the virtual-operator note if its prefix says so);
 *   <li>account younger than {@link RulesOptions#newAccountDays()} → {@link LookupResult.NewAccount}, before
 *       anything about data: the refusal is what FAQ 8 answers, whatever the events show;
 *   <li>notes: {@link Note#PORTED_RECENTLY}, {@link Note#VIRTUAL_OPERATOR};
 *   <li>no event in the window → {@link LookupResult.NoData} carrying the notes;
 *   <li>otherwise {@link LookupResult.Found}, possibly with no qualifying city, plus
 *       {@link Note#RISK_MARKED} when a listed city is on the risk list.
 * </ol>
 *
 * Ages count calendar days from the query date ({@link DataDay#queryDate()}, date(t) in the rules' zone),
 * not from the data day: the refusal is about the number's age when the subscriber asks.
 */
public final class AccountRules {

    /** FAQ 7: a ported number's itinerary lags by 1-2 days, so the note covers ports 0, 1 or 2 days ago. */
    static final int PORT_LAG_DAYS = 2;

    private final RulesOptions rules;

    public AccountRules(RulesOptions rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The outcome for {@code msisdn}: {@code profile} is {@code null} for a number the registry does not
     * know; {@code trip} is what its events show in {@code day}'s window; {@code riskAreaIds} are the display
     * areas the risk list marks (empty when none is configured).
     */
    public LookupResult decide(
            Msisdn msisdn, SubscriberProfile profile, Trip trip, DataDay day, Set<Integer> riskAreaIds) {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(trip, "trip");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(riskAreaIds, "riskAreaIds");

        Set<Note> notes = EnumSet.noneOf(Note.class);
        if (msisdn.isVirtualOperator()) {
            notes.add(Note.VIRTUAL_OPERATOR);
        }
        if (profile == null) {
            // §5: an unknown number gets the no-data reply, never an error. MVNO numbers are the usual
            // unknowns, and the note tells them why.
            return new LookupResult.NoData(msisdn, day.day(), day.updateTime(), notes);
        }
        if (isNewAccount(profile.activatedOn(), day.queryDate())) {
            return new LookupResult.NewAccount(msisdn, profile.activatedOn(), rules.newAccountDays());
        }
        if (isRecentlyPorted(profile.portedOn(), day.queryDate())) {
            notes.add(Note.PORTED_RECENTLY);
        }
        if (!trip.anyEventInWindow()) {
            return new LookupResult.NoData(msisdn, day.day(), day.updateTime(), notes);
        }

        List<Place> places = new ArrayList<>(trip.places().size());
        for (Area area : trip.places()) {
            boolean risk = riskAreaIds.contains(area.id());
            if (risk) {
                notes.add(Note.RISK_MARKED);
            }
            places.add(new Place(area.code(), area.name(), risk));
        }
        // §6 marks cities only: a country on the risk list is shown without a mark.
        List<Place> countries = new ArrayList<>(trip.countries().size());
        for (Area area : trip.countries()) {
            countries.add(new Place(area.code(), area.name(), false));
        }
        return new LookupResult.Found(new Itinerary(
                msisdn, day.day(), day.updateTime(), day.firstDay(), day.lastDay(), places, countries, notes));
    }

    /**
     * Activated less than {@code newAccountDays} before the query date (exactly that many days: served).
     * An activation date in the future is a registry error or a number not yet in service: it counts as
     * activated today, so it is refused whenever the rule is on.
     */
    boolean isNewAccount(LocalDate activatedOn, LocalDate queryDate) {
        long age = Math.max(0, ChronoUnit.DAYS.between(activatedOn, queryDate));
        return age < rules.newAccountDays();
    }

    /**
     * Port-in 0, 1 or 2 days before the query date. A port-in date in the future (a scheduled port, or the
     * registry ahead of the network) also gets the note: the note only warns that results may lag, and a
     * number about to change carrier is exactly the case it warns about.
     */
    static boolean isRecentlyPorted(LocalDate portedOn, LocalDate queryDate) {
        return portedOn != null && ChronoUnit.DAYS.between(portedOn, queryDate) <= PORT_LAG_DAYS;
    }
}
