package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCheckTest {

    @Test
    void addressesLocalhostAndConfiguredNamesAreThisServer() {
        assertThat(HostCheck.allowed("127.0.0.1:9464", Set.of())).isTrue();
        assertThat(HostCheck.allowed("10.20.0.5", Set.of())).isTrue();
        assertThat(HostCheck.allowed("[::1]:9464", Set.of())).isTrue();
        assertThat(HostCheck.allowed("LocalHost:9464", Set.of())).isTrue();
        assertThat(HostCheck.allowed("gw-1.example.net:9464", Set.of("gw-1.example.net"))).isTrue();
        assertThat(HostCheck.allowed(null, Set.of())).as("HTTP/1.0 without Host: no browser").isTrue();
    }

    @Test
    void anyOtherNameIsARebindingPage() {
        assertThat(HostCheck.allowed("rebound.example:9464", Set.of())).isFalse();
        assertThat(HostCheck.allowed("gw-1.example.net.evil.example", Set.of("gw-1.example.net"))).isFalse();
        assertThat(HostCheck.allowed("[::1", Set.of())).isFalse();
        assertThat(HostCheck.allowed(":9464", Set.of())).isFalse();
    }
}
