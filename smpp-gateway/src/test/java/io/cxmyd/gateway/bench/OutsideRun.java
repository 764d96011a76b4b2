package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseSm;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import io.cxmyd.gateway.bench.OutsideLoad.Bind;
import io.cxmyd.gateway.bench.OutsideLoad.Options;
import io.cxmyd.gateway.bench.OutsideLoad.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The query side of the outside load tools, whichever end of the link they play: {@link OutsideLoad} (the
 * carrier's SMSC binding to the gateway: queries as {@code submit_sm}, reply parts as {@code deliver_sm}) and
 * {@link OutsideSmscLoad} (the SMSC the gateway binds to in ESME mode: queries as {@code deliver_sm}, reply parts
 * as {@code submit_sm}). Given bound Cloudhopper sessions, it paces the queries (a window per session, or a fixed
 * rate), draws a number with no query in flight for each, collects the reply parts by destination on any session
 * ({@link ReplyPart}), answers each part ROK at once, records the latencies and builds the {@link Result}.
 */
final class OutsideRun {

    /** A bound session that queries go out on, as the carrier of {@code bind}. */
    record Link(SmppSession session, Bind bind) {
    }

    static final long EXPIRY_MS = 30_000;
    private static final byte[] KEYWORD = "CXMYD".getBytes(StandardCharsets.US_ASCII);

    /** One query: claimed a number's slot before it went out, freed by its last part or a refusal. */
    private static final class Query {
        final int slot;
        final long due;
        final boolean measured;
        final Semaphore window;
        volatile long sentNanos;
        volatile int total;
        final AtomicLong seenParts = new AtomicLong();
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger octets = new AtomicInteger();

        Query(int slot, long due, boolean measured, Semaphore window) {
            this.slot = slot;
            this.due = due;
            this.measured = measured;
            this.window = window;
        }
    }

    private final Options options;
    private final OutsideNumbers numbers;
    /** The tool plays the SMSC: queries are deliver_sm and replies submit_sm; else the other way round. */
    private final boolean smsc;
    private final AtomicReferenceArray<Query> slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Histogram latency = new ConcurrentHistogram(3);
    private final Histogram queryResp = new ConcurrentHistogram(3);
    private final Histogram sendLag = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder completedInWindow = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder inconsistent = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder noFreeNumber = new LongAdder();
    private final LongAdder replyOctets = new LongAdder();
    private final AtomicLongArray partsPerReply = new AtomicLongArray(256);
    private final AtomicLong messageIds = new AtomicLong();
    private volatile long warmEnd = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    OutsideRun(Options options, OutsideNumbers numbers, boolean smsc) {
        this.options = options;
        this.numbers = numbers;
        this.smsc = smsc;
        this.slots = new AtomicReferenceArray<>(numbers.size());
    }

    /** The name of the query's PDU ({@code submit_sm} or {@code deliver_sm}). */
    static String queryPdu(boolean smsc) {
        return smsc ? "deliver_sm" : "submit_sm";
    }

    /** The handler every session gets, before or after {@link #run}: reply parts may come on any of them. */
    DefaultSmppSessionHandler handler() {
        return new Handler();
    }

    /** Runs the warm-up and the measured window on {@code links}, then drains; the caller unbinds. */
    Result run(List<Link> links) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        warmEnd = start + options.warmup().toNanos();
        end = warmEnd + options.duration().toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < links.size(); s++) {
            Link link = links.get(s);
            Thread t = new Thread(options.rate() > 0 ? () -> sendAtRate(link, start, links.size())
                    : () -> sendInWindow(link, start), "load-send-" + s);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
        sleepUntil(warmEnd);
        long cpu0 = NettyEcho.cpuNanos();
        long server0 = serverTicks();
        long wall0 = System.nanoTime();
        sleepUntil(end);
        long cpu1 = NettyEcho.cpuNanos();
        long server1 = serverTicks();
        double wall = (System.nanoTime() - wall0) / 1e9;
        for (Thread t : senders) {
            t.join();
        }
        long drainEnd = System.nanoTime() + options.drain().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainEnd) {
            Thread.sleep(10);
        }
        long missing = 0;
        long incomplete = 0;
        for (int i = 0; i < slots.length(); i++) {
            Query q = slots.get(i);
            if (q != null) {
                if (q.parts.get() == 0) {
                    missing++;
                } else {
                    incomplete++;
                }
            }
        }
        Map<Integer, Long> parts = new TreeMap<>();
        long replies = 0;
        for (int p = 0; p < partsPerReply.length(); p++) {
            if (partsPerReply.get(p) > 0) {
                parts.put(p, partsPerReply.get(p));
                replies += partsPerReply.get(p);
            }
        }
        Map<String, Long> errs = new TreeMap<>();
        errors.forEach((k, v) -> errs.put(k, v.sum()));
        if (noFreeNumber.sum() > 0) {
            errs.put("no number free to send from (all in flight)", noFreeNumber.sum());
        }
        double seconds = options.duration().toNanos() / 1e9;
        return new Result(options.label(), queryPdu(smsc), seconds, sent.sum(), completedInWindow.sum(),
                completedInWindow.sum() / seconds, latency.copy(), queryResp.copy(), sendLag.copy(), errs,
                missing, incomplete, unmatched.sum(), duplicates.sum(), inconsistent.sum(), expired.sum(), parts,
                replies == 0 ? 0 : (double) replyOctets.sum() / replies,
                cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9 / wall,
                server0 < 0 || server1 < 0 ? -1 : (server1 - server0) / 100.0 / wall, numbers.size());
    }

    /** Window mode: W queries outstanding (sent, last part not in); sends as many as the window has room for. */
    private void sendInWindow(Link link, long start) {
        Semaphore window = new Semaphore(options.window());
        sleepUntil(start);
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0 || !window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
                int n = 1 + window.drainPermits();
                for (int k = 0; k < n; k++) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    if (!send(link, now, window)) {
                        window.release(n - k);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fixed rate: query i of this session is due at start + i * period; latency runs from that due time. */
    private void sendAtRate(Link link, long start, int sessions) {
        long period = Math.round(1e9 * sessions / options.rate());
        for (long i = 0; ; i++) {
            long due = start + i * period;
            if (due >= end) {
                return;
            }
            sleepUntil(due);
            while (!send(link, due, null)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (System.nanoTime() >= end) {
                    return;
                }
            }
        }
    }

    /** One query from a number with no query in flight; false when none was found. */
    private boolean send(Link link, long due, Semaphore window) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean measured = due >= warmEnd;
        Query q = null;
        for (int attempt = 0; attempt < 64 && q == null; attempt++) {
            int slot = random.nextInt(numbers.size());
            if (slots.get(slot) == null) {
                Query candidate = new Query(slot, due, measured, window);
                if (slots.compareAndSet(slot, null, candidate)) {
                    q = candidate;
                }
            }
        }
        if (q == null) {
            noFreeNumber.increment();
            return false;
        }
        inFlight.incrementAndGet();
        try {
            BaseSm<?> sm = smsc ? new DeliverSm() : new SubmitSm();
            sm.setSourceAddress(new Address((byte) 1, (byte) 1, numbers.text(q.slot)));
            sm.setDestAddress(new Address((byte) 0, (byte) 1, link.bind().serviceNumber()));
            sm.setRegisteredDelivery((byte) 0);
            sm.setDataCoding((byte) 0);
            sm.setShortMessage(KEYWORD);
            sm.setReferenceObject(q);
            q.sentNanos = System.nanoTime();
            if (measured) {
                sent.increment();
                if (window == null) {
                    sendLag.recordValue(Math.max(0, q.sentNanos - due) / 1000);
                }
            }
            link.session().sendRequestPdu(sm, EXPIRY_MS, false);
        } catch (Exception e) {
            error("send failed: " + e.getClass().getSimpleName());
            free(q);
        }
        return true;
    }

    private void error(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** Frees the query's number and window room; false when something else already did. */
    private boolean free(Query q) {
        if (!slots.compareAndSet(q.slot, q, null)) {
            return false;
        }
        inFlight.decrementAndGet();
        if (q.window != null) {
            q.window.release();
        }
        return true;
    }

    private void onPart(BaseSm<?> sm, long now) {
        String to = sm.getDestAddress() == null ? null : sm.getDestAddress().getAddress();
        int slot = numbers.indexOf(to);
        Query q = slot < 0 ? null : slots.get(slot);
        if (q == null) {
            unmatched.increment();
            return;
        }
        ReplyPart part = ReplyPart.of(sm);
        if (part.malformed()) {
            inconsistent.increment();
        }
        if (q.total == 0) {
            q.total = part.total();
        } else if (q.total != part.total()) {
            inconsistent.increment();
        }
        int seq = part.seq();
        if (seq >= 1 && seq <= 64) {
            long bit = 1L << (seq - 1);
            long seen;
            do {
                seen = q.seenParts.get();
                if ((seen & bit) != 0) {
                    duplicates.increment();
                    return;
                }
            } while (!q.seenParts.compareAndSet(seen, seen | bit));
        }
        q.octets.addAndGet(part.octets());
        if (q.parts.incrementAndGet() == q.total && free(q)) {
            if (now >= warmEnd && now < end) {
                completedInWindow.increment();
            }
            if (q.measured) {
                latency.recordValue(Math.max(0, now - q.due) / 1000);
                partsPerReply.incrementAndGet(Math.min(255, q.total));
                replyOctets.add(q.octets.get());
            }
        }
    }

    /** Every session's handler: parts may come on any of them. */
    private final class Handler extends DefaultSmppSessionHandler {
        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (smsc ? request instanceof SubmitSm : request instanceof DeliverSm) {
                onPart((BaseSm<?>) request, System.nanoTime());
            }
            PduResponse resp = request.createResponse(); // ROK, at once
            if (resp instanceof SubmitSmResp r) {
                r.setMessageId(Long.toHexString(messageIds.incrementAndGet()));
            }
            return resp;
        }

        @Override
        public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
            long now = System.nanoTime();
            if (!(response.getRequest().getReferenceObject() instanceof Query q)) {
                return;
            }
            if (q.measured) {
                queryResp.recordValue(Math.max(0, now - q.sentNanos) / 1000);
            }
            int status = response.getResponse().getCommandStatus();
            if (status != SmppConstants.STATUS_OK) {
                error(String.format("0x%08X", status));
                free(q); // refused: no reply will come
            }
        }

        @Override
        public void firePduRequestExpired(PduRequest request) {
            expired.increment();
        }

        @Override
        public void fireChannelUnexpectedlyClosed() {
            error("session closed by the peer");
        }
    }

    /** utime + stime of {@code --server-pid} in clock ticks (USER_HZ, 100), or -1. */
    private long serverTicks() {
        if (options.serverPid() <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(options.serverPid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
