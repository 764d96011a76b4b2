package io.cxmyd.itinerary;

/**
 * A place as the reply shows it (itinerary-rules.md §2.1): a prefecture-level city, a municipality as a
 * whole, a county-level city directly under a province, or a foreign country/region.
 *
 * @param id dense index in its {@link io.cxmyd.itinerary.areas.AreaCatalog}, stable for the process
 * @param code the display area's code: a 6-digit GB/T 2260 code, or ISO 3166-1 alpha-2 abroad
 * @param name the display name: 广东省广州市, 北京市, 湖北省仙桃市, 日本, 中国香港
 * @param foreign whether the place is abroad (no 4-hour rule)
 */
public record Area(int id, String code, String name, boolean foreign) {
}
