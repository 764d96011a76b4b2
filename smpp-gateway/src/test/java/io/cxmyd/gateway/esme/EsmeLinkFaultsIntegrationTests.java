package io.cxmyd.gateway.esme;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.testsmsc.TestSmsc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ESME mode when the carrier's SMSC is not easy: pair binds, throttling, silence, a lost link, a bind the
 * SMSC still holds. Each test has its own Cloudhopper SMSC and gateway.
 */
class EsmeLinkFaultsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MULTI_PART = "13800138000"; // the multi-city week: a reply of several parts
    private static final String QUICK_RETRIES = "delivery:\n  retryInitial: 100ms\n  retryMax: 400ms\n";

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

    private void start(String smscLines, String extra) throws Exception {
        int port = EsmeGateways.freePort();
        smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD);
        gateway = EsmeGateways.start(port, smscLines, extra);
    }

    private TestSmsc.Reply ask(String from) throws Exception {
        assertThat(smsc.deliver(from, "10086", "CXMYD")).as("deliver_sm_resp").isZero();
        TestSmsc.Reply r = smsc.awaitReplyTo(from, WAIT.toSeconds());
        assertThat(r).as("a reply to the subscriber").isNotNull();
        return r;
    }

    /**
     * Whether the gateway itself counts {@code n} binds made: the SMSC counts a bind as soon as it has sent its
     * bind_resp, the gateway only once it has read it, and what a test does to the link in between (dropping
     * it, refusing the next bind) would meet a bind still being made.
     */
    private boolean gatewayBound(int n) {
        return gateway.metrics().scrape()
                .contains("cxmyd_esme_bind_attempts_total{carrier=\"china-mobile\",result=\"bound\"} " + n + ".0");
    }

    private List<TestSmsc.Submit> acceptedTo(String destination) {
        return smsc.submits().stream().filter(s -> s.destination().equals(destination) && s.status() == 0).toList();
    }

    /** The UDH sequence numbers (IEI 0x00, 8-bit reference) of the parts, in the order they were accepted. */
    private static List<Integer> udhSequences(List<TestSmsc.Submit> parts) {
        return parts.stream().map(s -> s.shortMessage()[5] & 0xff).toList();
    }

    /**
     * Two sessions of window 1, one refused and not bound again for minutes: the outbox keeps two replies in
     * flight for one free slot, so parts find the window full (each submit_sm_resp comes 300 ms late, longer
     * than the four queries take to arrive) and wait for a freed slot on the carrier's waiting-parts thread:
     * every reply arrives whole, nothing times out or is sent again, the bound session is kept, and the parts
     * that waited are counted.
     */
    @Test
    void partsThatFindEveryWindowFullWaitForAFreedSlotAndEveryReplyArrives() throws Exception {
        int port = EsmeGateways.freePort();
        smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD);
        smsc.refuseNextBinds(1, 0x0D); // ESME_RBINDFAIL: that session waits reconnectMax before its next try
        smsc.answerSubmitsAfter(300);
        gateway = EsmeGateways.start(port, "bind: transceiver\nsessions: 2\nwindow: 1\nreconnectMax: 10m\n",
                QUICK_RETRIES);
        EsmeGateways.await("one session bound on both sides, the other refused",
                () -> smsc.boundSessions() == 1 && smsc.bindRequests() == 2 && gatewayBound(1), WAIT);
        List<String> numbers = List.of(MULTI_PART, "13912345671", "13912345672", "13912345673");

        for (String n : numbers) {
            assertThat(smsc.deliver(n, "10086", "CXMYD")).as("deliver_sm_resp for " + n).isZero();
        }

        for (String n : numbers) {
            TestSmsc.Reply r = smsc.awaitReplyTo(n, WAIT.toSeconds());
            assertThat(r).as("a reply to " + n).isNotNull();
            assertThat(r.text()).startsWith("【中国移动】");
        }
        String scrape = gateway.metrics().scrape();
        assertThat(scrape).as("no submit_sm_resp waited for past responseTimeout")
                .doesNotContainPattern("cxmyd_replies_total\\{carrier=\"china-mobile\",result=\"retried\"} [1-9]");
        assertThat(smsc.submits()).as("every submit_sm answered ESME_ROK").allMatch(s -> s.status() == 0);
        assertThat(smsc.bindRequests()).as("the bound session kept").isEqualTo(2);
        assertThat(scrape).containsPattern("cxmyd_esme_parts_waited_total\\{carrier=\"china-mobile\"} [1-9]");
    }

    @Test
    void pairBindsTakeTheQueryOnTheReceiverAndAnswerOnTheTransmitter() throws Exception {
        start("bind: pair\n", "");
        EsmeGateways.await("a transmitter and a receiver bound",
                () -> smsc.bound(TestSmsc.Bind.TRANSMITTER) == 1 && smsc.bound(TestSmsc.Bind.RECEIVER) == 1, WAIT);
        assertThat(smsc.bound(TestSmsc.Bind.TRANSCEIVER)).isZero();

        TestSmsc.Reply r = ask(MULTI_PART);

        assertThat(r.text()).contains("北京市、河北省石家庄市、广东省广州市、湖北省仙桃市");
    }

    @Test
    void throttledAndQueueFullPartsAreSentAgainInOrderAndTheReplyArrivesWholeOnce() throws Exception {
        start("bind: transceiver\n", QUICK_RETRIES);
        EsmeGateways.await("bound", () -> smsc.boundSessions() == 1, WAIT);
        AtomicInteger n = new AtomicInteger();
        // The second part is refused twice (throttled, then queue full), as a carrier at its cap would.
        smsc.answerSubmitsWith(() -> switch (n.incrementAndGet()) {
            case 2 -> 0x58;
            case 3 -> 0x14;
            default -> 0;
        });

        TestSmsc.Reply r = ask(MULTI_PART);

        assertThat(r.text()).startsWith("【中国移动】").contains("日本");
        List<TestSmsc.Submit> accepted = acceptedTo(MULTI_PART);
        assertThat(accepted).hasSize(r.parts());
        assertThat(udhSequences(accepted)).isSorted().doesNotHaveDuplicates();
        assertThat(smsc.submits()).extracting(TestSmsc.Submit::status).contains(0x58, 0x14);
        assertThat(gateway.metrics().scrape())
                .containsPattern("cxmyd_replies_total\\{carrier=\"china-mobile\",result=\"retried\"} [2-9]");
        assertThat(smsc.awaitReplyTo(MULTI_PART, 2)).as("the same reply a second time").isNull();
    }

    @Test
    void aSubmitLeftUnansweredIsSentAgainAfterTheResponseTimeout() throws Exception {
        start("bind: transceiver\nresponseTimeout: 500ms\n", QUICK_RETRIES);
        EsmeGateways.await("bound", () -> smsc.boundSessions() == 1, WAIT);
        smsc.silent(true);

        assertThat(smsc.deliver("13800138001", "10086", "CXMYD")).isZero();
        EsmeGateways.await("a submit_sm left unanswered",
                () -> smsc.submits().stream().anyMatch(s -> s.status() == -1), WAIT);
        smsc.silent(false);

        TestSmsc.Reply r = smsc.awaitReplyTo("13800138001", WAIT.toSeconds());
        assertThat(r).isNotNull();
        assertThat(r.text()).contains("开户时间未满7天");
        assertThat(gateway.metrics().scrape())
                .containsPattern("cxmyd_replies_total\\{carrier=\"china-mobile\",result=\"retried\"} [1-9]");
    }

    @Test
    void aLostLinkIsBoundAgainByItselfAndRepliesFollow() throws Exception {
        start("bind: transceiver\n", QUICK_RETRIES);
        EsmeGateways.await("bound, on both sides", () -> smsc.boundSessions() == 1 && gatewayBound(1), WAIT);

        smsc.dropAllSessions();

        EsmeGateways.await("bound again", () -> smsc.bindRequests() >= 2 && smsc.boundSessions() == 1, WAIT);
        assertThat(ask("13912345678").text()).contains("未查询到");
        assertThat(gateway.metrics().scrape()).containsPattern(
                "cxmyd_esme_bind_attempts_total\\{carrier=\"china-mobile\",result=\"bound\"} 2");
    }

    @Test
    void alreadyBoundAndTooManySessionsWaitTheLongStepInsteadOfStorming() throws Exception {
        int port = EsmeGateways.freePort();
        smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD);
        smsc.refuseNextBinds(1, 0x05); // ESME_RALYBND: the SMSC still holds our previous bind
        gateway = EsmeGateways.start(port, "bind: transceiver\nreconnectMax: 2s\n", "");
        EsmeGateways.await("the first refusal", () -> smsc.bindRequests() == 1, WAIT);
        smsc.refuseNextBinds(1, 0x0D); // ESME_RBINDFAIL: too many sessions for the account

        EsmeGateways.await("bound at the third attempt", () -> smsc.boundSessions() == 1, WAIT);

        List<Long> at = smsc.bindRequestTimes();
        assertThat(at).hasSize(3);
        // reconnectMin is 100ms; each of these refusals waits at least half of reconnectMax (jitter) instead.
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(gateway.metrics().scrape())
                .contains("cxmyd_esme_bind_attempts_total{carrier=\"china-mobile\",result=\"already_bound\"} 1.0")
                .contains("cxmyd_esme_bind_attempts_total{carrier=\"china-mobile\",result=\"too_many_sessions\"} 1.0");
    }
}
