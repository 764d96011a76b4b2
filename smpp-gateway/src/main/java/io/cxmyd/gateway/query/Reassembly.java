package io.cxmyd.gateway.query;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.itinerary.Msisdn;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room before admission's text: puts a subscriber's multi-part message (UDH with an 8-bit or 16-bit
 * reference, or SAR TLVs) together, so the keyword is read from the whole text and a character split between
 * two parts decodes whole. A message of one part passes through untouched.
 *
 * <p>Parts wait at most {@code timeout} after the first one arrived: past it the parts held are dropped (a
 * handset sends all parts within seconds; a part that never comes must not hold memory). At most
 * {@code maxPartsHeld} parts wait at once, over all subscribers: past it a new part is refused for the
 * carrier to send again later, never dropped after its acknowledgement. Time is passed in.
 *
 * <p>A held part is acknowledged before the whole message is journaled: a crash while parts wait loses them
 * (the subscriber sends again); the whole message, once complete, is accepted durably like any other.
 */
public final class Reassembly {

    private static final Logger log = LoggerFactory.getLogger(Reassembly.class);

    private final Duration timeout;
    private final int maxPartsHeld;
    private final Map<Key, Group> groups = new HashMap<>();
    private int held;

    public Reassembly(Duration timeout, int maxPartsHeld) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
        if (maxPartsHeld < 1) {
            throw new IllegalArgumentException("maxPartsHeld: at least 1, was " + maxPartsHeld);
        }
        this.timeout = timeout;
        this.maxPartsHeld = maxPartsHeld;
    }

    /** What became of one message. */
    public sealed interface Result {
    }

    /** The whole message: one that came in one part, or the last part's arrival completed it. */
    public record Whole(InboundMessage message) implements Result {
    }

    /** A part now waiting for the others (or one already held: a carrier's retry). */
    public record Held() implements Result {
    }

    /** Too many parts wait already: refuse this one so that the carrier sends it again later. */
    public record Full() implements Result {
    }

    /** Takes one message that arrived at {@code now}. Thread-safe. */
    public synchronized Result offer(InboundMessage m, Instant now) {
        MessagePart part = MessagePart.of(m);
        if (part == null) {
            return new Whole(m);
        }
        dropExpired(now);
        Key key = new Key(m.carrierId(), m.source().address(), m.destination().address(), part.scheme(),
                part.reference(), part.total());
        Group g = groups.get(key);
        if (g != null && g.bodies[part.sequence() - 1] != null) {
            return new Held();
        }
        boolean completes = g != null && g.count == part.total() - 1;
        if (!completes && held >= maxPartsHeld) {
            return new Full();
        }
        if (g == null) {
            g = new Group(m, now.plus(timeout), part.total());
            groups.put(key, g);
        }
        g.bodies[part.sequence() - 1] = part.body();
        g.count++;
        if (g.count < part.total()) {
            held++;
            return new Held();
        }
        groups.remove(key);
        held -= part.total() - 1;
        return new Whole(g.whole());
    }

    /** Parts waiting now, over all subscribers. */
    public synchronized int held() {
        return held;
    }

    private void dropExpired(Instant now) {
        for (Iterator<Group> it = groups.values().iterator(); it.hasNext(); ) {
            Group g = it.next();
            if (!now.isBefore(g.expiresAt)) {
                it.remove();
                held -= g.count;
                log.debug("[{}] {} of {} parts of a message from {} dropped: the rest did not come within {}",
                        g.first.carrierId(), g.count, g.bodies.length, Msisdn.mask(g.first.source().address()),
                        timeout);
            }
        }
    }

    private record Key(String carrierId, String source, String destination, MessagePart.Scheme scheme,
            int reference, int total) {
    }

    private static final class Group {
        final InboundMessage first;
        final Instant expiresAt;
        final byte[][] bodies;
        int count;

        Group(InboundMessage first, Instant expiresAt, int total) {
            this.first = Objects.requireNonNull(first);
            this.expiresAt = expiresAt;
            this.bodies = new byte[total][];
        }

        /** The parts' bodies in order, as one message without header: decoded as any single message. */
        InboundMessage whole() {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (byte[] b : bodies) {
                text.writeBytes(b);
            }
            return new InboundMessage(first.carrierId(), first.source(), first.destination(),
                    (byte) (first.esmClass() & ~InboundMessage.UDHI), first.dataCoding(), text.toByteArray(),
                    first.dataSm(), first.receivedAt(), null);
        }
    }
}
