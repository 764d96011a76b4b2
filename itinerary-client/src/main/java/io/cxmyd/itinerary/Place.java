package io.cxmyd.itinerary;

/**
 * One place of an itinerary reply.
 *
 * @param code the area code (GB/T 2260 or ISO 3166-1 alpha-2)
 * @param name the display name
 * @param risk whether the risk list marks this city (itinerary-rules.md §6: shown with a {@code *})
 */
public record Place(String code, String name, boolean risk) {
}
