package io.cxmyd.itinerary.tools;

import java.time.LocalDate;

/**
 * One generated subscriber: the registry row and what the week will look like.
 *
 * @param number the 11-digit number
 * @param carrier the carrier id it is served by now
 * @param activatedOn activation date
 * @param portedOn port-in date or null
 * @param kind how the subscriber moves ({@link Kind})
 */
record SyntheticSubscriber(long number, String carrier, LocalDate activatedOn, LocalDate portedOn, Kind kind) {

    enum Kind {
        /** Home and work in one city, weekends at home. */
        COMMUTER,
        /** A commuter with a 1-3 day trip to another city by plane. */
        BUSINESS_TRIP,
        /** A journey by train: short stays in the cities on the way, then a stay at the destination. */
        TRAIN,
        /** Lives by a city border: the phone flaps between cells of two cities. */
        BORDER,
        /** A few days abroad. */
        ABROAD,
        /** Phone off or unused: no events at all. */
        SILENT
    }
}
