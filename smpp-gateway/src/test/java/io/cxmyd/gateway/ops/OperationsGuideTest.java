package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The operations guide keeps up with the code: every metric and label word is explained there. */
class OperationsGuideTest {

    private static String guide() throws IOException {
        // Surefire runs in the module folder; the guide is in the project's docs/.
        return Files.readString(Path.of("..", "docs", "operations.md"));
    }

    @Test
    void everyMetricIsInTheCatalogue() throws IOException {
        String guide = guide();

        assertThat(MetricNames.ALL).allSatisfy(metric ->
                assertThat(guide).as(metric.exposedName()).contains("`" + metric.exposedName() + "`"));
    }

    @Test
    void everyLabelWordIsExplained() throws IOException {
        String guide = guide();

        Stream.of(
                Stream.of(QueryOutcome.values()).map(QueryOutcome::label),
                Stream.of(ReplyResult.values()).map(ReplyResult::label),
                Stream.of(BindFailureReason.values()).map(BindFailureReason::label),
                Stream.of(SourceErrorKind.values()).map(SourceErrorKind::label),
                Stream.of(WebCodeResult.values()).map(WebCodeResult::label))
                .flatMap(s -> s)
                .forEach(word -> assertThat(guide).as(word).contains("`" + word + "`"));
    }

    @Test
    void everyEndpointIsDocumented() throws IOException {
        assertThat(guide()).contains("`GET /metrics`", "`GET /health`", "`GET /health/ready`", "`GET /health/live`");
    }
}
