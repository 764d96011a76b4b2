package io.cxmyd.gateway.query;

import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.sms.ReplyComposer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How replies are written for one carrier: its composer (templates, at most N parts), signature,
 * concatenation mode, and its concatenation reference counter (8-bit UDH reference, so it wraps at 256:
 * a handset only needs it to differ between messages from one sender that overlap in time).
 */
public final class CarrierProfile {

    private final String id;
    private final String signature;
    private final Concatenation concatenation;
    private final ReplyComposer composer;
    private final AtomicInteger reference = new AtomicInteger();

    public CarrierProfile(String id, String signature, Concatenation concatenation, ReplyComposer composer) {
        this.id = id;
        this.signature = signature;
        this.concatenation = concatenation;
        this.composer = composer;
    }

    public String id() {
        return id;
    }

    public String signature() {
        return signature;
    }

    public Concatenation concatenation() {
        return concatenation;
    }

    public ReplyComposer composer() {
        return composer;
    }

    int nextReference() {
        return reference.incrementAndGet() & 0xFF;
    }
}
