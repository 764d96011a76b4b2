package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.Msisdn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each consent mode over loopback: a real gateway on a copy of the demo dataset whose subscribers.csv gains
 * {@code id_last4_hash} for a few numbers, china-mobile with {@code confirm}, china-unicom with
 * {@code id-last4}, china-telecom with none; a real SMPP client holds each conversation. Every test uses
 * numbers of its own, so the order of tests does not matter.
 */
class ConsentEndToEndIntegrationTests {

    static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String SECRET = "e2e-consent-secret-0123";
    /** Number → the last four characters of its (made-up) ID card, hashed into the test dataset. */
    static final Map<String, String> IDS = Map.of(
            "13800138000", "123X",
            "13800138002", "0417",
            "13800138003", "5678",
            "13800138005", "9999",
            "18600138000", "123X",
            "18600138002", "0417");
    /**
     * china-unicom subscribers added to the copy, each with the rows of a china-mobile one: a carrier is
     * answered only for its own subscribers (docs/smpp.md), so the id-last4 tests need unicom numbers.
     */
    static final Map<String, String> UNICOM_TWINS = Map.of("18600138000", "13800138000", "18600138002", "13800138002");

    @TempDir
    static Path dir;
    static Gateway gateway;
    static Path auditLog;

    @BeforeAll
    static void startGateway() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.copy(DEMO.resolve("cells.csv"), data.resolve("cells.csv"));
        withTwins(DEMO.resolve("signaling.csv"), data.resolve("signaling.csv"), null);
        withIdHashes(DEMO.resolve("subscribers.csv"), data.resolve("subscribers.csv"));
        withTwins(data.resolve("subscribers.csv"), data.resolve("subscribers.csv"), "china-unicom");
        auditLog = dir.resolve("audit/consent.log");
        String yaml = """
                smpp:
                  host: 127.0.0.1
                  port: 0
                carriers:
                  - id: china-mobile
                    serviceNumbers: ["10086"]
                    systemId: cmcc
                    password: "cm-pass1"
                    verification: confirm
                  - id: china-unicom
                    serviceNumbers: ["10010"]
                    systemId: cucc
                    password: "cu-pass1"
                    verification: id-last4
                  - id: china-telecom
                    serviceNumbers: ["10000"]
                    systemId: ctcc
                    password: "ct-pass1"
                itinerary:
                  source: local
                  local:
                    dir: data
                metrics:
                  host: 127.0.0.1
                  port: 0
                limits:
                  perSubscriber: "off"
                clock: "2026-11-21T09:30:00+08:00"
                consent:
                  auditLog: audit/consent.log
                  auditRetention: 30d
                  idHashKey: %s
                """.formatted(SECRET);
        GatewayConfig c = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, dir, dir.resolve("test.yml"));
        gateway = new Gateway(c).start();
    }

    /** The demo subscribers with an id_last4_hash column: filled for {@link #IDS}, empty for the rest. */
    static void withIdHashes(Path from, Path to) throws IOException {
        IdLast4Hash hash = new IdLast4Hash(SECRET);
        List<String> out = new ArrayList<>();
        List<String> rows = Files.readAllLines(from, StandardCharsets.UTF_8);
        out.add(rows.get(0) + ",id_last4_hash");
        for (String row : rows.subList(1, rows.size())) {
            String number = row.substring(0, row.indexOf(','));
            String code = IDS.get(number);
            out.add(row + "," + (code == null ? "" : hash.hash(Msisdn.parse(number), code)));
        }
        Files.write(to, out, StandardCharsets.UTF_8);
    }

    /** Adds a row for each twin, a copy of its original's rows with the number (and the carrier) replaced. */
    static void withTwins(Path from, Path to, String carrier) throws IOException {
        List<String> rows = new ArrayList<>(Files.readAllLines(from, StandardCharsets.UTF_8));
        IdLast4Hash hash = new IdLast4Hash(SECRET);
        for (Map.Entry<String, String> twin : UNICOM_TWINS.entrySet()) {
            for (String row : List.copyOf(rows)) {
                if (!row.startsWith(twin.getValue() + ",")) {
                    continue;
                }
                String[] f = row.split(",", -1);
                f[0] = twin.getKey();
                if (carrier != null) {
                    f[1] = carrier;
                    f[f.length - 1] = hash.hash(Msisdn.parse(twin.getKey()), IDS.get(twin.getKey()));
                }
                rows.add(String.join(",", f));
            }
        }
        Files.write(to, rows, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** One subscriber's conversation with one carrier over one bind. */
    static final class Conversation implements AutoCloseable {
        private final SmppClient client;
        private final String from;
        private final String to;

        Conversation(String systemId, String password, String from, String to) throws Exception {
            this.client = SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), systemId,
                    password));
            this.from = from;
            this.to = to;
        }

        static Conversation mobile(String from) throws Exception {
            return new Conversation("cmcc", "cm-pass1", from, "10086");
        }

        static Conversation unicom(String from) throws Exception {
            return new Conversation("cucc", "cu-pass1", from, "10010");
        }

        String say(String text) throws Exception {
            return say(from, text);
        }

        String say(String sender, String text) throws Exception {
            assertThat(client.submit(sender, to, text)).isEqualTo(SmppStatus.ESME_ROK);
            Optional<ReceivedReply> r = client.awaitReply(WAIT);
            assertThat(r).as("a reply to " + text).isPresent();
            assertThat(r.get().destination().address()).isEqualTo(sender);
            return r.get().text();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void confirmPromptsAndYSendsTheItinerary() throws Exception {
        try (Conversation c = Conversation.mobile("13800138000")) {
            String prompt = c.say("CXMYD");
            assertThat(prompt).startsWith("【中国移动】").contains("138****8000").contains("回复Y").contains("10分钟")
                    .doesNotContain("北京市");
            assertThat(c.say("ｙ")).contains("北京市、河北省石家庄市");
        }
    }

    @Test
    void confirmYFromAnotherNumberIsUsageAndOtherTextCancels() throws Exception {
        try (Conversation c = Conversation.mobile("13800138002")) {
            assertThat(c.say("CXMYD")).contains("回复Y");
            assertThat(c.say("13800138004", "Y")).contains("请发送CXMYD").doesNotContain("杭州");
            assertThat(c.say("不用了")).contains("已取消");
            assertThat(c.say("Y")).contains("请发送CXMYD").doesNotContain("杭州");
        }
    }

    @Test
    void idLast4InOneMessageSendsTheItinerary() throws Exception {
        try (Conversation c = Conversation.unicom("18600138000")) {
            assertThat(c.say("CXMYD#123x")).startsWith("【中国联通】").contains("北京市");
        }
    }

    @Test
    void idLast4PromptThenTheBareCodeSendsTheItinerary() throws Exception {
        try (Conversation c = Conversation.unicom("18600138002")) {
            assertThat(c.say("CXMYD")).contains("身份证号码后四位").contains("186****8002");
            assertThat(c.say("０４１７")).contains("浙江省杭州市");
        }
    }

    @Test
    void threeWrongCodesLockTheNumberEvenForTheRightOne() throws Exception {
        try (Conversation c = Conversation.unicom("13800138003")) {
            assertThat(c.say("CXMYD 1111")).contains("未通过").contains("还可尝试2次");
            assertThat(c.say("2222")).contains("还可尝试1次");
            assertThat(c.say("3333")).contains("今日已暂停");
            assertThat(c.say("CXMYD#5678")).contains("今日已暂停");
        }
    }

    @Test
    void aNumberWithoutAnIdOnFileCannotBeVerified() throws Exception {
        try (Conversation c = Conversation.unicom("13800138004")) {
            assertThat(c.say("CXMYD#1234")).contains("暂无法通过短信核验");
        }
    }

    @Test
    void aCarrierWithoutVerificationAnswersAtOnce() throws Exception {
        try (Conversation c = new Conversation("ctcc", "ct-pass1", "13800138005", "10000")) {
            assertThat(c.say("CXMYD")).startsWith("【中国电信】").contains("138****8005").doesNotContain("回复Y");
        }
    }

    @Test
    void theAuditLogRecordsDecisionsMaskedAndNeverTheCode() throws Exception {
        try (Conversation c = Conversation.unicom("13800138005")) {
            c.say("CXMYD");
            c.say("9998");
            c.say("9999");
        }
        List<String> lines = Files.readAllLines(auditLog, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("from=138****8005")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("carrier=china-unicom").contains("mode=id-last4").endsWith("outcome=prompted");
        assertThat(lines.get(1)).endsWith("outcome=wrong_code");
        assertThat(lines.get(2)).endsWith("outcome=verified");
        String all = Files.readString(auditLog);
        assertThat(all).doesNotContain("13800138005").doesNotContain("9999").doesNotContain("9998")
                .doesNotContain("杭州").doesNotContain("北京");
    }
}
