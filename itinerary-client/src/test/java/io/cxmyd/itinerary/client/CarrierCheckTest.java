package io.cxmyd.itinerary.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarrierCheckTest {

    private final List<String> otherCarrier = new ArrayList<>();
    private final LookupEvents events = new LookupEvents() {
        @Override
        public void otherCarrier(String carrierId) {
            otherCarrier.add(carrierId);
        }
    };
    private final SubscriberProfile telecom = new SubscriberProfile("china-telecom", LocalDate.of(2020, 1, 15), null);

    @Test
    void theCarriersOwnSubscriberKeepsItsProfile() {
        assertThat(CarrierCheck.profileFor(telecom, "china-telecom", events)).isSameAs(telecom);
        assertThat(otherCarrier).isEmpty();
    }

    @Test
    void anotherCarriersSubscriberIsAnUnknownNumberAndCounted() {
        assertThat(CarrierCheck.profileFor(telecom, "china-mobile", events)).isNull();
        assertThat(otherCarrier).containsExactly("china-mobile");
    }

    @Test
    void anUnknownNumberOrAnUncheckedLookupIsLeftAlone() {
        assertThat(CarrierCheck.profileFor(null, "china-mobile", events)).isNull();
        assertThat(CarrierCheck.profileFor(telecom, null, events)).isSameAs(telecom);
        assertThat(otherCarrier).isEmpty();
    }
}
