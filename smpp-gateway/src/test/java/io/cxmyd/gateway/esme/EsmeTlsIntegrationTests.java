package io.cxmyd.gateway.esme;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.smpp.TestKeys;
import io.cxmyd.gateway.testsmsc.TestSmsc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ESME mode over TLS against Cloudhopper's SMSC (netty, TLS 1.2): the gateway trusts the carrier's own trust
 * store ({@code smsc.trustStore}), binds and answers a subscriber; with a trust store that does not hold the
 * SMSC's certificate, or one whose certificate names another host, it never gets as far as a bind, unless the
 * operator turned the name check off.
 */
class EsmeTlsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private TestSmsc smsc;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void bindsOverTlsTrustingTheCarriersOwnStoreAndAnswers() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "127.0.0.1", "ip:127.0.0.1");
        Path trust = TestKeys.trustStore(key, dir.resolve("carrier-trust.p12"));
        int port = tlsSmsc(key);

        gateway = EsmeGateways.start(port, tlsLines(trust), "");
        EsmeGateways.await("the gateway's bind over TLS", () -> smsc.bound(TestSmsc.Bind.TRANSCEIVER) == 1, WAIT);

        assertAnswered("13800138000");
    }

    @Test
    void anSmscWhoseCertificateTheStoreDoesNotHoldIsNeverBound() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "127.0.0.1", "ip:127.0.0.1");
        Path other = TestKeys.keyStore(dir.resolve("other.p12"), "127.0.0.1", "ip:127.0.0.1");
        Path trust = TestKeys.trustStore(other, dir.resolve("carrier-trust.p12"));
        int port = tlsSmsc(key);

        assertNeverBound(port, trust);
    }

    @Test
    void aTrustedCertificateNamingAnotherHostIsNeverBoundUnlessTheOperatorTurnsTheCheckOff() throws Exception {
        Path key = TestKeys.keyStore(dir.resolve("smsc.p12"), "smsc.other.example", "dns:smsc.other.example");
        Path trust = TestKeys.trustStore(key, dir.resolve("carrier-trust.p12"));
        int port = tlsSmsc(key);

        assertNeverBound(port, trust); // dialled 127.0.0.1, the certificate names another host
        gateway.close();

        gateway = EsmeGateways.start(port, tlsLines(trust) + "verifyHostname: false\n", "");
        EsmeGateways.await("the bind with the name check off", () -> smsc.bound(TestSmsc.Bind.TRANSCEIVER) == 1, WAIT);
        assertAnswered("13800138000");
    }

    /** The test SMSC over TLS, presenting {@code key}, on a free port (returned). */
    private int tlsSmsc(Path key) throws Exception {
        int port = EsmeGateways.freePort();
        smsc = TestSmsc.startTls(port, "cmcc", EsmeGateways.CMCC_PASSWORD, key, TestKeys.PASSWORD);
        return port;
    }

    /** A gateway trusting {@code trust} tries twice and fails: no bind PDU ever reaches the SMSC. */
    private void assertNeverBound(int port, Path trust) throws Exception {
        gateway = EsmeGateways.start(port, tlsLines(trust), "");
        EsmeGateways.await("two failed attempts", () -> unreachableAttempts() >= 2, WAIT);
        assertThat(smsc.bindRequests()).as("no bind PDU reached the SMSC").isZero();
        assertThat(smsc.bound(TestSmsc.Bind.TRANSCEIVER)).isZero();
    }

    private void assertAnswered(String subscriber) throws Exception {
        assertThat(smsc.deliver(subscriber, "10086", "CXMYD")).as("deliver_sm_resp").isZero();
        TestSmsc.Reply reply = smsc.awaitReplyTo(subscriber, WAIT.toSeconds());
        assertThat(reply).as("a reply over TLS").isNotNull();
        assertThat(reply.text()).contains("138****8000").contains("日本");
    }

    private static String tlsLines(Path trust) {
        // responseTimeout 3s: the test SMSC (Cloudhopper over TLS) now and then leaves our unbind unanswered, and a
        // stopping gateway waits that long for the unbind_resp (10 s by default) before it closes the connection.
        return "bind: transceiver\ntls: true\ntrustStore: \"" + trust + "\"\ntrustStorePassword: \""
                + TestKeys.PASSWORD + "\"\nresponseTimeout: 3s\n";
    }

    private double unreachableAttempts() {
        Matcher m = Pattern.compile(
                "cxmyd_esme_bind_attempts_total\\{carrier=\"china-mobile\",result=\"unreachable\"} (\\S+)")
                .matcher(gateway.metrics().scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
