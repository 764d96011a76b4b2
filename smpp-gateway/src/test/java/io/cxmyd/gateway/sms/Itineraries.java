package io.cxmyd.gateway.sms;

import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/** Real itineraries for reply tests: data day 2026-11-21, window 11月14日-11月20日. */
final class Itineraries {

    static final Msisdn NUMBER = Msisdn.parse("13800138000");
    static final LocalDate DATA_DAY = LocalDate.of(2026, 11, 21);
    static final LocalDateTime UPDATE_TIME = DATA_DAY.atTime(8, 0);

    static final Place BEIJING = new Place("110000", "北京市", false);
    static final Place GUANGZHOU = new Place("440100", "广东省广州市", false);
    static final Place JAPAN = new Place("JP", "日本", false);
    static final Place HONG_KONG = new Place("HK", "中国香港", false);

    private Itineraries() {
    }

    static Itinerary of(List<Place> places, List<Place> countries, Set<Note> notes) {
        return of(NUMBER, places, countries, notes);
    }

    static Itinerary of(Msisdn msisdn, List<Place> places, List<Place> countries, Set<Note> notes) {
        return new Itinerary(msisdn, DATA_DAY, UPDATE_TIME, DATA_DAY.minusDays(7), DATA_DAY.minusDays(1), places,
                countries, notes);
    }

    /** {@code n} distinct prefecture-level-looking names, 广东省城市1 ... */
    static List<Place> cities(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> new Place(Integer.toString(440000 + i), "广东省城市" + i, false))
                .toList();
    }
}
