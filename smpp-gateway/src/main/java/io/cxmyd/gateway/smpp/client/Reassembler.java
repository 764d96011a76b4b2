package io.cxmyd.gateway.smpp.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.cxmyd.gateway.message.SmppAddress;

/**
 * Puts concatenated deliver_sm parts back together, as a handset would: a UDH with IEI 0x00 (8-bit
 * reference) or 0x08 (16-bit reference) (3GPP TS 23.040 §9.2.3.24.1 and .8), SAR TLVs (SMPP 3.4
 * §5.3.2.22-24), or a single part carrying the whole text (short_message or message_payload).
 * Pure and not thread-safe.
 */
final class Reassembler {

    private record Key(String source, String destination, int reference, int total) {
    }

    private record Segment(int reference, int total, int sequence, byte[] body) {
    }

    private static final class Pending {
        final byte[][] bodies;
        int received;

        Pending(int total) {
            bodies = new byte[total][];
        }
    }

    private final Map<Key, Pending> pending = new HashMap<>();

    /** Adds one part; returns the reply it completes, if any. */
    Optional<ReceivedReply> add(ReceivedPart part) {
        Segment segment = segment(part);
        if (segment == null) {
            return Optional.of(reply(part, body(part), 1));
        }
        Key key = new Key(part.source().address(), part.destination().address(), segment.reference(),
                segment.total());
        Pending p = pending.computeIfAbsent(key, k -> new Pending(segment.total()));
        int index = segment.sequence() - 1;
        if (p.bodies[index] == null) {
            p.received++;
        }
        p.bodies[index] = segment.body();
        if (p.received < segment.total()) {
            return Optional.empty();
        }
        pending.remove(key);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] body : p.bodies) {
            whole.writeBytes(body);
        }
        return Optional.of(reply(part, whole.toByteArray(), segment.total()));
    }

    /** Parts still waiting for their siblings. */
    int waiting() {
        return pending.values().stream().mapToInt(p -> p.received).sum();
    }

    private static ReceivedReply reply(ReceivedPart part, byte[] bytes, int parts) {
        return new ReceivedReply(copy(part.source()), copy(part.destination()),
                MessageText.decode(bytes, part.dataCoding()), parts);
    }

    private static SmppAddress copy(SmppAddress a) {
        return new SmppAddress(a.ton(), a.npi(), a.address());
    }

    /** The part's concatenation data, or {@code null} when it is a whole message by itself. */
    private static Segment segment(ReceivedPart part) {
        Segment segment = null;
        if (part.hasUdh()) {
            segment = fromUdh(part.payload());
        } else if (part.sar() != null) {
            ReceivedPart.Sar sar = part.sar();
            segment = new Segment(sar.reference(), sar.total(), sar.sequence(), part.payload());
        }
        if (segment == null || segment.total() < 2 || segment.sequence() < 1
                || segment.sequence() > segment.total()) {
            return null;
        }
        return segment;
    }

    private static Segment fromUdh(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        int udhLength = payload[0] & 0xff;
        if (1 + udhLength > payload.length) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(payload, 1 + udhLength, payload.length);
        int i = 1;
        while (i + 1 < 1 + udhLength) {
            int iei = payload[i] & 0xff;
            int length = payload[i + 1] & 0xff;
            int data = i + 2;
            if (data + length > 1 + udhLength) {
                return null;
            }
            if (iei == 0x00 && length == 3) {
                return new Segment(payload[data] & 0xff, payload[data + 1] & 0xff, payload[data + 2] & 0xff, body);
            }
            if (iei == 0x08 && length == 4) {
                int reference = ((payload[data] & 0xff) << 8) | (payload[data + 1] & 0xff);
                return new Segment(reference, payload[data + 2] & 0xff, payload[data + 3] & 0xff, body);
            }
            i = data + length;
        }
        return null;
    }

    /** The text of a part that is no segment: without its UDH, when it has one. */
    private static byte[] body(ReceivedPart part) {
        byte[] payload = part.payload();
        if (part.hasUdh() && payload.length > 0) {
            int udhLength = payload[0] & 0xff;
            if (1 + udhLength <= payload.length) {
                return Arrays.copyOfRange(payload, 1 + udhLength, payload.length);
            }
        }
        return payload;
    }
}
