package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminHttpOptionsTest {

    @Test
    void defaultsAreTheContractsLoopbackPort() {
        AdminHttpOptions options = AdminHttpOptions.defaults();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(9464);
    }

    @Test
    void portZeroIsAllowedToPickAFreeOne() {
        assertThat(AdminHttpOptions.builder().port(0).build().port()).isZero();
    }

    @Test
    void portOutOfRangeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> AdminHttpOptions.builder().port(70000))
                .hasMessage("metrics.port: between 0 and 65535, was 70000");
        assertThatThrownBy(() -> AdminHttpOptions.builder().port(-1))
                .hasMessage("metrics.port: between 0 and 65535, was -1");
    }

    @Test
    void blankHostIsRefused() {
        assertThatThrownBy(() -> AdminHttpOptions.builder().host(" "))
                .hasMessage("metrics.host: must not be blank, was ' '");
    }

    @Test
    void requestLimitAndIdleTimeoutAreBounded() {
        assertThatThrownBy(() -> AdminHttpOptions.builder().maxRequestBytes(100))
                .hasMessage("metrics.maxRequestBytes: between 1024 and 1048576, was 100");
        assertThatThrownBy(() -> AdminHttpOptions.builder().idleTimeout(Duration.ZERO))
                .hasMessage("metrics.idleTimeout: more than 0 and at most 1 hour, was PT0S");
        assertThat(AdminHttpOptions.builder().idleTimeout(Duration.ofSeconds(5)).build().idleTimeout())
                .isEqualTo(Duration.ofSeconds(5));
    }
}
