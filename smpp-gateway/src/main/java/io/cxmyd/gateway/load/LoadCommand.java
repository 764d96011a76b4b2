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
        // --esme: after the server-mode run, the same load in ESME mode (EsmeBench), and the ratio of the two.
        List<String> rest = new ArrayList<>(args);
        boolean esme = rest.remove("--esme");
        try {
            options = LoadOptions.parse(rest);
            if (esme && options.inProcess().isEmpty()) {
                throw new IllegalArgumentException("--esme: needs --in-process CONFIG (the tool plays the SMSCs)");
            }
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
                    try (EchoServer server = EchoServer.start(config, SmppWiring.smppOptions(config))) {
                        List<LoadRun.Carrier> echoCarriers = carriers.stream()
                                .map(c -> new LoadRun.Carrier(c.systemId(), c.password(), c.serviceNumber(),
                                        (from, text) -> text.equals(EchoServer.TEXT) ? null : "not the echo text"))
                                .toList();
                        echo = new LoadRun("127.0.0.1", server.port(), echoCarriers, options, numbers, false).run();
                    }
                    Report.print(out, "echo (SMPP stack alone, same JVM as the tool)", echo);
                }
                gateway = new LoadRun(host, port, carriers, options, numbers, inProcess != null).run();
            } finally {
                if (inProcess != null) {
                    inProcess.close();
                }
            }
            Report.print(out, options.inProcess().isPresent() ? "gateway (in this JVM)" : "gateway at " + options.target(),
                    gateway);
            if (echo != null) {
                Report.ratio(out, gateway, echo);
            }
            boolean ok = gateway.missing == 0 && gateway.checkFailures.sum() == 0 && gateway.replied.sum() > 0;
            if (esme) {
                Figures e = EsmeBench.run(config, carriers, options, numbers, out);
                Report.print(out, "gateway in ESME mode (in this JVM; the tool plays the SMSCs)", e);
                out.println("== ESME mode / server mode ==");
                out.printf(java.util.Locale.ROOT, "throughput %.2f (%.0f / %.0f per s); p50 latency x%.1f, p99 x%.1f%n",
                        e.throughput() / gateway.throughput(), e.throughput(), gateway.throughput(),
                        Figures.ms(e.latency, 50) / Figures.ms(gateway.latency, 50),
                        Figures.ms(e.latency, 99) / Figures.ms(gateway.latency, 99));
                ok &= e.missing == 0 && e.checkFailures.sum() == 0 && e.replied.sum() > 0;
            }
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
