package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code send}: binds as a carrier of the config, sends one text from a subscriber to the carrier's first
 * service number, prints the reply and exits (0 with a reply, 1 without). Meant for trying the gateway by
 * hand; the reply is printed in clear because the person running it asked for it.
 */
final class SendCommand {

    private SendCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        GatewayConfig config = new ConfigLoader().load(Path.of(args.required("--config")));
        if (System.getProperty("cxmyd.log.level") == null) {
            // A tool for a person at a terminal: the reply on stdout, only warnings besides.
            System.setProperty("cxmyd.log.level", "WARN");
        }
        Main.useLogbackBeside(Path.of(args.required("--config")));
        String carrierId = args.required("--carrier");
        String from = args.required("--from");
        String text = args.word() == null ? "CXMYD" : args.word();
        Duration timeout = Duration.ofSeconds(Long.parseLong(args.optional("--timeout", "15").replace("s", "")));
        GatewayConfig.Carrier carrier = config.carrier(carrierId).orElseThrow(() -> new Args.UsageException(
                "--carrier: no carrier " + carrierId + " in the config (have "
                        + config.carriers().stream().map(GatewayConfig.Carrier::id).toList() + ")"));
        String host = config.smpp().host().equals("0.0.0.0") ? "127.0.0.1" : config.smpp().host();
        String to = carrier.serviceNumbers().get(0);
        SmppClient.Options options = SmppClient.Options.transceiver(host, config.smpp().port(), carrier.systemId(),
                carrier.password());
        try (SmppClient client = SmppClient.bind(options)) {
            SmppStatus status = client.submit(from, to, text);
            if (status != SmppStatus.ESME_ROK) {
                err.println("submit_sm refused: " + status);
                return Main.EXIT_FAILED;
            }
            Optional<ReceivedReply> reply = client.awaitReply(timeout);
            if (reply.isEmpty()) {
                err.println("no reply within " + timeout.toSeconds() + " s");
                return Main.EXIT_FAILED;
            }
            ReceivedReply r = reply.get();
            err.println("reply from " + r.source().address() + " in " + r.parts() + " part(s):");
            out.println(r.text());
            return Main.EXIT_OK;
        } catch (SmppClientException e) {
            err.println("cannot send: " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILED;
        }
    }
}
