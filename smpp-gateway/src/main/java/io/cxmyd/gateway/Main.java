package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigException;
import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.itinerary.source.local.DatasetException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar cxmyd-gateway.jar [run] --config FILE} starts the gateway;
 * {@code java -jar cxmyd-gateway.jar send --config FILE --carrier ID --from MSISDN [TEXT]} tries it by hand.
 *
 * <p>Exit status: 0 after a clean stop (SIGTERM or SIGINT), 2 for a bad command line, configuration or
 * dataset (one line on stderr naming the key, or file:line), 1 when the service cannot start or fails.
 * No static logger here: logback must be pointed at the config's logback.xml before the first one exists.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.remove(0) : "run";
        try {
            return switch (command) {
                case "run" -> runGateway(Args.parse(rest, List.of("--config")), err);
                case "bench" -> io.cxmyd.gateway.load.LoadCommand.run(rest, out, err);
                case "smsc" -> SmscCommand.run(Args.parse(rest,
                        List.of("--config", "--carrier", "--from", "--port", "--timeout", "--bind-timeout")), out, err);
                case "send" -> SendCommand.run(Args.parse(rest, List.of("--config", "--carrier", "--from", "--timeout")), out, err);
                case "help", "--help", "-h" -> {
                    usage(out);
                    yield EXIT_OK;
                }
                default -> {
                    err.println("unknown command: " + command);
                    usage(err);
                    yield EXIT_USAGE;
                }
            };
        } catch (Args.UsageException e) {
            err.println(e.getMessage());
            usage(err);
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (DatasetException e) {
            err.println("dataset error: " + e.getMessage());
            return EXIT_USAGE;
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: java -jar cxmyd-gateway.jar [run] --config FILE");
        s.println("       java -jar cxmyd-gateway.jar send --config FILE --carrier ID --from MSISDN [--timeout 15s] [TEXT]");
        s.println("       java -jar cxmyd-gateway.jar smsc --config FILE --carrier ID --from MSISDN [--port P] [TEXT]");
        s.println("           (plays an ESME-mode carrier's SMSC: takes the gateway's bind, prints the reply)");
        s.println("       java -jar cxmyd-gateway.jar bench (--in-process CONFIG | --target HOST:PORT --config CONFIG) ...");
        s.println("           (the load tool: docs/performance.md)");
    }

    private static int runGateway(Args args, PrintStream err) {
        Path file = Path.of(args.required("--config"));
        GatewayConfig config = new ConfigLoader().load(file);
        useLogbackBeside(file);
        Gateway gateway = new Gateway(config);
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM/SIGINT: an orderly stop and exit status 0, which a plain shutdown hook cannot give (143).
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try {
            gateway.start();
        } catch (DatasetException | ConfigException e) {
            throw e;
        } catch (Exception e) {
            err.println("cannot start: " + e.getMessage());
            LoggerFactory.getLogger(Main.class).error("cannot start", e);
            return EXIT_FAILED;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LoggerFactory.getLogger(Main.class).info("stopping: draining replies in flight, then unbinding");
        gateway.drainAndClose();
        LoggerFactory.getLogger(Main.class).info("stopped");
        return EXIT_OK;
    }

    /**
     * Uses the logback.xml beside the config file when there is one (config/logback.xml ships there), else the
     * copy of config/logback.xml inside the jar: never logback's default, which logs jsmpp's PDU dumps at DEBUG.
     */
    static void useLogbackBeside(Path configFile) {
        LogFormat.normalize(System.getProperties());
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        Path dir = configFile.toAbsolutePath().getParent();
        Path xml = dir == null ? null : dir.resolve("logback.xml");
        if (xml != null && Files.isRegularFile(xml)) {
            System.setProperty("logback.configurationFile", xml.toString());
        } else {
            System.setProperty("logback.configurationFile", BUNDLED_LOGBACK);
        }
    }

    /** config/logback.xml as the build copies it into the jar (smpp-gateway/pom.xml, resources). */
    static final String BUNDLED_LOGBACK = "io/cxmyd/gateway/logback.xml";
}
