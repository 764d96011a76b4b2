package io.cxmyd.gateway.smpp.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts deliver_sm parts per reply until the last one is in, as the load tool needs it: a UDH with IEI 0x00
 * or 0x08, SAR TLVs, or one part holding the whole text. Unlike the client's reassembler it keeps nothing
 * once a reply is complete, so a long run does not grow. Pure and not thread-safe.
 */
public final class PartCollector {

    /** A reply whose last part arrived: its bytes in order, and how many parts carried them. */
    public record Complete(String destination, byte dataCoding, byte[] body, int parts) {
    }

    private record Key(String destination, int reference, int total) {
    }

    private final Map<Key, byte[][]> pending = new HashMap<>();

    /**
     * @param sar {reference, total, sequence} from the SAR TLVs, or {@code null}
     * @return the reply this part completes, or {@code null}
     */
    public Complete add(String destination, byte esmClass, byte dataCoding, byte[] payload, int[] sar) {
        int reference;
        int total;
        int sequence;
        byte[] body;
        boolean udh = (esmClass & 0x40) != 0 && payload.length > 0;
        int[] fromUdh = udh ? fromUdh(payload) : null;
        if (fromUdh != null) {
            reference = fromUdh[0];
            total = fromUdh[1];
            sequence = fromUdh[2];
            body = Arrays.copyOfRange(payload, 1 + (payload[0] & 0xff), payload.length);
        } else if (sar != null) {
            reference = sar[0];
            total = sar[1];
            sequence = sar[2];
            body = payload;
        } else {
            body = udh && 1 + (payload[0] & 0xff) <= payload.length
                    ? Arrays.copyOfRange(payload, 1 + (payload[0] & 0xff), payload.length) : payload;
            return new Complete(destination, dataCoding, body, 1);
        }
        if (total < 2 || sequence < 1 || sequence > total) {
            return new Complete(destination, dataCoding, body, 1);
        }
        Key key = new Key(destination, reference, total);
        byte[][] bodies = pending.computeIfAbsent(key, k -> new byte[total][]);
        bodies[sequence - 1] = body;
        for (byte[] b : bodies) {
            if (b == null) {
                return null;
            }
        }
        pending.remove(key);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] b : bodies) {
            whole.writeBytes(b);
        }
        return new Complete(destination, dataCoding, whole.toByteArray(), total);
    }

    /** Replies with some parts in and some still missing. */
    public int incomplete() {
        return pending.size();
    }

    /** {reference, total, sequence} of a concatenation IE, or {@code null}. */
    private static int[] fromUdh(byte[] payload) {
        int udhLength = payload[0] & 0xff;
        if (1 + udhLength > payload.length) {
            return null;
        }
        int i = 1;
        while (i + 1 < 1 + udhLength) {
            int iei = payload[i] & 0xff;
            int length = payload[i + 1] & 0xff;
            int data = i + 2;
            if (data + length > 1 + udhLength) {
                return null;
            }
            if (iei == 0x00 && length == 3) {
                return new int[] {payload[data] & 0xff, payload[data + 1] & 0xff, payload[data + 2] & 0xff};
            }
            if (iei == 0x08 && length == 4) {
                return new int[] {((payload[data] & 0xff) << 8) | (payload[data + 1] & 0xff),
                        payload[data + 2] & 0xff, payload[data + 3] & 0xff};
            }
            i = data + length;
        }
        return null;
    }
}
