package io.cxmyd.itinerary.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayValueCodecTest {

    private final AreaCatalog catalog = AreaCatalog.standard();
    private final DayValueCodec codec = new DayValueCodec(catalog);

    private Area area(String code) {
        return catalog.resolve(code).orElseThrow();
    }

    @Test
    void aKnownSubscriberRoundTripsWithAreasByCode() {
        DayValue value = new DayValue(
                new SubscriberProfile("china-telecom", LocalDate.of(2020, 1, 2), LocalDate.of(2026, 11, 19), "h4"),
                new Trip(List.of(area("440100"), area("110000"), area("429004")), List.of(area("JP"), area("HK")),
                        true));

        String json = codec.encode(value);

        assertThat(json).isEqualTo("{\"p\":{\"c\":\"china-telecom\",\"a\":\"2020-01-02\",\"o\":\"2026-11-19\","
                + "\"h\":\"h4\"},\"t\":{\"p\":[\"440100\",\"110000\",\"429004\"],\"c\":[\"JP\",\"HK\"],\"e\":true}}");
        assertThat(codec.decode(json)).contains(value);
    }

    @Test
    void anUnknownNumberRoundTrips() {
        String json = codec.encode(DayValue.unknown());
        assertThat(json).isEqualTo("{\"t\":{\"p\":[],\"c\":[],\"e\":false}}");
        assertThat(codec.decode(json)).contains(DayValue.unknown());
    }

    @Test
    void areasAreFoundByCodeInAnotherCatalogWhoseIdsDiffer() {
        AreaCatalog small = AreaCatalog.build(Map.of("44", "广东省"), Map.of("4401", "广州市"), Map.of());
        DayValue value = new DayValue(null, new Trip(List.of(area("440100")), List.of(), true));

        DayValue read = new DayValueCodec(small).decode(codec.encode(value)).orElseThrow();

        assertThat(read.trip().places()).extracting(Area::code, Area::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("440100", "广东省广州市"));
        assertThat(read.trip().places().get(0).id()).isNotEqualTo(area("440100").id());
    }

    @Test
    void aValueThatNoLongerReadsIsAMiss() {
        assertThat(codec.decode("{\"t\":{\"p\":[\"999900\"],\"c\":[],\"e\":true}}")).isEmpty(); // dropped code
        assertThat(codec.decode("{\"t\":{\"p\":[\"440106\"],\"c\":[],\"e\":true}}")).isEmpty(); // not a display code
        assertThat(codec.decode("{\"p\":{\"c\":\"x\",\"a\":\"yesterday\"},\"t\":{\"e\":true}}")).isEmpty();
        assertThat(codec.decode("{\"p\":{\"a\":\"2020-01-01\"},\"t\":{\"e\":true}}")).isEmpty(); // no carrier
        assertThat(codec.decode("{\"p\":{}}")).isEmpty();
        assertThat(codec.decode("{\"t\":")).isEmpty();
        assertThat(codec.decode("null")).isEmpty();
        assertThat(codec.decode("")).isEmpty();
    }
}
