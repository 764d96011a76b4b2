package io.cxmyd.gateway.web;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.Place;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of an itinerary's places a traveller's declaration lacks. Pure. A declared code of any level counts
 * as its area, as the card shows it: 440106 (天河区) declares 广东省广州市, 110105 declares 北京市, JP declares
 * 日本; a province code (440000) declares every city of that province, since the card has no province line.
 */
public final class DeclarationCheck {

    private static final Pattern CODE = Pattern.compile("\\d{6}|[A-Za-z]{2}");

    private final AreaCatalog catalog;

    public DeclarationCheck(AreaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether a declared entry is a well-formed code (6 digits, or 2 letters for abroad). */
    public static boolean wellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** The places of {@code itinerary} (in its order) that {@code declared} does not cover. */
    public List<Place> undeclared(List<Place> itinerary, List<String> declared) {
        Set<String> areas = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        for (String d : declared) {
            Optional<Area> area = catalog.resolve(d);
            if (area.isPresent()) {
                areas.add(area.get().code());
            } else if (d.length() == 6 && d.endsWith("0000")) {
                provinces.add(d.substring(0, 2));
            } else if (d.length() == 2) {
                areas.add(d.toUpperCase(Locale.ROOT));
            }
        }
        List<Place> out = new ArrayList<>();
        for (Place p : itinerary) {
            boolean domestic = p.code().length() == 6;
            boolean covered = areas.contains(p.code()) || domestic && provinces.contains(p.code().substring(0, 2));
            if (!covered) {
                out.add(p);
            }
        }
        return out;
    }
}
