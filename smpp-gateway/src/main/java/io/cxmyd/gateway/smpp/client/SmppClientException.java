package io.cxmyd.gateway.smpp.client;

import java.io.IOException;

import io.cxmyd.gateway.message.SmppStatus;

/** A bind or request that failed; {@link #status()} is the SMSC's answer when there was one. */
public final class SmppClientException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SmppStatus status;

    SmppClientException(String message, SmppStatus status, Throwable cause) {
        super(status == null ? message : message + ": " + status, cause);
        this.status = status;
    }

    /** The command_status the SMSC answered with, or {@code null} (timeout, I/O error). */
    public SmppStatus status() {
        return status;
    }
}
