package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSession;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import io.cxmyd.gateway.journal.Journal;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One bound session of a netty echo: answers each query ({@code submit_sm} for {@link NettyEcho},
 * {@code deliver_sm} for {@link NettyEsmeEcho}) ROK at once and sends the reply's parts ({@link EchoReplies}, the
 * other PDU) on the same session. No thread per PDU: the response and the parts are written from the session's
 * netty I/O thread and the parts ride the session's window (their responses complete them on that thread); only
 * a reply that finds the window too full to take all its parts is handed to the overflow thread, which waits for
 * room.
 */
final class EchoLink extends DefaultSmppSessionHandler {

    /** An echo's counters over all its sessions, and its CPU while it has traffic. */
    static final class Counters {
        final LongAdder queries = new LongAdder();
        final LongAdder parts = new LongAdder();
        final LongAdder partResps = new LongAdder();
        final LongAdder partErrors = new LongAdder();
        final LongAdder overflowed = new LongAdder();
        final LongAdder queuedWrites = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicLong ids = new AtomicLong();
        private final long startNanos = System.nanoTime();
        private volatile long[] busyFrom;
        private volatile long[] busyTo;
        private final Thread sampler = NettyEcho.daemon("echo-cpu").newThread(this::sample);

        void start() {
            sampler.start();
        }

        void stop() {
            sampler.interrupt();
        }

        /** Counters and CPU: this JVM's, over its life and from the first query to the last PDU handled. */
        String summary(String title, String query, String reply) {
            double cpuAll = NettyEcho.cpuNanos() / 1e9;
            double wall = (System.nanoTime() - startNanos) / 1e9;
            StringBuilder s = new StringBuilder("== " + title + " ==\n");
            s.append(String.format("%s %d, %s %d, %s_resp %d (not ROK %d), failed %d,"
                            + " replies through the overflow thread %d, writes left queued by netty %d%n",
                    query, queries.sum(), reply, parts.sum(), reply, partResps.sum(), partErrors.sum(), failed.sum(),
                    overflowed.sum(), queuedWrites.sum()));
            long[] from = busyFrom;
            long[] to = busyTo;
            if (from != null && to[0] > from[0]) {
                double busy = (to[0] - from[0]) / 1e9;
                double cpu = (to[1] - from[1]) / 1e9;
                s.append(String.format("echo CPU: %.2f cores while it had traffic (%.1f s CPU in %.1f s, sampled"
                        + " every 200 ms); %.1f s CPU in %.1f s since start%n", cpu / busy, cpu, busy, cpuAll, wall));
            } else {
                s.append(String.format("echo CPU: %.1f s in %.1f s since start (no traffic)%n", cpuAll, wall));
            }
            return s.toString();
        }

