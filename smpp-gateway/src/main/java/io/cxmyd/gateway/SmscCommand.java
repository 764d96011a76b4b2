package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import io.cxmyd.gateway.smpp.client.SmscSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code smsc}: plays an ESME-mode carrier's SMSC for trying ESME mode by hand. Listens where the config's
 * {@code carriers[].smsc} points (or on {@code --port}), takes the gateway's bind with the carrier's account,
 * hands it one subscriber's message as deliver_sm, prints the whole reply addressed to that subscriber and
 * exits (0 with a reply, 1 without). The reply is printed in clear: the person running it asked for it.
 */
final class SmscCommand {

    static final String USAGE = """
            usage: java -jar cxmyd-gateway.jar smsc --config FILE --carrier ID --from MSISDN [--port P]
                     [--bind-timeout 90s] [--timeout 15s] [TEXT]

            Plays the SMSC of carrier ID, which FILE puts in ESME mode (carriers[].smsc): listens on its
            smsc.host and smsc.port (or --port P), waits for the gateway running with FILE to bind with the
            carrier's systemId and password, hands it TEXT (default CXMYD) from subscriber MSISDN to the
            carrier's first service number as deliver_sm, prints the whole reply (sent as submit_sm) on stdout
            and exits: 0 with a reply, 1 without, 2 for a bad command line or config. docs/smpp.md, ESME mode.""";

    private SmscCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        Path file = Path.of(args.required("--config"));
        GatewayConfig config = new ConfigLoader().load(file);
        if (System.getProperty("cxmyd.log.level") == null) {
            System.setProperty("cxmyd.log.level", "WARN");
        }
        Main.useLogbackBeside(file);
        String carrierId = args.required("--carrier");
        String from = args.required("--from");
        String text = args.word() == null ? "CXMYD" : args.word();
        GatewayConfig.Carrier carrier = config.carrier(carrierId).orElseThrow(() -> new Args.UsageException(
                "--carrier: no carrier " + carrierId + " in the config (have "
                        + config.carriers().stream().map(GatewayConfig.Carrier::id).toList() + ")"));
        GatewayConfig.Smsc smsc = carrier.smsc().orElseThrow(() -> new Args.UsageException(
                "--carrier: " + carrierId + " has no smsc in the config (it binds to the gateway: use send)"));
        int port = Integer.parseInt(args.optional("--port", Integer.toString(smsc.port())));
        Duration bindWait = SendCommand.flagDuration("--bind-timeout", args.optional("--bind-timeout", "90s"));
        Duration timeout = SendCommand.flagDuration("--timeout", args.optional("--timeout", "15s"));
        String to = carrier.serviceNumbers().get(0);
        try (SmscSimulator sim = SmscSimulator.listen(smsc.host(), port, carrier.systemId(), carrier.password())) {
            err.println("playing " + carrierId + "'s SMSC on " + smsc.host() + ":" + sim.port()
                    + ", waiting for the gateway's bind ...");
            if (!sim.awaitReceiver(bindWait)) {
                err.println("the gateway did not bind within " + bindWait.toSeconds() + " s (is it running with "
                        + "this config? it binds again after its reconnect backoff, up to smsc.reconnectMax)");
                return Main.EXIT_FAILED;
            }
            SmppStatus status = sim.deliver(from, to, text);
            if (status != SmppStatus.ESME_ROK) {
                err.println("deliver_sm refused: " + status);
                return Main.EXIT_FAILED;
            }
            Optional<ReceivedReply> reply = sim.awaitReplyTo(from, timeout);
            if (reply.isEmpty()) {
                err.println("no reply within " + timeout.toSeconds() + " s");
                return Main.EXIT_FAILED;
            }
            ReceivedReply r = reply.get();
            err.println("reply from " + r.source().address() + " in " + r.parts() + " part(s):");
            out.println(r.text());
            return Main.EXIT_OK;
        } catch (SmppClientException e) {
            err.println("cannot deliver: " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (IOException e) {
            err.println("cannot listen on " + smsc.host() + ":" + port + ": " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILED;
        }
    }
}
