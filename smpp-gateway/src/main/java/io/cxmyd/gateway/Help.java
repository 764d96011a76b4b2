package io.cxmyd.gateway;

import io.cxmyd.gateway.load.LoadCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --help}, {@code -h} and {@code help [COMMAND]}: the usage of the product or of one command, on stdout
 * with exit status 0, whatever else the command line holds (a person asking for help should get it, not an
 * error about the options around it).
 */
final class Help {

    static final String OVERVIEW = """
            usage: java -jar cxmyd-gateway.jar [COMMAND] [OPTIONS]

            The CXMYD SMS gateway: answers subscribers' CXMYD texts with their itinerary, over SMPP 3.4.

            commands:
              run --config FILE   start the gateway (the default command: java -jar cxmyd-gateway.jar --config FILE)
              send ...            play a carrier against a running gateway: send one text, print the reply
              receive ...         play a carrier's phones: print every SMS the gateway sends it (web codes too)
              smsc ...            play an ESME-mode carrier's SMSC: take the gateway's bind, hand one text, print the reply
              bench ...           the load tool: queries/s and latency of a gateway (docs/performance.md)
              help [COMMAND]      this text, or one command's options (also: COMMAND --help)

            The dataset generator (docs/dataset.md), in the same jar:
              java -cp cxmyd-gateway.jar io.cxmyd.itinerary.tools.DatasetGenerator --help""";

    static final String RUN = """
            usage: java -jar cxmyd-gateway.jar [run] --config FILE

            Starts the gateway: the SMPP server the carriers bind to, the metrics and health endpoint, the
            itinerary source, the journal. Runs until SIGTERM or Ctrl-C, then stops taking queries, lets the
            replies in flight finish, unbinds the carriers and exits 0.

              --config FILE   the YAML configuration (docs/configuration.md); config/gateway.yml runs the demo

            Exit status: 0 after a clean stop; 2 for a bad command line, config or dataset (one line naming the key,
            or file:line); 1 when it cannot start (one line: a port in use, a journal folder held by another
            gateway, ...; -Dcxmyd.log.level=DEBUG adds the stack trace).
            Logging: -Dcxmyd.log.level=DEBUG|INFO|WARN, -Dcxmyd.log.format=json (docs/operations.md).""";

    private Help() {
    }

    /**
     * @param command the command word (run when none was given)
     * @param rest what followed the command word
     */
    static int print(String command, String[] args, List<String> rest, PrintStream out, PrintStream err) {
        boolean overview = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
        String topic = overview ? "" : command.equals("help") ? rest.stream().filter(a -> !a.startsWith("-"))
                .findFirst().orElse("") : command;
        String text = usageOf(topic);
        if (text == null) {
            err.println("unknown command: " + topic);
            err.println(OVERVIEW);
            return Main.EXIT_USAGE;
        }
        out.println(text);
        return Main.EXIT_OK;
    }

    private static String usageOf(String topic) {
        return switch (topic) {
            case "" -> OVERVIEW;
            case "run" -> RUN;
            case "send" -> SendCommand.USAGE;
            case "receive" -> ReceiveCommand.USAGE;
            case "smsc" -> SmscCommand.USAGE;
            case "bench" -> LoadCommand.usage();
            case "help" -> OVERVIEW;
            default -> null;
        };
    }
}
