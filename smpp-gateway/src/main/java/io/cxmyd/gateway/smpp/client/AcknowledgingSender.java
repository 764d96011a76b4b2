package io.cxmyd.gateway.smpp.client;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

import org.jsmpp.DefaultPDUSender;
import org.jsmpp.util.DefaultComposer;

/**
 * jsmpp's PDU sender, counting the deliver_sm_resp it has written. jsmpp answers a deliver_sm only after our
 * listener returns, on its own thread: a client that unbinds as soon as the listener handed it the reply can
 * leave before the answer is on the wire, and the gateway then keeps that reply and sends it again forever
 * (and at every restart, from its journal). {@link #awaitAnswered} lets the client wait for it.
 */
final class AcknowledgingSender extends DefaultPDUSender {

    private final Object lock = new Object();
    private long accepted;
    private long answered;

    AcknowledgingSender() {
        super(new DefaultComposer());
    }

    /** Our listener accepted a deliver_sm: jsmpp is about to answer it with ESME_ROK. */
    void accepted() {
        synchronized (lock) {
            accepted++;
        }
    }

    @Override
    public byte[] sendDeliverSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId)
            throws IOException {
        try {
            return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
        } finally {
            synchronized (lock) {
                answered++;
                lock.notifyAll();
            }
        }
    }

    /** Waits until every accepted deliver_sm has its answer written, or {@code limit} passed; true when it has. */
    boolean awaitAnswered(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (answered < accepted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
