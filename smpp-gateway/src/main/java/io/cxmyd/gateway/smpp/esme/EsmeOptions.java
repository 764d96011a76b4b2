package io.cxmyd.gateway.smpp.esme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway binds out to one carrier's SMSC. Immutable, checked when built (the config has already
 * named any bad key; these checks guard the code's own callers).
 *
 * @param carrierId the carrier
 * @param systemId the gateway's account on the SMSC
 * @param password its password
 * @param host the SMSC
 * @param port its SMPP port
 * @param pair true: a transmitter plus a receiver per session; false: one transceiver per session
 * @param sessions binds (or pairs) kept up at once
 * @param systemType bind's system_type ("" when the SMSC needs none)
 * @param tls whether to connect with TLS
 * @param trustStore over TLS, the certificates trusted for this SMSC; empty: the JVM's trust store
 * @param trustStorePassword the trust store's password, or null
 * @param verifyHostname over TLS, whether the SMSC's certificate must name {@code host} (true but for a carrier
 *     whose certificate names something else, which an operator must accept knowingly)
 * @param enquireLinkInterval enquire_link after this long without traffic
 * @param bindTimeout the connect, then the TLS handshake, then the bind_resp: each at most this long
 * @param responseTimeout submit_sm_resp (and every other response), at most
 * @param window submit_sm outstanding per session
 * @param throughput submit_sm per second for the carrier, all sessions together
 * @param reconnectMin first wait before binding again
 * @param reconnectMax longest wait before binding again
 * @param receipts whether submit_sm asks for a delivery receipt (registered_delivery 1)
 * @param pduThreads threads per session that process the SMSC's requests (each may wait for the journal)
 */
public record EsmeOptions(
        String carrierId,
        String systemId,
        String password,
        String host,
        int port,
        boolean pair,
        int sessions,
        String systemType,
        boolean tls,
        Optional<Path> trustStore,
        String trustStorePassword,
        boolean verifyHostname,
        Duration enquireLinkInterval,
        Duration bindTimeout,
        Duration responseTimeout,
        int window,
        int throughput,
        Duration reconnectMin,
        Duration reconnectMax,
        boolean receipts,
        int pduThreads) {

    public EsmeOptions {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemType, "systemType");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(enquireLinkInterval, "enquireLinkInterval");
        Objects.requireNonNull(bindTimeout, "bindTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: 1 to 65535, was " + port);
        }
        if (sessions < 1 || window < 1 || throughput < 1 || pduThreads < 1) {
            throw new IllegalArgumentException("sessions, window, throughput, pduThreads: at least 1, was "
                    + sessions + ", " + window + ", " + throughput + ", " + pduThreads);
        }
        new RebindPolicy(reconnectMin, reconnectMax); // checks min <= max
    }

    /** submit_sm that may be outstanding on all the carrier's sessions together. */
    public int totalWindow() {
        return sessions * window;
    }

    @Override
    public String toString() {
        return "EsmeOptions[carrier=" + carrierId + ", smsc=" + host + ":" + port + ", systemId=" + systemId
                + ", " + (pair ? "pair" : "transceiver") + " x" + sessions + ", window=" + window
                + ", throughput=" + throughput + "/s]";
    }
}
