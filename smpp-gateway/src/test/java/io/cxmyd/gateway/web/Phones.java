package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscribers' phones: a receiver bind per carrier of the test config, as a carrier's SMSC would hold
 * one, reading the SMS the gateway sends (the verification codes among them).
 */
public final class Phones implements AutoCloseable {

    private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Map<String, SmppClient> receivers = new LinkedHashMap<>();

    /** Binds a receiver for each (carrier, systemId, password). */
    public Phones(int smppPort, String... carrierSystemPassword) throws Exception {
        for (int i = 0; i < carrierSystemPassword.length; i += 3) {
            receivers.put(carrierSystemPassword[i], SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1",
                    smppPort, carrierSystemPassword[i + 1], carrierSystemPassword[i + 2])
                    .withMode(SmppClient.BindMode.RECEIVER)));
        }
    }

    /** The three carriers of TestGateways. */
    public static Phones ofTestGateway(int smppPort) throws Exception {
        return new Phones(smppPort, "china-mobile", "cmcc", "cm-pass1", "china-unicom", "cucc", "cu-pass1",
                "china-telecom", "ctcc", "ct-pass1");
    }

    /** The next SMS that carrier's bind receives, within a generous wait (a busy machine), else empty. */
    Optional<ReceivedReply> next(String carrier, Duration wait) throws InterruptedException {
        return receivers.get(carrier).awaitReply(wait);
    }

    /** The next SMS on that carrier, which must be for {@code msisdn}. */
    public ReceivedReply sms(String carrier, String msisdn) throws InterruptedException {
        Optional<ReceivedReply> r = next(carrier, WAIT);
        assertThat(r).as("an SMS for " + msisdn + " on " + carrier).isPresent();
        assertThat(r.get().destination().address()).isEqualTo(msisdn);
        return r.get();
    }

    /** The code in the next SMS to {@code msisdn}: its only group of six digits. */
    public String code(String carrier, String msisdn) throws InterruptedException {
        return codeIn(sms(carrier, msisdn).text());
    }

    public static String codeIn(String text) {
        List<String> groups = new ArrayList<>();
        Matcher m = SIX_DIGITS.matcher(text);
        while (m.find()) {
            groups.add(m.group());
        }
        assertThat(groups).as("six-digit groups in the code SMS").hasSize(1);
        return groups.get(0);
    }

    int delivered(String carrier) {
        return receivers.get(carrier).deliveriesReceived();
    }

    @Override
    public void close() {
        receivers.values().forEach(SmppClient::close);
    }
}
