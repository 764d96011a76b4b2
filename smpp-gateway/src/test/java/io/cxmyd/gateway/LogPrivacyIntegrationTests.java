package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No phone number in clear and no itinerary text in the log output, on every path a query can take: two real
 * gateways (the demo dataset; an HTTP source that does not answer) driven over SMPP through every outcome,
 * with refused messages, a data_sm, a reply the carrier first defers and one it refuses, and an orderly stop.
 * Logging runs with the shipped config/logback.xml, io.cxmyd and io.netty lowered to DEBUG (org.jsmpp stays at
 * the shipped WARN: {@link JsmppPduDumpIntegrationTests} shows why), and the events are rendered with both the
 * text and the JSON encoder.
 */
class LogPrivacyIntegrationTests {

    static final Path SHIPPED_LOGBACK = Path.of("..", "config", "logback.xml").toAbsolutePath().normalize();
    static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * A mainland mobile number, alone or inside a longer run of digits (86..., +86...), but not a longer
     * number such as epoch milliseconds: digits on either side of the 11 that are not the 86 prefix do not
     * count.
     */
    static final Pattern CLEAR_NUMBER = Pattern.compile("(?<!\\d)(?:\\+?86)?1[3-9]\\d{9}(?!\\d)");

    /** Every subscriber number the test sends from: each one must never appear, in any form. */
    static final List<String> SENDERS = List.of("13800138000", "13800138001", "13800138002", "13800138003",
            "13800138004", "13800138005", "13912345678", "13500000077", "13600000099", "17000000001",
            "18600000000", "18900000000");

    /** Place names of the demo itineraries and fragments of every reply template. */
    static final List<String> ITINERARY_TEXT = List.of("北京市", "广东省广州市", "河北省石家庄市", "湖北省仙桃市",
            "日本", "浙江省杭州市", "四川省成都市", "广东省深圳市", "河北省廊坊市", "上海市", "中国香港",
            "未查询到", "开户时间未满", "频繁", "4小时", "携号转网", "【中国");

    static LogCapture logs;
    static Map<QueryOutcome, Double> outcomes = new EnumMap<>(QueryOutcome.class);
    static int queriesHandled;

    @BeforeAll
    static void driveEveryPathWithTheShippedLogging() throws Exception {
        logs = LogCapture.start(SHIPPED_LOGBACK, Map.of("io.cxmyd", Level.DEBUG, "io.netty", Level.DEBUG));
        Gateway local = TestGateways.start(TestGateways.config("limits:\n  perSubscriber: 3/10m\n"));
        Gateway http = TestGateways.start(TestGateways.configWithItinerary("""
                itinerary:
                  source: http
                  http:
                    baseUrl: http://127.0.0.1:%d
                    connectTimeout: 200ms
                """.formatted(closedPort()), ""));
        // china-mobile asks for consent first (reply Y): the consent outcomes and their replies.
        Gateway consent = TestGateways.start(TestGateways.config("").replace(
                "    password: \"cm-pass1\"\n", "    password: \"cm-pass1\"\n    verification: confirm\n"));
        try {
            driveLocal(local);
            driveUnavailable(http);
            driveConsent(consent);
            awaitQueryLines(queriesHandled);
            count(local);
            count(http);
            count(consent);
        } finally {
            consent.close();
            http.close();
            local.drainAndClose();
        }
    }

    @AfterAll
    static void restoreTestLogging() throws Exception {
        if (logs != null) {
            logs.close();
        }
    }

