package io.cxmyd.gateway.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/** Opens the TLS listening socket: TLS 1.2 and 1.3 only, forward-secret AEAD suites only, ours in our order. */
final class TlsServerSockets {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * TLS 1.3's suites (all AEAD), and TLS 1.2's ECDHE ones with GCM or ChaCha20-Poly1305: no RSA key exchange
     * (no forward secrecy), no CBC (padding oracles), no SHA-1 MACs.
     */
    private static final Pattern STRONG_SUITE = Pattern.compile(
            "TLS_AES_.*|TLS_CHACHA20_.*|TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)");

    private TlsServerSockets() {
    }

    static SSLServerSocket open(String host, SmppTlsOptions tls) throws IOException {
        SSLContext context = context(tls);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        try {
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(PROTOCOLS.toArray(String[]::new));
            params.setCipherSuites(Arrays.stream(socket.getSupportedCipherSuites())
                    .filter(s -> STRONG_SUITE.matcher(s).matches()).toArray(String[]::new));
            params.setUseCipherSuitesOrder(true);
            params.setNeedClientAuth(false);
            socket.setSSLParameters(params);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, tls.port()), 50);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static SSLContext context(SmppTlsOptions tls) throws IOException {
        char[] password = tls.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore store = KeyStore.getInstance(tls.keystoreType());
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            // The message names the file, never the password.
            throw new IOException("smpp.tls.keystore: cannot load " + tls.keystore() + " as " + tls.keystoreType()
                    + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
