package io.cxmyd.gateway.sms;

import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the outcome of a query into the reply's text, from {@link ReplyTemplates}, and guarantees the text
 * fits in {@link #maxParts()} SMS parts (counted as {@link Segmenter#partCount(String)} counts them).
 *
 * <p>When an itinerary is too long, cities are dropped from the end of the list and a count of those left
 * out follows the last one shown ({@code placesMore}: 等另外5个城市); at least one city stays. If that is
 * not enough, countries are cut the same way ({@code countriesMore}). Only a template overridden to be very
 * long can still overflow: the text is then cut at a character boundary and ends with "…". Cuts happen on
 * whole names, so no character or surrogate pair is ever broken.
 *
 * <p>The risk note explains the {@code *}: it is added when at least one city or country shown carries one,
 * and comes last, as the service published it (itinerary-rules.md §6).
 */
public final class ReplyComposer {

    public static final int DEFAULT_MAX_PARTS = 6;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("M月d日HH:mm");
    private static final String SEPARATOR = "、";
    private static final String RISK_MARK = "*";
    private static final String ELLIPSIS = "…";
    private static final int PLACEHOLDERS = Placeholder.values().length;

    private final ReplyTemplates templates;
    private final int maxParts;

    /**
     * @param maxParts the most SMS parts a reply may take, 1 to 255 ({@value #DEFAULT_MAX_PARTS} by default)
     */
    public ReplyComposer(ReplyTemplates templates, int maxParts) {
        this.templates = Objects.requireNonNull(templates, "templates");
        if (maxParts < 1 || maxParts > Segmenter.MAX_PARTS) {
            throw new IllegalArgumentException("maxParts: between 1 and " + Segmenter.MAX_PARTS + ", was " + maxParts);
        }
        this.maxParts = maxParts;
    }

    /** The default texts, at most {@value #DEFAULT_MAX_PARTS} parts. */
    public static ReplyComposer withDefaults() {
        return new ReplyComposer(ReplyTemplates.defaults(), DEFAULT_MAX_PARTS);
    }

    public int maxParts() {
        return maxParts;
    }

    /** The reply to a lookup: FOUND, NOTHING_QUALIFIED, NEW_ACCOUNT, NO_DATA or UNAVAILABLE. */
    public String compose(LookupResult result, ReplyContext context) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(context, "context");
        if (result instanceof LookupResult.Found found) {
            return itinerary(found.itinerary(), context);
        }
        String[] values = values(context, result.msisdn());
        if (result instanceof LookupResult.NewAccount refused) {
            values[Placeholder.DAYS.ordinal()] = Integer.toString(refused.requiredDays());
            return whole(ReplyTemplate.NEW_ACCOUNT, values);
        }
        if (result instanceof LookupResult.NoData none) {
            values[Placeholder.UPDATE_TIME.ordinal()] = DAY_TIME.format(none.updateTime());
            values[Placeholder.NOTES.ordinal()] = notes(none.notes(), false);
            return whole(ReplyTemplate.NO_DATA, values);
        }
        return whole(ReplyTemplate.UNAVAILABLE, values);
    }

    /** The reply to a text that is no known command: how to query. */
    public String usage(ReplyContext context) {
        return whole(ReplyTemplate.USAGE, values(context, null));
    }

    /** The reply to a subscriber over the query limit. */
    public String tooFrequent(ReplyContext context) {
        return whole(ReplyTemplate.TOO_FREQUENT, values(context, null));
    }

    /** The consent prompt asking for {@code Y} within {@code window}. */
    public String confirmPrompt(ReplyContext context, Msisdn msisdn, java.time.Duration window) {
        return prompt(ReplyTemplate.CONSENT_CONFIRM, context, msisdn, window);
    }

    /** The consent prompt asking for the ID card's last four characters within {@code window}. */
    public String idLast4Prompt(ReplyContext context, Msisdn msisdn, java.time.Duration window) {
        return prompt(ReplyTemplate.CONSENT_ID_LAST4, context, msisdn, window);
    }

    /** A wrong ID code, {@code attemptsLeft} more allowed today, the next within {@code window}. */
    public String wrongCode(ReplyContext context, int attemptsLeft, java.time.Duration window) {
        String[] values = values(context, null);
        values[Placeholder.ATTEMPTS.ordinal()] = Integer.toString(attemptsLeft);
        values[Placeholder.MINUTES.ordinal()] = minutes(window);
        return whole(ReplyTemplate.CONSENT_WRONG_CODE, values);
    }

    /** Too many wrong ID codes: no query from this number until tomorrow. */
    public String locked(ReplyContext context) {
        return whole(ReplyTemplate.CONSENT_LOCKED, values(context, null));
    }

    /** The pending query was cancelled by a text that was not the answer. */
    public String cancelled(ReplyContext context) {
        return whole(ReplyTemplate.CONSENT_CANCELLED, values(context, null));
    }

    /** The registry holds no ID for the number: it cannot be verified by SMS. */
    public String unverifiable(ReplyContext context) {
        return whole(ReplyTemplate.CONSENT_UNVERIFIABLE, values(context, null));
    }

    private String prompt(ReplyTemplate template, ReplyContext context, Msisdn msisdn, java.time.Duration window) {
        String[] values = values(context, Objects.requireNonNull(msisdn, "msisdn"));
        values[Placeholder.MINUTES.ordinal()] = minutes(window);
        return whole(template, values);
    }

    /** Whole minutes, rounded up: a window of 90 s reads "2", never "1" (the subscriber must not be late). */
    private static String minutes(java.time.Duration window) {
        long seconds = window.toSeconds();
        return Long.toString(Math.max(1, (seconds + 59) / 60));
    }

    private String itinerary(Itinerary it, ReplyContext context) {
        String[] values = values(context, it.msisdn());
        values[Placeholder.FIRST_DAY.ordinal()] = DAY.format(it.firstDay());
        values[Placeholder.LAST_DAY.ordinal()] = DAY.format(it.lastDay());
        values[Placeholder.UPDATE_TIME.ordinal()] = DAY_TIME.format(it.updateTime());
        ReplyTemplate template = it.nothingQualified() ? ReplyTemplate.NOTHING_QUALIFIED : ReplyTemplate.FOUND;
        List<Place> places = it.places();
        List<Place> countries = it.countries();

        int shownPlaces = places.size();
        int shownCountries = countries.size();
        String text = render(template, values, it, shownPlaces, shownCountries);
        if (fits(text)) {
            return text;
        }
        if (places.size() > 1) {
            for (shownPlaces = mostThatCouldFit(places, text); shownPlaces >= 1; shownPlaces--) {
                text = render(template, values, it, shownPlaces, shownCountries);
                if (fits(text)) {
                    return text;
                }
            }
            shownPlaces = Math.min(1, places.size());
        }
        if (countries.size() > 1) {
            for (shownCountries = mostThatCouldFit(countries, text); shownCountries >= 1; shownCountries--) {
                text = render(template, values, it, shownPlaces, shownCountries);
                if (fits(text)) {
                    return text;
                }
            }
        }
        return truncate(text);
    }

    /**
     * How many names of {@code list} could stay at most: dropping fewer from the end leaves {@code text}
     * longer than {@link #maxParts} parts can hold whatever else happens. Saves rendering every count.
     */
    private int mostThatCouldFit(List<Place> list, String text) {
        int overflow = text.length() - capacity();
        int kept = list.size() - 1;
        int dropped = nameLength(list.get(kept));
        while (kept > 1 && dropped < overflow) {
            kept--;
            dropped += nameLength(list.get(kept));
        }
        return kept;
    }

    private String render(ReplyTemplate template, String[] values, Itinerary it, int shownPlaces,
            int shownCountries) {
        List<Place> places = it.places();
        List<Place> countries = it.countries();
        values[Placeholder.PLACES.ordinal()] = join(places, shownPlaces, ReplyTemplate.PLACES_MORE);
        values[Placeholder.COUNTRIES.ordinal()] = countries.isEmpty()
                ? ""
                : templates.template(ReplyTemplate.COUNTRIES_CLAUSE).render(Placeholder.LIST,
                        join(countries, shownCountries, ReplyTemplate.COUNTRIES_MORE));
        boolean starShown = anyRisk(places, shownPlaces) || anyRisk(countries, shownCountries);
        values[Placeholder.NOTES.ordinal()] = notes(it.notes(), starShown);
        return templates.template(template).render(values);
    }

    private String join(List<Place> list, int shown, ReplyTemplate more) {
        StringBuilder out = new StringBuilder(shown * 8);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            Place p = list.get(i);
            out.append(p.name());
            if (p.risk()) {
                out.append(RISK_MARK);
            }
        }
        if (shown < list.size()) {
            out.append(templates.template(more).render(Placeholder.COUNT, Integer.toString(list.size() - shown)));
        }
        return out.toString();
    }

    private String notes(Set<Note> notes, boolean starShown) {
        StringBuilder out = new StringBuilder();
        if (notes.contains(Note.PORTED_RECENTLY)) {
            out.append(templates.text(ReplyTemplate.NOTE_PORTED));
        }
        if (notes.contains(Note.VIRTUAL_OPERATOR)) {
            out.append(templates.text(ReplyTemplate.NOTE_VIRTUAL));
        }
        if (starShown) {
            out.append(templates.text(ReplyTemplate.NOTE_RISK));
        }
        return out.toString();
    }

    private String whole(ReplyTemplate template, String[] values) {
        String text = templates.template(template).render(values);
        return fits(text) ? text : truncate(text);
    }

    private String[] values(ReplyContext context, Msisdn msisdn) {
        String[] values = new String[PLACEHOLDERS];
        values[Placeholder.SIGNATURE.ordinal()] = context.signature();
        values[Placeholder.SERVICE_NUMBER.ordinal()] = context.serviceNumber();
        if (msisdn != null) {
            values[Placeholder.NUMBER.ordinal()] = msisdn.masked();
        }
        return values;
    }

    private boolean fits(String text) {
        return Segmenter.partCount(text) <= maxParts;
    }

    /** UTF-16 units {@link #maxParts} parts hold at best (fewer when a surrogate pair shortens a part). */
    private int capacity() {
        return maxParts == 1 ? Segmenter.SINGLE_PART_UNITS : maxParts * Segmenter.MULTI_PART_UNITS;
    }

    /** The last resort, for templates overridden to be too long: cut at a character boundary, end with …. */
    private String truncate(String text) {
        for (int cut = Math.min(text.length(), capacity()) - ELLIPSIS.length(); cut > 0; cut--) {
            if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
                continue;
            }
            String candidate = text.substring(0, cut) + ELLIPSIS;
            if (fits(candidate)) {
                return candidate;
            }
        }
        return ELLIPSIS;
    }

    private static boolean anyRisk(List<Place> list, int shown) {
        for (int i = 0; i < shown; i++) {
            if (list.get(i).risk()) {
                return true;
            }
        }
        return false;
    }

    private static int nameLength(Place p) {
        return p.name().length() + SEPARATOR.length() + (p.risk() ? RISK_MARK.length() : 0);
    }
}
