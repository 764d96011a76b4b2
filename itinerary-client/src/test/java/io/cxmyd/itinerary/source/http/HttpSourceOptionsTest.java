package io.cxmyd.itinerary.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSourceOptionsTest {

    private static HttpSourceOptions.Builder valid() {
        return HttpSourceOptions.builder().baseUrl("http://10.1.2.3:8080");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        HttpSourceOptions o = valid().build();

        assertThat(o.host()).isEqualTo("10.1.2.3");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.basePath()).isEmpty();
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.responseTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.maxConnections()).isEqualTo(32);
        assertThat(o.maxResponseBytes()).isEqualTo(1024 * 1024);
        assertThat(o.maxPendingRequests()).isEqualTo(1024);
        assertThat(o.authToken()).isEmpty();
    }

    @Test
    void portDefaultsTo80AndAPathBecomesAPrefixWithoutTrailingSlash() {
        HttpSourceOptions o = HttpSourceOptions.builder().baseUrl("http://platform.example/itinerary/").build();

        assertThat(o.port()).isEqualTo(80);
        assertThat(o.basePath()).isEqualTo("/itinerary");
    }

    @Test
    void baseUrlMustBeAPlainHttpUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> HttpSourceOptions.builder().build())
                .withMessage("baseUrl: required, e.g. http://127.0.0.1:8080, was absent");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("ftp://x/").build())
                .withMessage("baseUrl: must be http://host[:port][/path], was 'ftp://x/'");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("10.1.2.3:8080").build())
                .withMessageStartingWith("baseUrl: ");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("https://x").build())
                .withMessage("baseUrl: https is not supported, use http, was 'https://x'");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("http://x/a?b=1").build())
                .withMessageStartingWith("baseUrl: must not have a query");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("http://x:0").build())
                .withMessage("baseUrl: port between 1 and 65535, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("http://x y").build())
                .withMessageStartingWith("baseUrl: not a URL");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl("http://bob:pw@x").build())
                .withMessage("baseUrl: must not hold user info, use authToken instead");
    }

    @Test
    void timeoutsMustBeBetweenOneMillisecondAndOneMinute() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().connectTimeout(Duration.ZERO).build())
                .withMessage("connectTimeout: between 1 ms and 60 s, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().responseTimeout(Duration.ofMinutes(2)).build())
                .withMessage("responseTimeout: between 1 ms and 60 s, was PT2M");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().responseTimeout(null).build())
                .withMessage("responseTimeout: required, was absent");
    }

    @Test
    void limitsMustBeInRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().maxConnections(0).build())
                .withMessage("maxConnections: between 1 and 1024, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().maxResponseBytes(100).build())
                .withMessage("maxResponseBytes: between 1024 and 67108864, was 100");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().maxPendingRequests(0).build())
                .withMessage("maxPendingRequests: between 1 and 1000000, was 0");
    }

    @Test
    void tokenIsCheckedAndNeverShown() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().authToken("abc def\r\nX: y").build())
                .withMessage("authToken: must be printable ASCII without spaces, was 13 characters (value hidden)");
        HttpSourceOptions o = valid().authToken("s3cret").build();

        assertThat(o.authToken()).contains("s3cret");
        assertThat(o.toString()).doesNotContain("s3cret").contains("authToken=(hidden)");
    }
}