        /**
         * Samples this JVM's CPU time every 200 ms while queries come in: the first and last sample with traffic
         * bound the busy period (a CPU-time read per PDU would cost more than the echo's own work).
         */
        private void sample() {
            long seen = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long n = queries.sum() + partResps.sum();
                if (n != seen) {
                    long now = System.nanoTime();
                    long cpu = NettyEcho.cpuNanos();
                    if (seen == 0) {
                        busyFrom = new long[] {now, cpu};
                    }
                    busyTo = new long[] {now, cpu};
                    seen = n;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Set at once by a server, or by {@link #attach} once the client's bind returned. */
    private volatile SmppSession session;
    private final CountDownLatch attached = new CountDownLatch(1);
    private final Class<? extends BaseSm<?>> queryType;
    private final Supplier<? extends BaseSm<?>> replyType;
    private final EchoReplies replies;
    private final Counters counters;
    private final Executor overflow;
    /** Replies of this session handed to the overflow thread and not yet all offered to the window. */
    private final AtomicInteger overflowing = new AtomicInteger();
    /** With a journal: answers whose record is durable, waiting for this session's I/O thread. */
    private final ConcurrentLinkedQueue<Runnable> durable = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /**
     * The handler of {@code session}; {@code null} for a client's session, whose handler is needed for the bind
     * that makes the session: then {@link #attach} it when the bind returns.
     */
    EchoLink(SmppSession session, Class<? extends BaseSm<?>> queryType, Supplier<? extends BaseSm<?>> replyType,
             EchoReplies replies, Counters counters, Executor overflow) {
        if (session != null) {
            attach(session);
        }
        this.queryType = queryType;
        this.replyType = replyType;
        this.replies = replies;
        this.counters = counters;
        this.overflow = overflow;
    }

    void attach(SmppSession s) {
        session = s;
        attached.countDown();
    }

    /**
     * The session; a query that came right behind the client's bind_resp (on the I/O thread that completed the
     * bind) waits the moment the binding thread takes to attach it.
     */
    private SmppSession session() {
        SmppSession s = session;
        if (s != null) {
            return s;
        }
        try {
            if (!attached.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no session attached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the session");
        }
        return session;
    }

    @Override
    public PduResponse firePduRequestReceived(PduRequest request) {
        if (queryType.isInstance(request)) {
            onQuery((BaseSm<?>) request);
            return null; // answered in onQuery, ahead of the parts
        }
        return request.createResponse();
    }

    @Override
    public void fireExpectedPduResponseReceived(PduAsyncResponse response) {
        counters.partResps.increment();
        if (response.getResponse().getCommandStatus() != SmppConstants.STATUS_OK) {
            counters.partErrors.increment();
        }
    }

    @Override
    public void firePduRequestExpired(PduRequest request) {
        counters.failed.increment();
    }

    private void onQuery(BaseSm<?> query) {
        counters.queries.increment();
        Journal journal = replies.journal();
        if (journal == null) {
            answer(query);
            return;
        }
        // Durable accept as the gateway does it: the record on the disk first (the journal's writer gathers and
        // fsyncs), then the response, the work and the parts, back on this session's I/O thread.
        // A record the journal could not write is counted as failed and not answered (the gateway would refuse it).
        Journal.Appended appended = journal.append(new InboundMessage("china-mobile", address(query.getSourceAddress()),
                address(query.getDestAddress()), query.getEsmClass(), query.getDataCoding(), query.getShortMessage(),
                false, Instant.now()));
        appended.durable().whenComplete((v, e) -> {
            if (e != null) {
                counters.failed.increment();
                return;
            }
            onIoThread(() -> {
                answer(query);
                journal.done(appended.id());
            });
        });
    }

    /**
     * Runs {@code task} on the session's I/O thread, one hand-off for all the answers a commit made durable
     * (not one a query), as a netty transport of the gateway would.
     */
    private void onIoThread(Runnable task) {
        durable.add(task);
        if (drainScheduled.compareAndSet(false, true)) {
            ((DefaultSmppSession) session()).getChannel().getPipeline().execute(() -> {
                drainScheduled.set(false);
                Runnable r;
                while ((r = durable.poll()) != null) {
                    r.run();
                }
            });
        }
    }

    private static SmppAddress address(Address a) {
        return new SmppAddress(a.getTon(), a.getNpi(), a.getAddress());
    }

    private void answer(BaseSm<?> query) {
        SmppSession session = session();
        PduResponse resp = query.createResponse();
        if (resp instanceof SubmitSmResp r) {
            r.setMessageId(Long.toHexString(counters.ids.incrementAndGet()));
        }
        BaseSm<?>[] parts;
        try {
            parts = replies.reply(query, replyType);
        } catch (Exception e) {
            counters.failed.increment();
            return;
        }
        // The response first, from this (the I/O) thread: the parts below cannot overtake it.
        write(() -> session.sendResponsePdu(resp));
        // Only this I/O thread and the overflow thread offer to this session's window, and the overflow thread
        // only while overflowing > 0, which only this thread raises: with none overflowing, the room seen here
        // stays (the parts' responses, which free it, are read on this thread too), and the offers below never
        // wait on the I/O thread.
        if (overflowing.get() == 0 && session.getSendWindow().getFreeSize() >= parts.length) {
            for (BaseSm<?> d : parts) {
                send(session, d);
            }
        } else {
            counters.overflowed.increment();
            overflowing.incrementAndGet();
            overflow.execute(() -> {
                try {
                    for (BaseSm<?> d : parts) {
                        send(session, d);
                    }
                } finally {
                    overflowing.decrementAndGet();
                }
            });
        }
    }

    private void send(SmppSession session, BaseSm<?> part) {
        write(() -> session.sendRequestPdu(part, OutsideRun.EXPIRY_MS, false));
        counters.parts.increment();
    }

    @FunctionalInterface
    private interface Write {
        void run() throws Exception;
    }

    /**
     * Cloudhopper (netty 3) waits for each write to complete. On the I/O thread a write completes at once unless
     * the socket's buffer is full; then netty refuses the wait (IllegalStateException) but the PDU stays queued
     * and goes out when the peer reads: counted, not lost.
     */
    private void write(Write w) {
        try {
            w.run();
        } catch (IllegalStateException e) {
            counters.queuedWrites.increment();
        } catch (Exception e) {
            counters.failed.increment();
        }
    }
}
