package io.cxmyd.gateway.smpp.esme;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The submit_sm the carrier accepted, by the message id of its submit_sm_resp, until their receipt arrives.
 *
 * <p>Carrier quirk: many SMSCs answer submit_sm_resp with the id in hex and write it in decimal in the receipt
 * (or the other way round), some pad it with leading zeros in one place only, some change its case. An id is
 * therefore filed under every number it can be read as (hex; decimal when it has only digits) as well as its
 * text without leading zeros, and a receipt is looked up the same way. Ids of random 64-bit values make a
 * false match between two messages in the ledger negligible.
 *
 * <p>A receipt may overtake the submit_sm_resp it reports on: with {@code bind: pair} it comes on the receiver
 * while the transmitter's response is still being read, and fast SMSCs send it at once. A receipt that matches
 * nothing is therefore held for {@link #HOLD} ({@link #hold}); the id filed within that time takes it
 * ({@link #sent} returns its state), and one held longer counts as unmatched ({@link #takeExpiredHolds}).
 *
 * <p>Bounded in count and age (a receipt never arrives for some messages); time comes from the given clock.
 * Thread-safe.
 */
public final class ReceiptLedger {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

    /** What was sent: the carrier, and when (nanos of the ledger's clock). */
    public record Sent(String carrierId, long sentAtNanos) {
    }

    private record Entry(Sent sent, List<String> keys, long filedAt) {
    }

    private record Held(ReceiptState state, List<String> keys, long heldAt) {
    }

    /** How long a receipt that matched nothing waits for its submit_sm_resp to be filed. */
    static final Duration HOLD = Duration.ofSeconds(60);
    private static final int MAX_HELD = 10_000;

    private final int capacity;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<Entry, Boolean> order = new LinkedHashMap<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final LinkedHashMap<Held, Boolean> held = new LinkedHashMap<>();
    private final Map<String, Held> heldByKey = new HashMap<>();
    private int expiredHolds;

    public ReceiptLedger(int capacity, Duration maxAge, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Files a submit_sm the SMSC accepted with {@code messageId}.
     *
     * @return the state of a receipt for it that arrived first (it is then done: a final state is not filed)
     */
    public synchronized Optional<ReceiptState> sent(String messageId, Sent sent) {
        long now = nanoClock.getAsLong();
        expireHolds(now);
        List<String> ids = keys(messageId);
        for (String k : ids) {
            Held h = heldByKey.get(k);
            if (h != null) {
                forgetHeld(h);
                if (h.state.isFinal()) {
                    return Optional.of(h.state);
                }
                file(ids, sent, now);
                return Optional.of(h.state);
            }
        }
        file(ids, sent, now);
        return Optional.empty();
    }

    /**
     * A receipt as it arrives: the submit_sm it reports on ({@link #receipt}), or, when none is filed yet, held
     * ({@link #hold}) for its submit_sm_resp still on its way. One step under the ledger's lock: as two calls, a
     * response filed between the miss and the hold (another bind's reader) found no hold, and the receipt then
     * expired unmatched.
     */
    public synchronized Optional<Sent> receiptOrHold(String messageId, ReceiptState state) {
        Optional<Sent> sent = receipt(messageId, state);
        if (sent.isEmpty()) {
            hold(messageId, state);
        }
        return sent;
    }

    /** A receipt that matched nothing: held for {@link #HOLD} in case its submit_sm_resp is still on its way. */
    public synchronized void hold(String messageId, ReceiptState state) {
        long now = nanoClock.getAsLong();
        expireHolds(now);
        Held h = new Held(state, keys(messageId), now);
        h.keys.forEach(k -> heldByKey.put(k, h));
        held.put(h, Boolean.TRUE);
    }

    /** Receipts held longer than {@link #HOLD} (or beyond the bound) since the last call: unmatched for good. */
    public synchronized int takeExpiredHolds() {
        expireHolds(nanoClock.getAsLong());
        int n = expiredHolds;
        expiredHolds = 0;
        return n;
    }

    private void expireHolds(long now) {
        Iterator<Held> it = held.keySet().iterator();
        while (it.hasNext()) {
            Held h = it.next();
            if (held.size() <= MAX_HELD && now - h.heldAt < HOLD.toNanos()) {
                break;
            }
            it.remove();
            h.keys.forEach(k -> heldByKey.remove(k, h));
            expiredHolds++;
        }
    }

    private void forgetHeld(Held h) {
        held.remove(h);
        h.keys.forEach(k -> heldByKey.remove(k, h));
    }

    private void file(List<String> ids, Sent sent, long now) {
        Entry e = new Entry(sent, ids, now);
        for (String k : e.keys) {
            Entry old = byKey.put(k, e);
            if (old != null && old != e) {
                forget(old);
                byKey.put(k, e);
            }
        }
        order.put(e, Boolean.TRUE);
        evict(now);
    }

    /**
     * The submit_sm a receipt reports on, or empty. A final state takes it out of the ledger; an intermediate
     * one (ENROUTE, ACCEPTED) leaves it there for the final receipt.
     */
    public synchronized Optional<Sent> receipt(String messageId, ReceiptState state) {
        evict(nanoClock.getAsLong());
        for (String k : keys(messageId)) {
            Entry e = byKey.get(k);
            if (e != null) {
                if (state.isFinal()) {
                    forget(e);
                }
                return Optional.of(e.sent);
            }
        }
        return Optional.empty();
    }

    public synchronized int size() {
        return order.size();
    }

    private void evict(long now) {
        Iterator<Entry> it = order.keySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (order.size() <= capacity && now - e.filedAt < maxAgeNanos) {
                break;
            }
            it.remove();
            e.keys.forEach(k -> byKey.remove(k, e));
        }
    }

    private void forget(Entry e) {
        order.remove(e);
        e.keys.forEach(k -> byKey.remove(k, e));
    }

    /** The keys an id is filed and looked up under: its text, and each number it may be read as. */
    static List<String> keys(String messageId) {
        String id = messageId.strip().toLowerCase(Locale.ROOT);
        List<String> keys = new ArrayList<>(3);
        String trimmed = id.replaceFirst("^0+(?=.)", "");
        keys.add("t:" + trimmed);
        if (HEX.matcher(id).matches() && id.length() <= 32) {
            keys.add("n:" + new BigInteger(id, 16));
        }
        if (DECIMAL.matcher(id).matches() && id.length() <= 40) {
            String n = "n:" + new BigInteger(id, 10);
            if (!keys.contains(n)) {
                keys.add(n);
            }
        }
        return List.copyOf(keys);
    }
}
