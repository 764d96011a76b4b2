package io.cxmyd.gateway.load;

import io.cxmyd.gateway.smpp.client.LoadSession;
import io.cxmyd.gateway.smpp.client.PartCollector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one load against one SMPP server: binds the sessions, sends from sender threads on a fixed schedule
 * or within a window, matches every complete reply to its query, and times it.
 *
 * <p>At a fixed rate, query {@code i} of a session is due at {@code start + i * period}, and its latency is
 * measured from that due time, not from when a sender thread got round to it: a stall in the server (or in
 * the tool) then shows in the figures instead of silently lowering the rate (coordinated omission).
 */
final class LoadRun {

    /** One bind: who to bind as and where its queries go. */
    record Carrier(String systemId, String password, String serviceNumber, ReplyCheck check) {
    }

    /** What a correct reply to {@code from} looks like; {@code null} when it is one. */
    @FunctionalInterface
    interface ReplyCheck {
        String problem(String from, String text);
    }

    /** One session of the tool towards the gateway: a bind into it (server mode) or an SMSC it binds to (ESME mode). */
    interface Link extends AutoCloseable {
        LoadSession.Outcome submit(String from, String to, byte dataCoding, byte[] text);

        int incompleteReplies();

        @Override
        void close();
    }

    /** Opens session {@code c}'s link; complete replies go to {@code listener}. */
    @FunctionalInterface
    interface Binder {
        Link bind(Carrier c, LoadSession.Listener listener) throws IOException;
    }

    private final Binder binder;
    private final List<Carrier> carriers;
    private final LoadOptions options;
    private final Numbers numbers;
    private final boolean watchHeap;

    /** @param watchHeap sample this JVM's heap (the gateway runs in it) */
    LoadRun(String host, int port, List<Carrier> carriers, LoadOptions options, Numbers numbers,
            boolean watchHeap) {
        this(sessionBinder(host, port), carriers, options, numbers, watchHeap);
    }

    /**
     * Binds into the gateway. One collector per carrier: the gateway spreads a reply's parts over the carrier's
     * binds in turn, so with more than one session per carrier the parts of one reply arrive on different
     * sessions; the shared collector's incomplete replies are counted once, on the carrier's first link.
     */
    private static Binder sessionBinder(String host, int port) {
        Map<Carrier, PartCollector> collectors = new ConcurrentHashMap<>();
        return (c, listener) -> {
            boolean first = !collectors.containsKey(c);
            PartCollector collector = collectors.computeIfAbsent(c, k -> new PartCollector());
            return sessionLink(LoadSession.bind(host, port, c.systemId(), c.password(), 4, Duration.ofSeconds(10),
                    listener, collector), first);
        };
    }

    /** The same over links that {@code binder} opens (ESME mode: the tool plays the carriers' SMSCs). */
    LoadRun(Binder binder, List<Carrier> carriers, LoadOptions options, Numbers numbers, boolean watchHeap) {
        this.binder = binder;
        this.carriers = List.copyOf(carriers);
        this.options = options;
        this.numbers = numbers;
        this.watchHeap = watchHeap;
    }

