package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.Durations;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import io.cxmyd.itinerary.Msisdn;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code send}: binds as a carrier of the config, sends one text from a subscriber to the carrier's first
 * service number, prints the reply and exits (0 with a reply, 1 without). Meant for trying the gateway by
 * hand; the reply is printed in clear because the person running it asked for it.
 */
final class SendCommand {

    static final String USAGE = """
            usage: java -jar cxmyd-gateway.jar send --config FILE --carrier ID --from MSISDN [--timeout 15s] [TEXT]

            Plays a carrier's SMSC against a running gateway: binds as carrier ID of FILE (its systemId and
            password), sends TEXT (default CXMYD) from subscriber MSISDN to the carrier's first service number,
            prints the reply on stdout and exits: 0 with a reply, 1 without, 2 for a bad command line or config.

              --config FILE     the gateway's config (where it listens, the carriers' accounts)
              --carrier ID      a carriers[].id of FILE, e.g. china-mobile
              --from MSISDN     the subscriber, e.g. 13800138000 (docs/demo-data.md lists the demo numbers)
              --timeout 15s     how long to wait for the reply (500ms, 30s, 1m ...)

            The gateway answers each subscriber at most limits.perSubscriber times per window (5/10m in
            config/gateway.yml): the next query gets "查询过于频繁", later ones no reply until the window ends.""";

    private SendCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        String configFile = args.required("--config");
        String carrierId = args.required("--carrier");
        String from = args.required("--from");
        Duration timeout = flagDuration("--timeout", args.optional("--timeout", "15s"));
        GatewayConfig config = new ConfigLoader().load(Path.of(configFile));
        if (System.getProperty("cxmyd.log.level") == null) {
            // A tool for a person at a terminal: the reply on stdout, only warnings besides, and those on stderr.
            System.setProperty("cxmyd.log.level", "WARN");
        }
        if (System.getProperty("cxmyd.log.target") == null) {
            System.setProperty("cxmyd.log.target", "System.err");
        }
        Main.useLogbackBeside(Path.of(configFile));
        // jsmpp logs a refused bind as ERROR with its stack trace; send says it in one line of its own.
        if (LoggerFactory.getLogger("org.jsmpp") instanceof ch.qos.logback.classic.Logger jsmpp) {
            jsmpp.setLevel(ch.qos.logback.classic.Level.OFF);
        }
        String text = args.word() == null ? "CXMYD" : args.word();
        GatewayConfig.Carrier carrier = config.carrier(carrierId).orElseThrow(() -> noSuchCarrier(config,
                carrierId, configFile));
        String host = config.smpp().host().equals("0.0.0.0") ? "127.0.0.1" : config.smpp().host();
        String to = carrier.serviceNumbers().get(0);
        SendMessages.Target target = new SendMessages.Target(host, config.smpp().port(), carrier.systemId(),
                carrierId, configFile);
        SmppClient.Options options = SmppClient.Options.transceiver(host, config.smpp().port(), carrier.systemId(),
                carrier.password());
        SmppClient bound;
        try {
            bound = SmppClient.bind(options);
        } catch (SmppClientException e) {
            err.println(SendMessages.cannotBind(target, e.status(), e));
            return Main.EXIT_FAILED;
        }
        try (SmppClient client = bound) {
            long throttledBefore = ThrottleCount.read(config.metrics().host(), config.metrics().port(), carrierId);
            SmppStatus status = client.submit(from, to, text);
            if (status != SmppStatus.ESME_ROK) {
                err.println(SendMessages.refused(status, from, to, carrierId));
                return Main.EXIT_FAILED;
            }
            Optional<ReceivedReply> reply = awaitReplyTo(client, from, timeout, err);
            if (reply.isEmpty()) {
                long throttledAfter = throttledBefore < 0 ? -1
                        : ThrottleCount.read(config.metrics().host(), config.metrics().port(), carrierId);
                long meanwhile = throttledAfter < 0 ? -1 : throttledAfter - throttledBefore;
                err.println(SendMessages.noReply(Durations.format(timeout), from, meanwhile, perSubscriber(config),
                        configFile));
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

    /**
     * The reply addressed to {@code from}. Replies to other numbers can come first: the gateway sends what it
     * still holds for this carrier (from an earlier run that left before its reply) as soon as a bind is up.
     * Those are acknowledged, so the gateway stops holding them, and skipped.
     */
    private static Optional<ReceivedReply> awaitReplyTo(SmppClient client, String from, Duration timeout,
            PrintStream err) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Optional<ReceivedReply> reply = client.awaitReply(Duration.ofNanos(left));
            if (reply.isEmpty() || reply.get().destination().address().equals(from)) {
                return reply;
            }
            err.println("(acknowledged and skipped an earlier reply to " + Msisdn.mask(reply.get().destination().address())
                    + " that the gateway still held)");
        }
    }

    private static String perSubscriber(GatewayConfig config) {
        GatewayConfig.Limits l = config.limits();
        return l.perSubscriberEnabled() ? l.perSubscriber() + "/" + Durations.format(l.perSubscriberWindow()) : "off";
    }

    /** A carrier id not in the config; people often give the systemId (cmcc) for the id (china-mobile). */
    private static Args.UsageException noSuchCarrier(GatewayConfig config, String carrierId, String configFile) {
        String bySystemId = config.carriers().stream().filter(c -> c.systemId().equals(carrierId))
                .map(c -> "; " + carrierId + " is the systemId of " + c.id()).findFirst().orElse("");
        return new Args.UsageException("--carrier: no carrier with id " + carrierId + " in " + configFile
                + bySystemId + "; its carriers: "
                + String.join(", ", config.carriers().stream().map(GatewayConfig.Carrier::id).toList()));
    }

    static Duration flagDuration(String flag, String value) {
        try {
            return Durations.flag(flag, value, Duration.ofMillis(1));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }
}
