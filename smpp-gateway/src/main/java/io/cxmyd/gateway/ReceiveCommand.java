package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import io.cxmyd.itinerary.Msisdn;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code receive}: binds as a carrier's receiver and prints every SMS the gateway sends it (verification codes
 * included) until stopped: the phone, for trying the web page by hand. The text is printed in clear because
 * the person running it asked for it; the subscriber's number is masked like everywhere else.
 */
final class ReceiveCommand {

    static final String USAGE = """
            usage: java -jar cxmyd-gateway.jar receive --config FILE --carrier ID

            Binds to a running gateway as that carrier's receiver and prints every SMS the gateway sends the
            carrier (itinerary replies and the web channel's verification codes) until Ctrl-C: the subscribers'
            phones, for trying the web page by hand (docs/web.md).

              --config FILE   the gateway's configuration (for the SMPP address and the carrier's credentials)
              --carrier ID    a carrier id of that configuration, e.g. china-mobile""";

    private ReceiveCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        Path file = Path.of(args.required("--config"));
        GatewayConfig config = new ConfigLoader().load(file);
        if (System.getProperty("cxmyd.log.level") == null) {
            System.setProperty("cxmyd.log.level", "WARN");
        }
        Main.useLogbackBeside(file);
        String carrierId = args.required("--carrier");
        GatewayConfig.Carrier carrier = config.carrier(carrierId).orElseThrow(() -> new Args.UsageException(
                "--carrier: no carrier " + carrierId + " in the config (have "
                        + config.carriers().stream().map(GatewayConfig.Carrier::id).toList() + ")"));
        String host = config.smpp().host().equals("0.0.0.0") ? "127.0.0.1" : config.smpp().host();
        SmppClient.Options options = SmppClient.Options.transceiver(host, config.smpp().port(), carrier.systemId(),
                carrier.password()).withMode(SmppClient.BindMode.RECEIVER);
        CountDownLatch stop = new CountDownLatch(1);
        // Ctrl-C ends the loop and unbinds; the JVM's own handlers come back after (run in-process by tests).
        sun.misc.SignalHandler term = Signal.handle(new Signal("TERM"), s -> stop.countDown());
        sun.misc.SignalHandler interrupt = Signal.handle(new Signal("INT"), s -> stop.countDown());
        try {
            return receive(options, carrierId, host, config.smpp().port(), stop, out, err);
        } finally {
            Signal.handle(new Signal("TERM"), term);
            Signal.handle(new Signal("INT"), interrupt);
        }
    }

    private static int receive(SmppClient.Options options, String carrierId, String host, int port,
            CountDownLatch stop, PrintStream out, PrintStream err) {
        try (SmppClient client = SmppClient.bind(options)) {
            err.println("bound as " + carrierId + " receiver on " + host + ":" + port
                    + "; printing every SMS until Ctrl-C");
            while (stop.getCount() > 0 && client.isBound()) {
                Optional<ReceivedReply> r = client.awaitReply(Duration.ofMillis(500));
                r.ifPresent(reply -> {
                    out.println("from " + reply.source().address() + " to " + Msisdn.mask(reply.destination().address())
                            + ": " + reply.text());
                    out.flush();
                });
            }
            if (stop.getCount() > 0) {
                err.println("the gateway closed the bind");
                return Main.EXIT_FAILED;
            }
            return Main.EXIT_OK;
        } catch (SmppClientException e) {
            err.println("cannot bind: " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILED;
        }
    }
}