    Figures run() throws IOException, InterruptedException {
        Figures figures = new Figures();
        InFlight inFlight = new InFlight();
        int sessions = options.sessions();
        List<Link> binds = new ArrayList<>();
        Semaphore[] windows = new Semaphore[sessions];
        long[] clock = new long[3]; // start, end of warm-up, end
        try {
            for (int s = 0; s < sessions; s++) {
                Carrier c = carriers.get(s % carriers.size());
                Semaphore window = options.fixedRate() ? null : new Semaphore(options.window());
                windows[s] = window;
                binds.add(binder.bind(c, (reply, now) -> onReply(reply, now, c, inFlight, figures, clock)));
            }
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            clock[0] = start;
            clock[1] = start + options.warmup().toNanos();
            clock[2] = clock[1] + options.duration().toNanos();
            HeapWatch heap = watchHeap ? HeapWatch.start() : null;
            double cpuBefore = processCpuSeconds();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                Link bind = binds.get(s);
                Carrier c = carriers.get(s % carriers.size());
                AtomicLong next = new AtomicLong();
                Semaphore window = windows[s];
                for (int t = 0; t < options.senders(); t++) {
                    Thread thread = new Thread(() -> sendLoop(bind, c, next, window, inFlight, figures, clock),
                            "load-" + s + "-" + t);
                    thread.setDaemon(true);
                    threads.add(thread);
                    thread.start();
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            figures.seconds = options.duration().toNanos() / 1e9;
            long drainEnd = System.nanoTime() + options.drain().toNanos();
            while (inFlight.waitingMeasured() > 0 && System.nanoTime() < drainEnd) {
                Thread.sleep(20);
            }
            double cpu = processCpuSeconds() - cpuBefore;
            figures.processCpu = cpu < 0 ? -1 : cpu / ((System.nanoTime() - start) / 1e9);
            figures.missing = inFlight.waitingMeasured();
            figures.incomplete = binds.stream().mapToLong(Link::incompleteReplies).sum();
            if (heap != null) {
                figures.maxHeapUsed = heap.stop();
            }
            return figures;
        } finally {
            binds.forEach(Link::close);
        }
    }

    private static Link sessionLink(LoadSession session, boolean countsIncomplete) {
        return new Link() {
            @Override
            public LoadSession.Outcome submit(String from, String to, byte dataCoding, byte[] text) {
                return session.submit(from, to, dataCoding, text);
            }

            @Override
            public int incompleteReplies() {
                return countsIncomplete ? session.incompleteReplies() : 0;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    private void sendLoop(Link bind, Carrier c, AtomicLong next, Semaphore window, InFlight inFlight,
            Figures figures, long[] clock) {
        long period = options.fixedRate() ? Math.round(1e9 * options.sessions() / options.rate()) : 0;
        byte[] text = options.text().getBytes(isAscii(options.text()) ? StandardCharsets.US_ASCII
                : StandardCharsets.UTF_16BE);
        byte coding = (byte) (isAscii(options.text()) ? 0 : 8);
        while (true) {
            long i = next.getAndIncrement();
            long due;
            if (period > 0) {
                due = clock[0] + i * period;
                if (due >= clock[2]) {
                    return;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            } else {
                try {
                    if (!window.tryAcquire(clock[2] - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                due = Math.max(System.nanoTime(), clock[0]);
                if (due >= clock[2]) {
                    window.release();
                    return;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            boolean measured = due >= clock[1];
            String from = numbers.next();
            InFlight.Query q = new InFlight.Query(from, due, measured, measured && i % options.checkEvery() == 0,
                    window);
            inFlight.add(q);
            long sentAt = System.nanoTime();
            LoadSession.Outcome outcome = bind.submit(from, c.serviceNumber(), coding, text);
            if (measured) {
                figures.sent.increment();
                figures.submitResp.recordValue((System.nanoTime() - sentAt) / 1000);
                if (period > 0) {
                    figures.sendLag.recordValue(Math.max(0, sentAt - due) / 1000);
                }
            }
            if (outcome.accepted()) {
                if (measured) {
                    figures.accepted.increment();
                }
            } else {
                if (inFlight.remove(q) && window != null) {
                    window.release(); // else its reply came first and gave the place back
                }
                if (measured) {
                    figures.error(outcome.label());
                }
            }
        }
    }

    private static void onReply(PartCollector.Complete reply, long now, Carrier c, InFlight inFlight, Figures figures,
            long[] clock) {
        InFlight.Query q = inFlight.answered(reply.destination());
        if (q == null) {
            figures.unmatched.increment();
            return;
        }
        if (q.window() != null) {
            q.window().release();
        }
        if (now >= clock[1] && now < clock[2]) {
            figures.repliedInWindow.increment();
        }
        if (!q.measured()) {
            return;
        }
        figures.replied.increment();
        figures.parts.add(reply.parts());
        figures.latency.recordValue(Math.max(0, now - q.startNanos()) / 1000);
        if (q.checked()) {
            figures.checked.increment();
            String text = new String(reply.body(),
                    reply.dataCoding() == 8 ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
            figures.sample(text);
            String problem = c.check().problem(q.from(), text);
            if (problem != null) {
                figures.checkFailures.increment();
                if (figures.firstCheckFailure == null) {
                    figures.firstCheckFailure = problem;
                }
            }
        }
    }


    private static boolean isAscii(String s) {
        return s.chars().allMatch(ch -> ch < 0x80);
    }

    /** CPU seconds of this whole process (tool, and gateway when in-process), or -1 when unknown. */
    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    /** The highest heap use seen, sampled every 50 ms: the gateway's when it runs in this JVM. */
    static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final Thread thread;
        private volatile boolean stop;
        private volatile long max;

        private HeapWatch() {
            thread = new Thread(() -> {
                while (!stop) {
                    max = Math.max(max, memory.getHeapMemoryUsage().getUsed());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }, "load-heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            w.thread.start();
            return w;
        }

        long stop() throws InterruptedException {
            stop = true;
            thread.join();
            return max;
        }
    }
}
