package io.cxmyd.itinerary.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON of docs/itinerary-api.md, both ways: the request body and the 200 answer. Pure: no I/O, no
 * logging. Structure errors fail the whole answer ({@code bad_response}); an event whose area code the
 * catalog does not know is skipped and reported in {@link Decoded}, since a newer edition of the division
 * list on the platform's side must not stop every reply.
 */
final class PlatformJson {

    /** The request asks one day beyond each window edge, so that stays crossing an edge are measured. */
    static final Duration MARGIN = io.cxmyd.itinerary.rules.WindowTrack.MARGIN;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_REPORTED_CODES = 5;

    private PlatformJson() {
    }

    /** {@code {"msisdn":"13800138000","from":"...","to":"..."}}, times in the window's own offset. */
    static byte[] requestBody(Msisdn msisdn, DataDay day) {
        ZoneOffset offset = offsetOf(day);
        ObjectNode body = MAPPER.createObjectNode();
        body.put("msisdn", msisdn.digits());
        body.put("from", format(day.windowStart().minus(MARGIN), offset));
        body.put("to", format(day.windowEnd().plus(MARGIN), offset));
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // an ObjectNode of three strings always writes
        }
    }

    /**
     * The offset of the rules' zone at the window end: D 00:00 local time is {@code windowEnd}, so their
     * difference is the offset. Lets the request read {@code 2026-11-13T00:00:00+08:00} like the platform's
     * own data, without the source knowing the rules' zone.
     */
    static ZoneOffset offsetOf(DataDay day) {
        long local = day.day().atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long seconds = local - day.windowEnd().getEpochSecond();
        return Math.abs(seconds) <= 18 * 3600 ? ZoneOffset.ofTotalSeconds((int) seconds) : ZoneOffset.UTC;
    }

    private static String format(Instant t, ZoneOffset offset) {
        return OffsetDateTime.ofInstant(t, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * A 200 answer's subscriber and events, area codes mapped through {@code catalog}.
     *
     * @throws SourceException {@code bad_response} when the body is not the documented JSON
     */
    static Decoded decode(byte[] body, AreaCatalog catalog) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw bad("body: expected a JSON object");
        }
        SubscriberProfile profile = profile(root.path("subscriber"));
        JsonNode events = root.path("events");
        if (!events.isArray()) {
            throw bad("events: expected an array");
        }
        int n = events.size();
        long[] times = new long[n];
        int[] areas = new int[n];
        int kept = 0;
        int skipped = 0;
        List<String> skippedCodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw bad("events[" + i + "]: expected an object");
            }
            long time = time(event.path("time"), "events[" + i + "].time");
            String code = text(event.path("area"), "events[" + i + "].area");
            Area area = catalog.resolve(code).orElse(null);
            if (area == null) {
                skipped++;
                if (skippedCodes.size() < MAX_REPORTED_CODES && !skippedCodes.contains(code)) {
                    skippedCodes.add(code);
                }
                continue;
            }
            times[kept] = time;
            areas[kept] = area.id();
            kept++;
        }
        EventTrack track = EventTrack.of(trim(times, kept), trim(areas, kept));
        return new Decoded(new SubscriberData(profile, track), skipped, List.copyOf(skippedCodes));
    }

    /**
     * Whether a 404 body says the subscriber is unknown: empty, or {@code {"error":"unknown_subscriber"}}.
     * Any other 404 (a proxy's error page, a wrong baseUrl path) is not taken as "unknown", or a
     * misconfiguration would answer every subscriber "no itinerary" without an error anywhere.
     */
    static boolean isUnknownSubscriber(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return true;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            return root != null && root.isObject() && "unknown_subscriber".equals(root.path("error").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw bad("body: empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token: redacted, and not chained as the cause.
            throw bad("body: not JSON (" + Redact.text(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw bad("body: unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static SubscriberProfile profile(JsonNode s) {
        if (!s.isObject()) {
            throw bad("subscriber: expected an object");
        }
        String carrier = text(s.path("carrier"), "subscriber.carrier");
        LocalDate activatedOn = date(s.path("activatedOn"), "subscriber.activatedOn");
        JsonNode ported = s.path("portedOn");
        LocalDate portedOn = ported.isMissingNode() || ported.isNull() ? null : date(ported, "subscriber.portedOn");
        JsonNode hash = s.path("idLast4Hash");
        String idLast4Hash = hash.isMissingNode() || hash.isNull() ? null : text(hash, "subscriber.idLast4Hash");
        return new SubscriberProfile(carrier, activatedOn, portedOn, idLast4Hash);
    }

    private static String text(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            throw bad(field + ": required");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw bad(field + ": expected a non-blank string, was " + Redact.text(node.toString()));
        }
        return node.textValue().strip();
    }

    private static LocalDate date(JsonNode node, String field) {
        String s = text(node, field);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw bad(field + ": expected an ISO date like 2026-11-15, was '" + Redact.text(s) + "'");
        }
    }

    private static long time(JsonNode node, String field) {
        String s = text(node, field);
        try {
            return OffsetDateTime.parse(s).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw bad(field + ": expected an ISO-8601 time with offset like 2026-11-15T08:00:00+08:00, was '"
                    + Redact.text(s) + "'");
        }
    }

    private static SourceException bad(String message) {
        return new SourceException(SourceException.Kind.BAD_RESPONSE, message);
    }

    private static long[] trim(long[] a, int n) {
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    private static int[] trim(int[] a, int n) {
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    /**
     * A decoded answer.
     *
     * @param data the profile and the track of the events whose area resolved
     * @param skippedEvents events dropped for an unknown area code
     * @param skippedCodes up to five distinct unknown codes, as sent (to be redacted before logging)
     */
    record Decoded(SubscriberData data, int skippedEvents, List<String> skippedCodes) {
    }
}
