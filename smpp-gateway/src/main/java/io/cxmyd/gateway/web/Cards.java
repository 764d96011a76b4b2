package io.cxmyd.gateway.web;

import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The card of a number: the same {@link ItineraryClient} lookup as the SMS reply, as the contract's JSON. */
final class Cards {

    private final ItineraryClient client;
    private final Supplier<Instant> rulesClock;
    private final ZoneId zone;

    Cards(ItineraryClient client, Supplier<Instant> rulesClock, ZoneId zone) {
        this.client = client;
        this.rulesClock = rulesClock;
        this.zone = zone;
    }

    CompletableFuture<LookupResult> lookup(Msisdn msisdn) {
        return client.lookup(msisdn, rulesClock.get());
    }

    CompletableFuture<WebResponse> card(Msisdn msisdn) {
        return lookup(msisdn).thenApply(r -> WebResponse.json(200, ItineraryJson.of(r, zone)));
    }

    ZoneId zone() {
        return zone;
    }
}
