package io.cxmyd.batch.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SubscriberAssemblerTest {

    private static final RulesOptions RULES = RulesOptions.defaults();
    private static final AreaCatalog CATALOG = AreaCatalog.standard();
    private static final DataDay DAY = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RULES);
    private static final int EPOCH_2020 = (int) LocalDate.of(2020, 1, 1).toEpochDay();

    private final SubscriberAssembler assembler = new SubscriberAssembler(new StayCalculator(RULES, CATALOG), DAY);

    private static int area(String code) {
        return CATALOG.resolve(code).orElseThrow().id();
    }

    private static long at(String isoWithOffset) {
        return java.time.OffsetDateTime.parse(isoWithOffset).toEpochSecond();
    }

    @Test
    void eachSubscriberIsEmittedWhenTheNextOneStarts() {
        assertThat(assembler.profile(13800138000L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 10)).isNull();
        assertThat(assembler.event(13800138000L, at("2026-11-15T08:00:00+08:00"), area("440106"), 20)).isNull();
        assertThat(assembler.event(13800138000L, at("2026-11-15T13:00:00+08:00"), area("440106"), 30)).isNull();

        SubscriberResult first = assembler.profile(13800138001L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 40);

        assertThat(first.msisdn().digits()).isEqualTo("13800138000");
        assertThat(first.events()).isEqualTo(2);
        assertThat(first.value().trip().places()).extracting(a -> a.code()).containsExactly("440100");
        SubscriberResult last = assembler.finish();
        assertThat(last.msisdn().digits()).isEqualTo("13800138001");
        assertThat(last.value().trip().anyEventInWindow()).isFalse(); // registry subscriber with no events
        assertThat(assembler.finish()).isNull();
    }

    @Test
    void eventsOfANumberWithoutARegistryRowAreRefusedWithTheNumberMasked() {
        SubscriberResult r = assembler.event(13912345678L, at("2026-11-15T08:00:00+08:00"), area("440106"), 77);

        assertThat(r.refusal()).isEqualTo(new SubscriberResult.Refusal("signaling.csv", 77, -1,
                "msisdn 139****5678 is not in subscribers.csv"));
    }

    @Test
    void aRefusalAfterACompletedSubscriberIsKeptForTheNextCall() {
        assembler.profile(13800138000L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 10);

        SubscriberResult done = assembler.event(13912345678L, at("2026-11-15T08:00:00+08:00"), area("440106"), 77);

        assertThat(done.msisdn().digits()).isEqualTo("13800138000");
        assertThat(assembler.takePending().refusal().offset()).isEqualTo(77);
        assertThat(assembler.takePending()).isNull();
    }

    @Test
    void aSecondRegistryRowOfOneNumberIsRefusedPointingAtTheFirst() {
        assembler.profile(13800138000L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 10);

        SubscriberResult r = assembler.profile(13800138000L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 90);

        assertThat(r.refusal()).isEqualTo(new SubscriberResult.Refusal("subscribers.csv", 90, 10,
                "duplicate msisdn 138****8000"));
    }

    @Test
    void theBufferGrowsPastItsFirstSizeAndIsReusedForTheNextSubscriber() {
        assembler.profile(13800138000L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 0);
        long t = at("2026-11-15T00:00:00+08:00");
        for (int i = 0; i < 500; i++) {
            assembler.event(13800138000L, t + i * 60L, area("110105"), i + 1);
        }
        SubscriberResult busy = assembler.profile(13800138001L, "china-mobile", EPOCH_2020, Integer.MIN_VALUE, null, 9000);
        assembler.event(13800138001L, t, area("310101"), 9001);

        SubscriberResult quiet = assembler.finish();

        assertThat(busy.events()).isEqualTo(500);
        assertThat(busy.value().trip().places()).extracting(a -> a.code()).containsExactly("110000");
        assertThat(quiet.events()).isEqualTo(1);
        assertThat(quiet.value().trip().places()).isEmpty();
    }
}
