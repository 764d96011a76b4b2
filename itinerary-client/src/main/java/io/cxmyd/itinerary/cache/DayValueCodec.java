package io.cxmyd.itinerary.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link DayValue} as compact JSON for Redis:
 * {@code {"p":{"c":"china-mobile","a":"2020-01-01","o":"2026-11-19"},"t":{"p":["440100"],"c":["JP"],"e":true}}}.
 *
 * <p>Areas are stored by code, never by {@link Area#id()}: ids are dense indexes of one process's catalog,
 * and another instance (or the next release's division list) may number them differently. A value that
 * no longer reads (a code the catalog dropped, a damaged entry) is a miss, not an error.
 *
 * <p>Public because the Spark job (itinerary-batch) writes the store's values in this same format.
 */
public final class DayValueCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final AreaCatalog catalog;

    public DayValueCodec(AreaCatalog catalog) {
        this.catalog = catalog;
    }

    record ProfileJson(String c, String a, String o, String h) {
    }

    record TripJson(List<String> p, List<String> c, boolean e) {
    }

    record ValueJson(ProfileJson p, TripJson t) {
    }

    public String encode(DayValue value) {
        SubscriberProfile p = value.profile();
        ProfileJson profile = p == null ? null : new ProfileJson(p.carrier(), p.activatedOn().toString(),
                p.portedOn() == null ? null : p.portedOn().toString(), p.idLast4Hash());
        Trip t = value.trip();
        TripJson trip = new TripJson(codes(t.places()), codes(t.countries()), t.anyEventInWindow());
        try {
            return JSON.writeValueAsString(new ValueJson(profile, trip));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // records of strings always write
        }
    }

    /** The value, or empty when {@code json} does not read as one under this catalog. */
    public Optional<DayValue> decode(String json) {
        try {
            ValueJson v = JSON.readValue(json, ValueJson.class);
            if (v == null || v.t() == null) {
                return Optional.empty();
            }
            SubscriberProfile profile = null;
            if (v.p() != null) {
                ProfileJson p = v.p();
                profile = new SubscriberProfile(p.c(), LocalDate.parse(p.a()),
                        p.o() == null ? null : LocalDate.parse(p.o()), p.h());
            }
            Optional<List<Area>> places = areas(v.t().p());
            Optional<List<Area>> countries = areas(v.t().c());
            if (places.isEmpty() || countries.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DayValue(profile, new Trip(places.get(), countries.get(), v.t().e())));
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static List<String> codes(List<Area> areas) {
        List<String> codes = new ArrayList<>(areas.size());
        for (Area a : areas) {
            codes.add(a.code());
        }
        return codes;
    }

    private Optional<List<Area>> areas(List<String> codes) {
        if (codes == null) {
            return Optional.of(List.of());
        }
        List<Area> areas = new ArrayList<>(codes.size());
        for (String code : codes) {
            Optional<Area> area = code == null ? Optional.empty() : catalog.resolve(code);
            if (area.isEmpty() || !area.get().code().equals(code)) {
                return Optional.empty();
            }
            areas.add(area.get());
        }
        return Optional.of(areas);
    }
}
