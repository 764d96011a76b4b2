package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SmppServerOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SmppServerOptions o = SmppServerOptions.defaults();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(2775);
        assertThat(o.enquireLinkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.bindTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.responseTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.maxPduLength()).isEqualTo(4096);
        assertThat(o.pduProcessorThreads()).isEqualTo(3);
        assertThat(o.pduQueueCapacity()).isEqualTo(100);
        assertThat(o.maxConnections()).isEqualTo(64);
    }

    @Test
    void mutateKeepsEveryValue() {
        SmppServerOptions o = SmppServerOptions.builder().port(0).maxPduLength(8192)
                .responseTimeout(Duration.ofMillis(300)).build();
        assertThat(o.mutate().build().toString()).isEqualTo(o.toString());
    }

    @Test
    void badValuesNameTheOptionTheRuleAndTheValue() {
        assertThatThrownBy(() -> SmppServerOptions.builder().port(70000))
                .hasMessage("smpp.port: must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> SmppServerOptions.builder().maxPduLength(100000))
                .hasMessage("smpp.maxPduLength: must be between 256 and 65536 octets, was 100000");
        assertThatThrownBy(() -> SmppServerOptions.builder().bindTimeout(Duration.ZERO))
                .hasMessage("smpp.bindTimeout: must be positive and at most 1 day, was PT0S");
        assertThatThrownBy(() -> SmppServerOptions.builder().pduProcessorThreads(0))
                .hasMessage("smpp.pduProcessorThreads: must be between 1 and 64, was 0");
        assertThatThrownBy(() -> SmppServerOptions.builder().host(" "))
                .hasMessage("smpp.host: must not be blank, was ' '");
    }
}
