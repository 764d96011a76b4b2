package io.cxmyd.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.SmppWiring;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load tool against a real gateway on the demo dataset, over loopback, for two seconds at a low rate:
 * every query it sends is matched with its whole reply, and every reply passes the tool's check. Behaviour
 * only: the figures it measures are not asserted.
 */
class LoadRunIntegrationTests {

    static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();

    /** The shared test gateway (demo data, pinned clock, three carriers), with no per-subscriber limit. */
    static final String CONFIG = io.cxmyd.gateway.TestGateways.config("limits:\n  perSubscriber: \"off\"\n");

    @Test
    void everyQuerySentAtAFixedRateIsAnsweredAndEveryReplyNamesItsSender() throws Exception {
        GatewayConfig config = io.cxmyd.gateway.TestGateways.parse(CONFIG);
        LoadOptions options = LoadOptions.parse(List.of("--target", "127.0.0.1:1", "--config", "unused.yml",
                "--rate", "50", "--warmup", "0s", "--duration", "2s", "--senders", "2", "--check-every", "1"));
        List<LoadRun.Carrier> carriers = List.of(carrier(config, "china-mobile"), carrier(config, "china-unicom"));
        Numbers numbers = Numbers.fromCsv(DEMO.resolve("subscribers.csv"), 0);

        Figures figures;
        try (Gateway gateway = new Gateway(config).start()) {
            figures = new LoadRun("127.0.0.1", gateway.smppPort(), carriers, options, numbers, true).run();
        }

        assertThat(figures.sent.sum()).isEqualTo(100);
        assertThat(figures.errorCounts()).isEmpty();
        assertThat(figures.replied.sum()).isEqualTo(figures.sent.sum());
        assertThat(figures.missing).isZero();
        assertThat(figures.unmatched.sum()).isZero();
        assertThat(figures.checked.sum()).isEqualTo(figures.sent.sum());
        assertThat(figures.firstCheckFailure).isNull();
        assertThat(figures.latency.getTotalCount()).isEqualTo(figures.replied.sum());
    }

    @Test
    void theSamePartsEchoSendsTheGatewaysOwnRepliesWithTheirPartCount() throws Exception {
        GatewayConfig config = io.cxmyd.gateway.TestGateways.parse(CONFIG);
        LoadOptions options = LoadOptions.parse(List.of("--target", "127.0.0.1:1", "--config", "unused.yml",
                "--rate", "50", "--warmup", "0s", "--duration", "2s", "--senders", "2", "--check-every", "1"));
        List<LoadRun.Carrier> carriers = List.of(carrier(config, "china-mobile"), carrier(config, "china-unicom"));
        Numbers numbers = Numbers.fromCsv(DEMO.resolve("subscribers.csv"), 0);
        Figures gateway;
        try (Gateway g = new Gateway(config).start()) {
            gateway = new LoadRun("127.0.0.1", g.smppPort(), carriers, options, numbers, false).run();
        }
        List<String> texts = List.copyOf(gateway.replyTexts);
        assertThat(texts).hasSize((int) gateway.replied.sum());

        Set<String> sent = new HashSet<>(texts);
        List<LoadRun.Carrier> echoCarriers = carriers.stream()
                .map(c -> new LoadRun.Carrier(c.systemId(), c.password(), c.serviceNumber(),
                        (from, text) -> sent.contains(text) ? null : "not one of the gateway's replies"))
                .toList();
        Figures echo;
        try (EchoServer server = EchoServer.start(config, SmppWiring.smppOptions(config), texts)) {
            echo = new LoadRun("127.0.0.1", server.port(), echoCarriers, options, numbers, false).run();
        }

        assertThat(echo.replied.sum()).isEqualTo(gateway.replied.sum());
        assertThat(echo.checked.sum()).isEqualTo(echo.replied.sum());
        assertThat(echo.firstCheckFailure).isNull();
        // Each sampled text went out once, so the two runs put the same number of parts on the wire.
        assertThat(gateway.parts.sum()).isGreaterThan(gateway.replied.sum());
        assertThat(echo.parts.sum()).isEqualTo(gateway.parts.sum());
    }

    private static LoadRun.Carrier carrier(GatewayConfig config, String id) {
        GatewayConfig.Carrier c = config.carrier(id).orElseThrow();
        return new LoadRun.Carrier(c.systemId(), c.password(), c.serviceNumbers().get(0),
                (from, text) -> LoadCommand.replyProblem(c.signature(), from, text));
    }
}
