package io.cxmyd.gateway.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * A lookup result as the contract's itinerary JSON (gateway-contract.md, "Web channel"): the same
 * {@link LookupResult} the SMS reply is composed from, so the page and the SMS never disagree. Pure.
 * Keys without a value for an outcome (the window of a new account) are present as null.
 */
public final class ItineraryJson {

    private static final DateTimeFormatter UPDATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ItineraryJson() {
    }

    public static String outcome(LookupResult r) {
        if (r instanceof LookupResult.Found f) {
            return f.itinerary().nothingQualified() ? "nothing_qualified" : "found";
        }
        if (r instanceof LookupResult.NoData) {
            return "no_data";
        }
        return r instanceof LookupResult.NewAccount ? "new_account" : "unavailable";
    }

    public static ObjectNode of(LookupResult r, ZoneId zone) {
        ObjectNode o = F.objectNode();
        o.put("msisdn", r.msisdn().masked());
        o.put("outcome", outcome(r));
        o.putNull("updateTime");
        o.putNull("from");
        o.putNull("to");
        ArrayNode places = o.putArray("places");
        ArrayNode countries = o.putArray("countries");
        ArrayNode notes = o.putArray("notes");
        if (r instanceof LookupResult.Found f) {
            Itinerary it = f.itinerary();
            o.put("updateTime", updateTime(it.updateTime(), zone));
            o.put("from", it.firstDay().toString());
            o.put("to", it.lastDay().toString());
            for (Place p : it.places()) {
                places.addObject().put("code", p.code()).put("name", p.name()).put("risk", p.risk());
            }
            for (Place c : it.countries()) {
                countries.addObject().put("code", c.code()).put("name", c.name());
            }
            notes(it.notes(), notes);
        } else if (r instanceof LookupResult.NoData n) {
            o.put("updateTime", updateTime(n.updateTime(), zone));
            notes(n.notes(), notes);
        }
        return o;
    }

    /** Domestic places then countries, in the itinerary's order: what a declaration is checked against. */
    public static List<Place> areas(LookupResult r) {
        if (r instanceof LookupResult.Found f) {
            return java.util.stream.Stream.concat(f.itinerary().places().stream(), f.itinerary().countries().stream())
                    .toList();
        }
        return List.of();
    }

    public static String updateTime(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toOffsetDateTime().format(UPDATE_TIME);
    }

    private static void notes(Set<Note> notes, ArrayNode out) {
        // Fixed order, whatever the set's: clients compare lists.
        if (notes.contains(Note.PORTED_RECENTLY)) {
            out.add("ported");
        }
        if (notes.contains(Note.VIRTUAL_OPERATOR)) {
            out.add("virtual_operator");
        }
    }
}
