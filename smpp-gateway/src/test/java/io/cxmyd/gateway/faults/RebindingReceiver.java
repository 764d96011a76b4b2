package io.cxmyd.gateway.faults;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A healthy carrier's receiver side as a real SMSC runs it: when the gateway drops its bind, it binds again.
 * Tests with a short {@code responseTimeout} need it: on a loaded machine one late enquire_link_resp, or three
 * late deliver_sm_resp in a row, make the gateway drop a healthy bind too (as it should), and the replies then
 * wait for the next bind. The replies of every bind it held come out of one queue, in arrival order.
 */
final class RebindingReceiver implements AutoCloseable {

    private final Gateway gateway;
    private final BlockingQueue<ReceivedReply> replies = new LinkedBlockingQueue<>();
    private final AtomicInteger rebinds = new AtomicInteger();
    private final Thread pump;
    private volatile SmppClient current;
    private volatile boolean closed;

    private RebindingReceiver(Gateway gateway, SmppClient first) {
        this.gateway = gateway;
        this.current = first;
        this.pump = new Thread(this::pump, "rebinding-receiver");
        this.pump.setDaemon(true);
    }

    static RebindingReceiver bind(Gateway gateway) throws Exception {
        RebindingReceiver r = new RebindingReceiver(gateway, FaultGateway.bind(gateway, BindMode.RECEIVER));
        r.pump.start();
        return r;
    }

    /** The next complete reply on any of its binds, waiting up to {@code timeout}. */
    Optional<ReceivedReply> awaitReply(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** How many times the gateway dropped its bind and it bound again. */
    int rebinds() {
        return rebinds.get();
    }

    private void pump() {
        while (!closed) {
            try {
                SmppClient c = current;
                c.awaitReply(Duration.ofMillis(50)).ifPresent(replies::add);
                if (!c.isBound() && !closed) {
                    for (Optional<ReceivedReply> r = c.awaitReply(Duration.ZERO); r.isPresent();
                            r = c.awaitReply(Duration.ZERO)) {
                        replies.add(r.get());
                    }
                    c.close();
                    current = FaultGateway.bind(gateway, BindMode.RECEIVER);
                    rebinds.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // The gateway refused or the connect failed (a loaded machine): try again on the next round.
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        pump.interrupt();
        pump.join(5000);
        current.close();
    }
}
