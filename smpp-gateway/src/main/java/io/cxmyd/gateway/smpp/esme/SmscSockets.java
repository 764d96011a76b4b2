package io.cxmyd.gateway.smpp.esme;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens the connection to a carrier's SMSC, before jsmpp writes the bind on it.
 *
 * <ul>
 *   <li>The TCP connect is bounded by the bind timeout. {@code SocketFactory.createSocket(host, port)} has no
 *   timeout: an SMSC behind a firewall that drops the SYN, or whose accept queue is full, held a session's
 *   thread for the kernel's whole SYN retry (about two minutes on Linux) before the next attempt.</li>
 *   <li>Over TLS, the SMSC's certificate must name the host the gateway dialled (its DNS name, or its IP address
 *   in the certificate's subject alternative names), as an HTTPS client checks a server; a certificate that
 *   the trust store accepts but that names another host is refused. Without it, anyone holding any trusted
 *   certificate could sit between the gateway and the carrier and read every reply.</li>
 *   <li>TLS 1.3 or 1.2 only, as on the gateway's own TLS port, and the handshake is done here, bounded by the
 *   same timeout: a peer that takes the connection and never answers the ClientHello does not hold the
 *   session either.</li>
 * </ul>
 */
final class SmscSockets {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Null for plain TCP. */
    private final SSLSocketFactory tls;
    private final boolean verifyHostname;
    private final int timeoutMillis;

    /**
     * @param tls the TLS socket factory (its context's trust store decides whom to trust), or null for plain TCP
     * @param timeout the longest a connect, and then a TLS handshake, may take
     */
    SmscSockets(SSLSocketFactory tls, Duration timeout) {
        this(tls, true, timeout);
    }

    /** @param verifyHostname whether the SMSC's certificate must name the host dialled (over TLS) */
    SmscSockets(SSLSocketFactory tls, boolean verifyHostname, Duration timeout) {
        this.tls = tls;
        this.verifyHostname = verifyHostname;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * Plain TCP, or TLS trusting the carrier's own trust store, or else the JVM's ({@code javax.net.ssl.trustStore},
     * by default the JDK's CA certificates).
     */
    static SmscSockets of(EsmeOptions options) {
        if (!options.tls()) {
            return new SmscSockets(null, options.bindTimeout());
        }
        try {
            SSLContext context = options.trustStore().isPresent()
                    ? SmscTrust.context(SmscTrust.load(options.trustStore().get(), options.trustStorePassword()))
                    : SSLContext.getDefault();
            return new SmscSockets(context.getSocketFactory(), options.verifyHostname(), options.bindTimeout());
        } catch (IOException | GeneralSecurityException e) {
            // The config has read the same file once already (SmscSection): it changed since.
            throw new IllegalStateException("carrier " + options.carrierId() + ": smsc.trustStore "
                    + options.trustStore().orElse(null) + " unusable: " + e.getMessage(), e);
        }
    }

    /** A connected socket, Nagle off; over TLS, handshaken and the SMSC's certificate checked. */
    Socket open(String host, int port) throws IOException {
        Socket plain = new Socket();
        try {
            // Nagle off: submit_sm parts are small PDUs written back to back, and Nagle held each one behind
            // the SMSC's delayed ACK (p99 48 ms against 12 ms without, docs/performance.md).
            plain.setTcpNoDelay(true);
            try {
                plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (SocketTimeoutException e) {
                throw notWithin("connect not taken", e);
            }
            if (tls == null) {
                return plain;
            }
            SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            if (verifyHostname) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            parameters.setProtocols(PROTOCOLS);
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.startHandshake();
            } catch (SocketTimeoutException e) {
                throw notWithin("TLS handshake not answered (is it a TLS port?)", e);
            }
            socket.setSoTimeout(0); // jsmpp sets its own (the enquire_link interval) once it has the connection
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** A timeout that says which step timed out, for the operator's log line ("Read timed out" says nothing). */
    private SocketTimeoutException notWithin(String what, SocketTimeoutException cause) {
        SocketTimeoutException e = new SocketTimeoutException(what + " within " + timeoutMillis + " ms");
        e.initCause(cause);
        return e;
    }
}
