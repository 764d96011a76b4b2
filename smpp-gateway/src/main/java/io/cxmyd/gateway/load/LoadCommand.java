package io.cxmyd.gateway.load;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.SmppWiring;
import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.itinerary.Msisdn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * {@code java -jar cxmyd-gateway.jar bench ...}: drives CXMYD queries through a gateway (started here, or
 * running elsewhere) and, with {@code --echo}, through an echo server on the same SMPP stack, and prints the
 * figures of both and their ratio. docs/performance.md has the commands and the figures.
 *
 * <p>Exit status: 0 when every measured query was answered and every checked reply was right, 1 otherwise,
 * 2 for a bad command line or config. No static logger: logback must first be pointed at the config's.
 */
public final class LoadCommand {

    private LoadCommand() {
    }

    /** The options, for {@code bench --help}. */
    public static String usage() {
        return LoadOptions.USAGE;
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + " (java -jar cxmyd-gateway.jar bench --help)");
            return 2;
        }
        useLogbackBeside(options.config());
        GatewayConfig config = new ConfigLoader().load(options.config());
        try {
            List<LoadRun.Carrier> carriers = carriers(config, options);
            Numbers numbers = numbers(options, config);
            out.printf("load: %s; %d subscriber number(s) to draw from%n", options.describe(), numbers.size());
            Figures echo = null;
            Figures sameParts = null;
            Figures gateway;
            Gateway inProcess = null;
            try {
                String host;
                int port;
                if (options.inProcess().isPresent()) {
                    long t0 = System.nanoTime();
                    inProcess = new Gateway(config).start();
                    out.printf("gateway started in this JVM in %.1f s (dataset loaded)%n", (System.nanoTime() - t0) / 1e9);
                    host = "127.0.0.1";
                    port = inProcess.smppPort();
                } else {
                    int colon = options.target().lastIndexOf(':');
                    host = options.target().substring(0, colon);
                    port = Integer.parseInt(options.target().substring(colon + 1));
                }
                if (options.echo()) {
                    echo = runEcho(config, carriers, options, numbers, List.of());
                    Report.print(out, "plain echo (one part per reply; SMPP stack alone, same JVM as the tool)", echo);
                }
                gateway = new LoadRun(host, port, carriers, options, numbers, inProcess != null).run();
                Report.print(out, options.inProcess().isPresent() ? "gateway (in this JVM)"
                        : "gateway at " + options.target(), gateway);
                if (options.echo() && !gateway.replyTexts.isEmpty()) {
                    // Right after the gateway, while the in-process one (if any) idles: the same load, and the
                    // replies the gateway composed, so both sides put the same parts on the wire.
                    sameParts = runEcho(config, carriers, options, numbers, List.copyOf(gateway.replyTexts));
                    Report.print(out, "same-parts echo (" + gateway.replyTexts.size()
                            + " of the gateway's replies sent in turn; no lookup, no journal)", sameParts);
                }
            } finally {
                if (inProcess != null) {
                    inProcess.close();
                }
            }
            if (echo != null) {
                out.println("== ratios ==");
                if (sameParts != null) {
                    Report.ratio(out, "same-parts echo", gateway, sameParts);
                }
                Report.ratio(out, "plain echo", gateway, echo);
            }
            boolean ok = gateway.missing == 0 && gateway.checkFailures.sum() == 0 && gateway.replied.sum() > 0;
            return ok ? 0 : 1;
        } catch (IOException e) {
            err.println("bench failed: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** One echo run; {@code replyTexts} empty: the plain echo, else the same-parts one. */
    private static Figures runEcho(GatewayConfig config, List<LoadRun.Carrier> carriers, LoadOptions options,
            Numbers numbers, List<String> replyTexts) throws IOException, InterruptedException {
        Set<String> expected = replyTexts.isEmpty() ? Set.of(EchoServer.TEXT) : new HashSet<>(replyTexts);
        try (EchoServer server = EchoServer.start(config, SmppWiring.smppOptions(config), replyTexts)) {
            List<LoadRun.Carrier> echoCarriers = carriers.stream()
                    .map(c -> new LoadRun.Carrier(c.systemId(), c.password(), c.serviceNumber(),
                            (from, text) -> expected.contains(text) ? null : "not a text the echo sends"))
                    .toList();
            return new LoadRun("127.0.0.1", server.port(), echoCarriers, options, numbers, false).run();
        }
    }

    private static List<LoadRun.Carrier> carriers(GatewayConfig config, LoadOptions options) {
        List<String> ids = options.carriers().isEmpty()
                ? config.carriers().stream().map(GatewayConfig.Carrier::id).toList() : options.carriers();
        List<LoadRun.Carrier> carriers = new ArrayList<>();
        for (String id : ids) {
            GatewayConfig.Carrier c = config.carrier(id).orElseThrow(() -> new IllegalArgumentException(
                    "--carriers: no carrier " + id + " in " + options.config()));
            String signature = c.signature();
            carriers.add(new LoadRun.Carrier(c.systemId(), c.password(), c.serviceNumbers().get(0),
                    (from, text) -> replyProblem(signature, from, text)));
        }
        return carriers;
    }

    /** A reply is right when it starts with the carrier's signature and names the sender, masked. */
    static String replyProblem(String signature, String from, String text) {
        if (!text.startsWith(signature)) {
            return "the reply does not start with the carrier's signature";
        }
        if (!text.contains(Msisdn.mask(from))) {
            return "the reply does not name the sender " + Msisdn.mask(from);
        }
        return null;
    }

    private static Numbers numbers(LoadOptions options, GatewayConfig config) throws IOException {
        if (options.numbersFrom().isPresent()) {
            return Numbers.fromCsv(options.numbersFrom().get(), options.numbersLimit());
        }
        if (options.numbersRange() != null) {
            return Numbers.range(options.numbersRange());
        }
        if (config.itinerary().source().equals("local")) {
            return Numbers.fromCsv(config.itinerary().localDir().resolve("subscribers.csv"), options.numbersLimit());
        }
        throw new IllegalArgumentException("--numbers-from or --numbers-range: required with an http source");
    }


    /** The logback.xml beside the config, as {@code run} does (config/bench's sends the query log to a file). */
    private static void useLogbackBeside(Path configFile) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        Path dir = configFile.toAbsolutePath().getParent();
        Path xml = dir == null ? null : dir.resolve("logback.xml");
        if (xml != null && Files.isRegularFile(xml)) {
            System.setProperty("logback.configurationFile", xml.toString());
        }
    }
}
