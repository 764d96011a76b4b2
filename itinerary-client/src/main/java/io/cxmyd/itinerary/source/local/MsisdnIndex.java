package io.cxmyd.itinerary.source.local;

/**
 * Subscriber number → row index, as an open-addressing hash table over primitive arrays: a
 * {@code HashMap<Long, Integer>} would cost about 80 bytes and three objects per subscriber, this costs
 * 24 bytes at a load factor of one half. Keys are 11-digit numbers held as a {@code long} (never 0, which
 * marks a free slot). Grows while built; not thread-safe while built; read-only and safe to share afterwards.
 */
final class MsisdnIndex {

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    MsisdnIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code key → value}; returns the value already held for the key, or -1 when it was new. */
    int putIfAbsent(long key, int value) {
        int slot = slot(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
            slot = slot(key);
            while (keys[slot] != 0) {
                slot = (slot + 1) & mask;
            }
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
        return -1;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int slot = slot(key);
        long k;
        while ((k = keys[slot]) != 0) {
            if (k == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    int size() {
        return size;
    }

    long heapBytes() {
        return keys.length * 8L + values.length * 4L;
    }

    private int slot(long key) {
        // Consecutive numbers must not land in consecutive slots: mix all bits (murmur3's finalizer).
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    /** The number as a key, or -1 when the bytes are not an 11-digit mainland mobile number. */
    static long key(byte[] b, int from, int to) {
        if (to - from != 11 || b[from] != '1' || b[from + 1] < '3' || b[from + 1] > '9') {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** The key of a number in national form ({@link io.cxmyd.itinerary.Msisdn#digits()}). */
    static long key(String digits) {
        if (digits.length() != 11) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 11; i++) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
