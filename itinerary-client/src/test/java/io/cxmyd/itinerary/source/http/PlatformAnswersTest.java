package io.cxmyd.itinerary.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.source.SourceException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformAnswersTest {

    private static final String CALL = "POST http://10.0.0.1:8080/v1/itinerary-data";
    private static final String OK = "{\"subscriber\":{\"carrier\":\"c\",\"activatedOn\":\"2021-01-02\"},\"events\":[]}";

    private static RawResponse response(int status, String body) {
        return new RawResponse(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void okAnswerIsDecoded() {
        assertThat(PlatformAnswers.interpret(response(200, OK), AreaCatalog.standard(), CALL)).isPresent();
    }

    @Test
    void unknownSubscriberIsEmpty() {
        assertThat(PlatformAnswers.interpret(response(404, "{\"error\":\"unknown_subscriber\"}"),
                AreaCatalog.standard(), CALL)).isEmpty();
    }

    @ParameterizedTest(name = "status {0} fails with {1}")
    @CsvSource({
        "500, status_5xx", "502, status_5xx", "503, status_5xx", "599, status_5xx",
        "400, status_4xx", "401, status_4xx", "403, status_4xx", "429, status_4xx",
        "404, status_4xx", // a 404 that does not say unknown_subscriber
        "204, bad_response", "201, bad_response", "301, bad_response", "302, bad_response", "100, bad_response",
    })
    void otherStatusesFailWithTheirKind(int status, String kind) {
        SourceException e = catchThrowableOfType(SourceException.class,
                () -> PlatformAnswers.interpret(response(status, "<html>oops</html>"), AreaCatalog.standard(), CALL));

        assertThat(e.kind().label()).isEqualTo(kind);
        assertThat(e.getMessage()).startsWith(CALL).contains(String.valueOf(status));
    }
}
