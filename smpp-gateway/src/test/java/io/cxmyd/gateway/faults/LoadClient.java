package io.cxmyd.gateway.faults;

import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMSC as the gateway sees it, under load: submits one query from each of {@code count} distinct
 * subscribers, sends again what was not acknowledged (a refusal, or a link that broke), reconnects while the
 * gateway is down, and counts per subscriber the acknowledged submits and the replies that came back.
 * Replies are counted before their deliver_sm is acknowledged, as an SMSC stores before it answers.
 */
final class LoadClient implements AutoCloseable {

    private final int port;
    private final ConcurrentLinkedQueue<String> toSend = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Subscribers whose query went out more than once (refused, or the link broke mid-submit). */
    private final Set<String> sentAgain = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> replies = new ConcurrentHashMap<>();
    private final Map<SmppStatus, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger linkFailures = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final Object linkLock = new Object();
    private volatile SmppClient link;
    private volatile boolean pauseDeliveries;
    private volatile boolean stopped;
    final int count;

    LoadClient(int port, int count) {
        this(port, count, 0);
    }

    /** Subscribers {@code first} to {@code first + count - 1}: clients of several gateways send distinct ones. */
    LoadClient(int port, int count, int first) {
        this.port = port;
        this.count = count;
        for (int i = first; i < first + count; i++) {
            toSend.add(subscriber(i));
        }
    }

    /** Mainland mobile numbers the demo dataset does not know: each gets the one-part "no data" reply. */
    static String subscriber(int i) {
        return "139%08d".formatted(i);
    }

    void start(int submitters) {
        for (int i = 0; i < submitters; i++) {
            threads.add(thread("submitter-" + i, this::submitLoop));
        }
        threads.add(thread("collector", this::collectLoop));
    }

    private Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, "load-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void submitLoop() {
        while (!stopped) {
            String from = toSend.poll();
            if (from == null) {
                return;
            }
            SmppClient c = link();
            if (c == null) {
                toSend.add(from);
                continue;
            }
            try {
                SmppStatus status = c.submit(from, "10086", "CXMYD");
                if (status == SmppStatus.ESME_ROK) {
                    acknowledged.add(from);
                } else {
                    refusals.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    sentAgain.add(from);
                    toSend.add(from);
                    pause(20);
                }
            } catch (SmppClientException | RuntimeException e) {
                // The gateway went away mid-submit: not acknowledged, so it is ours to send again.
                sentAgain.add(from);
                toSend.add(from);
                broken(c);
            }
        }
    }

    private void collectLoop() {
        while (!stopped) {
            SmppClient c = link();
            if (c == null) {
                continue;
            }
            try {
                c.awaitReply(Duration.ofMillis(100)).ifPresent(this::count);
            } catch (InterruptedException e) {
                return;
            }
            if (!c.isBound()) {
                broken(c);
            }
        }
    }

    private void count(ReceivedReply r) {
        replies.computeIfAbsent(r.destination().address(), a -> new AtomicInteger()).incrementAndGet();
    }

    /** The current link, binding a new one when there is none; null while the gateway cannot be reached. */
    private SmppClient link() {
        SmppClient c = link;
        if (c != null) {
            return c;
        }
        synchronized (linkLock) {
            if (link != null) {
                return link;
            }
            try {
                SmppClient fresh = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", port, "cmcc", "cm-pass1")
                        .withTimeout(Duration.ofSeconds(3)));
                fresh.answerDeliveries(i -> pauseDeliveries ? SmppStatus.ESME_RTHROTTLED : SmppStatus.ESME_ROK);
                link = fresh;
                return fresh;
            } catch (SmppClientException e) {
                pause(100);
                return null;
            }
        }
    }

    private void broken(SmppClient c) {
        synchronized (linkLock) {
            if (link != c) {
                return;
            }
            link = null;
            linkFailures.incrementAndGet();
        }
        c.close();
        drain(c);
    }

    private void drain(SmppClient c) {
        try {
            for (Optional<ReceivedReply> r; (r = c.awaitReply(Duration.ZERO)).isPresent(); ) {
                count(r.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** While true, deliver_sm is answered ESME_RTHROTTLED (and the reply dropped), so replies stay pending. */
    void pauseDeliveries(boolean pause) {
        this.pauseDeliveries = pause;
    }

    int acknowledged() {
        return acknowledged.size();
    }

    boolean allAcknowledged() {
        return acknowledged.size() == count;
    }

    /** Acknowledged subscribers without any reply yet. */
    List<String> lost() {
        return acknowledged.stream().filter(s -> !replies.containsKey(s)).sorted().toList();
    }

    /** The subscribers whose query was acknowledged. */
    /** Subscribers whose query this client sent more than once. */
    Set<String> sentAgain() {
        return Set.copyOf(sentAgain);
    }

    Set<String> acknowledgedSubscribers() {
        return Set.copyOf(acknowledged);
    }

    /** The subscribers with at least one reply on this client's links, and how many each. */
    Map<String, Integer> repliesPerSubscriber() {
        Map<String, Integer> m = new java.util.HashMap<>();
        replies.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    int replied() {
        return replies.size();
    }

    /** Replies beyond the first, summed over subscribers. */
    int duplicates() {
        return replies.values().stream().mapToInt(n -> n.get() - 1).sum();
    }

    int refusals(SmppStatus status) {
        AtomicInteger n = refusals.get(status);
        return n == null ? 0 : n.get();
    }

    Map<SmppStatus, AtomicInteger> refusals() {
        return refusals;
    }

    int linkFailures() {
        return linkFailures.get();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SmppClient c = link;
        if (c != null) {
            c.close();
            drain(c);
        }
    }
}
