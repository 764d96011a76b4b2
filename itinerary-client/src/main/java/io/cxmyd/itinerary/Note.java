package io.cxmyd.itinerary;

/** Remarks a reply carries besides the places (itinerary-rules.md §5). */
public enum Note {
    /** Port-in (携号转网) 0, 1 or 2 days before the query date: results may lag by 1-2 days (FAQ 7). */
    PORTED_RECENTLY,
    /** A virtual-operator number: results are not guaranteed (FAQ 14). */
    VIRTUAL_OPERATOR,
    /** The risk list marked at least one listed city (§6). */
    RISK_MARKED
}
