package io.cxmyd.itinerary.source.local;

/**
 * Subscriber number → row index, as an open-addressing hash table over one primitive array: a
 * {@code HashMap<Long, Integer>} would cost about 80 bytes and three objects per subscriber, this costs
 * 16 bytes at a load factor of one half. Each slot packs the number (below 2^35: 11 digits) and the row
 * (below 2^29) into one {@code long}, so that a probe touches one cache line, not two: on a big dataset
 * every signaling row is a cache miss here, and that miss is the load's largest single cost. 0 marks a
 * free slot (no number is 0). Grows while built; not thread-safe while built; read-only and safe to share
 * afterwards.
 */
final class MsisdnIndex {

    private static final int ROW_BITS = 29;
    private static final long ROW_MASK = (1L << ROW_BITS) - 1;
    static final long MAX_KEY = 19_999_999_999L;

    private long[] slots;
    private int mask;
    private int size;

    MsisdnIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code key → value}; returns the value already held for the key, or -1 when it was new. */
    int putIfAbsent(long key, int value) {
        if (key <= 0 || key > MAX_KEY || value < 0 || value > ROW_MASK) {
            throw new IllegalArgumentException("key or row out of range: row " + value);
        }
        int slot = slot(key);
        long e;
        while ((e = slots[slot]) != 0) {
            if (e >>> ROW_BITS == key) {
                return (int) (e & ROW_MASK);
            }
            slot = (slot + 1) & mask;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
            slot = slot(key);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
        }
        slots[slot] = (key << ROW_BITS) | value;
        size++;
        return -1;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int slot = slot(key);
        long e;
        while ((e = slots[slot]) != 0) {
            if (e >>> ROW_BITS == key) {
                return (int) (e & ROW_MASK);
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long e : old) {
            if (e != 0) {
                int slot = slot(e >>> ROW_BITS);
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = e;
            }
        }
    }

    int size() {
        return size;
    }

    long heapBytes() {
        return slots.length * 8L;
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
