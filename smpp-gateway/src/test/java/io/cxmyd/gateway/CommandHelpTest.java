package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every command answers --help and -h with its usage on stdout and exit status 0, whatever surrounds it. */
class CommandHelpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --help                                   | usage: java -jar cxmyd-gateway.jar [COMMAND]
            -h                                       | usage: java -jar cxmyd-gateway.jar [COMMAND]
            help                                     | usage: java -jar cxmyd-gateway.jar [COMMAND]
            run --help                               | usage: java -jar cxmyd-gateway.jar [run] --config FILE
            run -h                                   | usage: java -jar cxmyd-gateway.jar [run] --config FILE
            --config x.yml --help                    | usage: java -jar cxmyd-gateway.jar [run] --config FILE
            send --help                              | usage: java -jar cxmyd-gateway.jar send --config FILE
            send -h                                  | usage: java -jar cxmyd-gateway.jar send --config FILE
            send --carrier china-mobile --help       | usage: java -jar cxmyd-gateway.jar send --config FILE
            help send                                | usage: java -jar cxmyd-gateway.jar send --config FILE
            bench --help                             | usage: java -jar cxmyd-gateway.jar bench
            bench -h                                 | usage: java -jar cxmyd-gateway.jar bench
            bench --duration 1.5s --help             | usage: java -jar cxmyd-gateway.jar bench
            help bench                               | usage: java -jar cxmyd-gateway.jar bench
            """)
    void helpIsTheCommandsUsageOnStdoutWithExitZero(String commandLine, String firstLine) {
        assertThat(run(commandLine.split(" "))).isZero();
        assertThat(outText()).startsWith(firstLine);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theOverviewNamesEveryCommandAndTheDatasetGenerator() {
        run("--help");
        assertThat(outText()).contains("run --config FILE", "send ...", "bench ...", "help [COMMAND]",
                "io.cxmyd.itinerary.tools.DatasetGenerator --help");
    }

    @Test
    void helpOnAnUnknownCommandIsAUsageError() {
        assertThat(run("help", "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown command: frobnicate");
        assertThat(outText()).isEmpty();
    }
}
