package io.cxmyd.gateway.smpp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS listener: a second port with the same server behind it, TLS 1.2 and 1.3 only.
 *
 * @param port the port (0 picks a free one, {@link SmppServer#tlsPort()} tells which)
 * @param keystore the key store holding the server's key and certificate chain
 * @param keystorePassword its password (also the key's); never logged, never in {@link #toString()}
 * @param keystoreType PKCS12 or JKS
 */
public record SmppTlsOptions(int port, Path keystore, String keystorePassword, String keystoreType) {

    public SmppTlsOptions {
        Objects.requireNonNull(keystore, "smpp.tls.keystore");
        Objects.requireNonNull(keystorePassword, "smpp.tls.keystorePassword");
        Objects.requireNonNull(keystoreType, "smpp.tls.keystoreType");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("smpp.tls.port: must be between 0 and 65535, was " + port);
        }
    }

    @Override
    public String toString() {
        return "SmppTlsOptions[port=" + port + ", keystore=" + keystore + ", keystoreType=" + keystoreType + "]";
    }
}
