package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.SmppClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} against no gateway, and against a real one: what a person trying it by hand reads. */
class SendCommandIntegrationTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int send(Path config, String from, String... more) {
        String[] args = new String[] {"send", "--config", config.toString(), "--carrier", "china-mobile", "--from",
                from, "--timeout", "30s"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withNoGatewayItSaysNothingListensThereAndWhatToCheck() throws Exception {
        int port = CommandLineConfigs.freePort();
        Path config = CommandLineConfigs.write(dir, port, CommandLineConfigs.freePort(), "");
        assertThat(send(config, "13800138000")).isEqualTo(1);
        assertThat(errText()).isEqualTo("cannot send: nothing listens on 127.0.0.1:" + port + " (smpp.host and"
                + " smpp.port of " + config + "): is the gateway running, with this config, on this machine?"
                + System.lineSeparator());
        assertThat(outText()).isEmpty();
    }

    @Test
    void aRefusedNumberIsTheStatusNameAndWhatItMeans() throws Exception {
        Path config = CommandLineConfigs.write(dir, CommandLineConfigs.freePort(), CommandLineConfigs.freePort(), "");
        try (Gateway gateway = new Gateway(new ConfigLoader().load(config)).start()) {
            assertThat(send(config, "12345")).isEqualTo(1);
            assertThat(errText()).isEqualTo("submit_sm refused: ESME_RINVSRCADR: the gateway refused the source"
                    + " number 12345 (not a mainland mobile number, or one of the service numbers)"
                    + System.lineSeparator());
            assertThat(outText()).isEmpty();
        }
    }

    /**
     * A reply the gateway still holds for another subscriber (its query came on a bind that could not take
     * replies) is sent as soon as send binds: send takes it without an ERROR, acknowledges it, skips it, prints
     * its own, and leaves nothing behind for the gateway to send again or replay at its next start.
     */
    @Test
    void aReplyHeldForAnotherNumberIsAcknowledgedAndSkippedAndItsOwnIsPrinted() throws Exception {
        Path config = CommandLineConfigs.write(dir, CommandLineConfigs.freePort(), CommandLineConfigs.freePort(), "");
        try (Gateway gateway = new Gateway(new ConfigLoader().load(config)).start()) {
            SmppClient.Options transmitterOnly = SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(),
                    "cmcc", "cm-pass1").withMode(SmppClient.BindMode.TRANSMITTER);
            try (SmppClient carrier = SmppClient.bind(transmitterOnly)) {
                assertThat(carrier.submit("13800138002", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            }
            await("the reply to 138****8002 waits for a bind that can take it",
                    gauge(gateway, "cxmyd.reply.queue.depth"), 1);

            assertThat(send(config, "13800138000")).isEqualTo(0);

            assertThat(outText()).contains("138****8000").doesNotContain("138****8002");
            assertThat(errText()).contains("acknowledged and skipped an earlier reply to 138****8002")
                    .doesNotContain("ERROR").doesNotContain("Exception");
            await("every reply acknowledged: none left to send again", gauge(gateway, "cxmyd.reply.queue.depth"), 0);
            await("every acknowledged query ended: none left to replay", gauge(gateway, "cxmyd.journal.pending"), 0);
        }
    }

    private static DoubleSupplier gauge(Gateway gateway, String name) {
        return () -> gateway.metrics().registry().find(name).gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    private static void await(String what, DoubleSupplier value, double expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (value.getAsDouble() != expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30s: " + what + " (was " + value.getAsDouble() + ")");
            }
            Thread.sleep(20);
        }
    }
}
