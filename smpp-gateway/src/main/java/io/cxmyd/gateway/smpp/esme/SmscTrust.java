package io.cxmyd.gateway.smpp.esme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A carrier's own trust store ({@code carriers[].smsc.trustStore}): the certificates that may sign its SMSC's,
 * often a carrier's private CA, trusted for that carrier's links only and not by the whole JVM.
 */
public final class SmscTrust {

    private SmscTrust() {
    }

    /**
     * Reads a PKCS12 or JKS trust store (the JDK tells them apart by their content).
     *
     * @param password its password, or null when it has none (its integrity is then not checked)
     * @throws IOException unreadable, not a key store, or a wrong password
     * @throws GeneralSecurityException a certificate in it cannot be read
     */
    public static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        if (store.size() == 0) {
            throw new IOException("holds no certificate");
        }
        return store;
    }

    /** A TLS context that trusts what {@code store} holds, and nothing else. */
    static SSLContext context(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