    private static void driveLocal(Gateway g) throws Exception {
        try (SmppClient c = bind(g, "cmcc", "cm-pass1")) {
            ask(c, "13800138000", "10086", "CXMYD");            // served, several parts
            ask(c, "+8613800138000", "10086", "cxmyd");         // served, international form
            ask(c, "8613800138002", "10086", "CXMYD 13800138000"); // served, ported; another number in the text
            ask(c, "13800138001", "10086", "CXMYD");            // new_account
            ask(c, "13800138003", "10086", "CXMYD");            // nothing_qualified
            ask(c, "13800138004", "10086", "CXMYD");            // no_data
            ask(c, "13912345678", "10086", "CXMYD");            // no_data: unknown number
            ask(c, "13500000077", "10086", "13800138005 hello"); // unknown_keyword, a number in the text
            for (int i = 0; i < 4; i++) {
                ask(c, "13600000099", "10086", "CXMYD");        // 3 answered, then too_frequent (throttled)
            }
            submitSilently(c, "13600000099", "CXMYD");          // throttled, no reply
            SmppClient.Submission dataSm = new SmppClient.Submission(SmppAddress.of("17000000001"),
                    SmppAddress.of("10086"), (byte) 0, (byte) 0, null, "CXMYD".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.dataSm(dataSm)).isEqualTo(SmppStatus.ESME_ROK); // served, over data_sm
            queriesHandled++;
            assertThat(c.awaitReply(WAIT)).isPresent();

            // rejected, each on its own path
            assertThat(c.submit("13800138000", "10010", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVDSTADR);
            assertThat(c.submit("1380013800", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVSRCADR);
            assertThat(c.submit("10086", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_RINVSRCADR);
            assertThat(c.submit(new SmppClient.Submission(SmppAddress.of("13800138005"), SmppAddress.of("10086"),
                    (byte) 0, (byte) 0x04, "CXMYD".getBytes(StandardCharsets.US_ASCII), null)))
                    .isEqualTo(SmppStatus.ESME_RINVDCS);
        }
        try (SmppClient unicom = bind(g, "cucc", "cu-pass1")) {
            // The carrier defers the first part (retried), then takes everything.
            unicom.answerDeliveries(n -> n == 0 ? SmppStatus.ESME_RTHROTTLED : SmppStatus.ESME_ROK);
            ask(unicom, "18600000000", "10010", "CXMYD");
        }
        try (SmppClient telecom = bind(g, "ctcc", "ct-pass1")) {
            // The carrier refuses the reply for good (rejected).
            telecom.answerDeliveries(n -> SmppStatus.ESME_RINVDSTADR);
            assertThat(telecom.submit("18900000000", "10000", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            queriesHandled++;
            awaitLine("the telecom reply rejected", e -> e.getFormattedMessage().contains("rejected by the carrier"));
        }
    }

    private static void driveConsent(Gateway g) throws Exception {
        try (SmppClient c = bind(g, "cmcc", "cm-pass1")) {
            ask(c, "13800138000", "10086", "CXMYD");            // consent_asked: the prompt
            ask(c, "13800138000", "10086", "N");                // consent_refused: any other text cancels
            ask(c, "13800138002", "10086", "CXMYD");            // consent_asked
            ask(c, "13800138002", "10086", "ｙ");               // served after a full-width Y
        }
    }

    private static void driveUnavailable(Gateway g) throws Exception {
        try (SmppClient c = bind(g, "cmcc", "cm-pass1")) {
            ask(c, "13800138000", "10086", "CXMYD");            // unavailable: the source refuses connections
            ask(c, "+8613800138004", "10086", "CXMYD");         // unavailable
        }
    }

    @Test
    void everyOutcomeWasDriven() {
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder(QueryOutcome.values());
        assertThat(outcomes.values()).allSatisfy(n -> assertThat(n).isGreaterThan(0));
        assertThat(logs.output()).as("something was logged at DEBUG").anyMatch(l -> l.contains("DEBUG"));
    }

    @Test
    void noPhoneNumberInClearReachesTheLogOutput() {
        List<String> leaks = new ArrayList<>();
        for (String line : logs.output()) {
            Matcher m = CLEAR_NUMBER.matcher(line);
            if (m.find()) {
                leaks.add(m.group() + " in: " + line);
            }
            for (String number : SENDERS) {
                // In clear, or as the hex of its ASCII bytes (how a PDU dump would show it).
                if (line.contains(number) || line.toLowerCase(Locale.ROOT).contains(hex(number, StandardCharsets.US_ASCII))) {
                    leaks.add(number + " in: " + line);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theLeakCheckRecognisesEveryFormOfANumberButNotTimestampsOrMaskedNumbers() {
        assertThat(List.of("from=13800138000", "8613800138000", "to +8613800138000;", "x19912345678"))
                .allMatch(line -> CLEAR_NUMBER.matcher(line).find());
        assertThat(List.of("138****8000", "+86****8000", "epoch 1763740000000", "1380013800", "12345678901"))
                .noneMatch(line -> CLEAR_NUMBER.matcher(line).find());
        assertThat(hex("13800138000", StandardCharsets.US_ASCII)).isEqualTo("3133383030313338303030");
    }

    @Test
    void noItineraryOrReplyTextReachesTheLogOutput() {
        List<String> leaks = new ArrayList<>();
        for (String line : logs.output()) {
            for (String text : ITINERARY_TEXT) {
                // In clear, or as the hex of its UCS2 bytes (how a PDU dump of a reply would show it).
                if (line.contains(text) || line.toLowerCase(Locale.ROOT).contains(hex(text, StandardCharsets.UTF_16BE))) {
                    leaks.add(text + " in: " + line);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void everyQueryHasOneInfoLineInTheFixedKeyValueForm() {
        Pattern form = Pattern.compile("query carrier=[a-z-]+ from=\\+?\\d{3}\\*{4}\\d{4} outcome=[a-z_]+ "
                + "reply=[a-z_]+ parts=\\d+ latency_us=\\d+");
        List<ILoggingEvent> lines = queryLines();

        assertThat(lines).hasSize(queriesHandled);
        assertThat(lines).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).matches(form);
        });
        for (QueryOutcome outcome : QueryOutcome.values()) {
            if (outcome != QueryOutcome.REJECTED) { // refused on the PDU thread: counted, logged at DEBUG
                assertThat(lines).as(outcome.label())
                        .anyMatch(e -> e.getFormattedMessage().contains(" outcome=" + outcome.label() + " "));
            }
        }
    }

    static String hex(String text, java.nio.charset.Charset charset) {
        return HexFormat.of().formatHex(text.getBytes(charset));
    }

    private static List<ILoggingEvent> queryLines() {
        return logs.events().stream().filter(e -> e.getLoggerName().equals("cxmyd.query")).toList();
    }

    private static void awaitQueryLines(int n) throws InterruptedException {
        await(n + " query lines", () -> queryLines().size() >= n);
    }

    private static void awaitLine(String what, Predicate<ILoggingEvent> line) throws InterruptedException {
        await(what, () -> logs.events().stream().anyMatch(line));
    }

    /** Polls until the condition holds; fails after {@link #WAIT} (a guard against a hang, not a timing). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void count(Gateway g) {
        String scrape = g.metrics().scrape();
        for (QueryOutcome outcome : QueryOutcome.values()) {
            Matcher m = Pattern.compile("cxmyd_queries_total\\{carrier=\"[a-z-]+\",outcome=\"" + outcome.label()
                    + "\"} (\\S+)").matcher(scrape);
            while (m.find()) {
                double v = Double.parseDouble(m.group(1));
                if (v > 0) {
                    outcomes.merge(outcome, v, Double::sum);
                }
            }
        }
    }

    private static SmppClient bind(Gateway g, String systemId, String password) throws Exception {
        return SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", g.smppPort(), systemId, password));
    }

    private static void ask(SmppClient c, String from, String to, String text) throws Exception {
        assertThat(c.submit(from, to, text)).isEqualTo(SmppStatus.ESME_ROK);
        queriesHandled++;
        assertThat(c.awaitReply(WAIT)).as("a reply").isPresent();
    }

    private static void submitSilently(SmppClient c, String from, String text) throws Exception {
        assertThat(c.submit(from, "10086", text)).isEqualTo(SmppStatus.ESME_ROK);
        queriesHandled++;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
