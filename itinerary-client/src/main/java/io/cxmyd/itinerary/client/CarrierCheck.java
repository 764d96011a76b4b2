package io.cxmyd.itinerary.client;

import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.source.SubscriberProfile;

/**
 * A query is answered only for a subscriber of the carrier it came through: the registry's {@code carrier}
 * column (local dataset) or the platform's {@code subscriber.carrier} (http source) decides. A subscriber of
 * another carrier is treated as a number the registry does not know, so the reply says nothing about the number
 * (neither its itinerary nor that it belongs elsewhere). Before this check, a china-telecom subscriber's number
 * sent through china-mobile's bind got its full itinerary under china-mobile's signature.
 */
final class CarrierCheck {

    private CarrierCheck() {
    }

    /**
     * The profile the rules may use for a query through {@code carrierId}: {@code profile} itself, or null (an
     * unknown number) when it belongs to another carrier. A null {@code carrierId} means no check.
     */
    static SubscriberProfile profileFor(SubscriberProfile profile, String carrierId, LookupEvents events) {
        if (profile == null || carrierId == null || profile.carrier().equals(carrierId)) {
            return profile;
        }
        events.otherCarrier(carrierId);
        return null;
    }
}
