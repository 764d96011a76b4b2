package io.cxmyd.gateway;

import ch.qos.logback.classic.LoggerContext;
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
        int status = run(args, System.out, System.err);
        stopLogging();
        System.exit(status);
    }

    /**
     * Writes out the lines still queued in front of the console (config/logback.xml: a queue that never makes a
     * query wait), for at most its maxFlushTime: System.exit alone would leave them, the last "stopped" among them.
     */
    static void stopLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            return; // no command configured logging (--help, a usage error): nothing queued, nothing to start
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.remove(0) : "run";
        if (args.length == 0) {
            // A first try without arguments: show what there is rather than name one missing option.
            usage(err);
            return EXIT_USAGE;
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h") || command.equals("help")) {
            return Help.print(command, args, rest, out, err);
        }
        try {
            return switch (command) {
                case "run" -> runGateway(Args.parse(rest, List.of("--config")), err);
                case "bench" -> io.cxmyd.gateway.load.LoadCommand.run(rest, out, err);
                case "smsc" -> SmscCommand.run(Args.parse(rest,
                        List.of("--config", "--carrier", "--from", "--port", "--timeout", "--bind-timeout")), out, err);
                case "send" -> SendCommand.run(Args.parse(rest, List.of("--config", "--carrier", "--from", "--timeout")), out, err);
                case "receive" -> ReceiveCommand.run(Args.parse(rest, List.of("--config", "--carrier")), out, err);
                default -> {
                    err.println("unknown command: " + command + (looksLikeAFile(command)
                            ? " (did you mean --config " + command + "?)" : ""));
                    usage(err);
                    yield EXIT_USAGE;
                }
            };
        } catch (Args.UsageException e) {
            err.println(e.getMessage() + " (java -jar cxmyd-gateway.jar " + command + " --help)");
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (DatasetException e) {
            err.println("dataset error: " + e.getMessage());
            return EXIT_USAGE;
        }
    }

    static void usage(PrintStream s) {
        s.println(Help.OVERVIEW);
    }

    private static boolean looksLikeAFile(String word) {
        return word.endsWith(".yml") || word.endsWith(".yaml") || Files.isRegularFile(Path.of(word));
    }

    private static int runGateway(Args args, PrintStream err) {
        if (args.word() != null) {
            throw new Args.UsageException("unexpected argument: " + args.word() + (looksLikeAFile(args.word())
                    ? " (did you mean --config " + args.word() + "?)" : ""));
        }
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
            // One line a person can act on; the trace only when it is a bug, or at DEBUG (docs/operations.md).
            err.println("cannot start: " + StartFailure.describe(e, file));
            if (StartFailure.userCanFix(e)) {
                LoggerFactory.getLogger(Main.class).debug("cannot start", e);
            } else {
                LoggerFactory.getLogger(Main.class).error("cannot start", e);
            }
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
