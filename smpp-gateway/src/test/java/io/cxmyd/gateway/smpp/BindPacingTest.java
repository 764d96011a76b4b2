package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BindPacingTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final BindPacing pacing = new BindPacing(
            new BindPacingPolicy(3, Duration.ofMinutes(15), Duration.ofSeconds(3)), nanos::get);

    @Test
    void failuresBeyondTheFreeOnesDoubleTheWaitUpToTheCeiling() throws UnknownHostException {
        InetAddress peer = ip("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertThat(pacing.delay(peer, "cmcc", false)).isZero();
            pacing.failed(peer, "cmcc", false);
        }
        assertThat(pacing.delay(peer, "cmcc", false)).isEqualTo(Duration.ofMillis(250));
        pacing.failed(peer, "cmcc", false);
        assertThat(pacing.delay(peer, "cmcc", false)).isEqualTo(Duration.ofMillis(500));
        for (int i = 0; i < 20; i++) {
            pacing.failed(peer, "cmcc", false);
        }
        assertThat(pacing.delay(peer, "cmcc", false)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void guessesCountAgainstTheAddressNeverAgainstTheSystemId() throws UnknownHostException {
        for (int i = 1; i <= 50; i++) {
            pacing.failed(ip("192.0.2." + i), "cmcc", false);
        }
        assertThat(pacing.delay(ip("198.51.100.7"), "cmcc", false)).isZero();
    }

    @Test
    void oneAddressTryingManySystemIdsIsSlowedUnlessItIsOnAnAllowList() throws UnknownHostException {
        InetAddress stranger = ip("192.0.2.1");
        InetAddress carrierHost = ip("10.0.0.1");
        for (String id : new String[] {"a", "b", "c", "d"}) {
            pacing.failed(stranger, id, false);
            pacing.failed(carrierHost, id, true);
        }
        assertThat(pacing.delay(stranger, "cmcc", false)).isEqualTo(Duration.ofMillis(500));
        assertThat(pacing.delay(carrierHost, "cmcc", true)).as("another carrier on the same host").isZero();
    }

    @Test
    void failuresLeaveTheCountOnceTheWindowHasPassedAndAGoodBindClearsItsPair() throws UnknownHostException {
        InetAddress peer = ip("192.0.2.1");
        for (int i = 0; i < 5; i++) {
            pacing.failed(peer, "cmcc", true);
        }
        nanos.addAndGet(Duration.ofMinutes(16).toNanos());
        assertThat(pacing.delay(peer, "cmcc", true)).isZero();

        for (int i = 0; i < 5; i++) {
            pacing.failed(peer, "cmcc", true);
        }
        pacing.succeeded(peer, "cmcc");
        assertThat(pacing.delay(peer, "cmcc", true)).isZero();
    }

    @Test
    void anIpv6PeerCountsByItsSlash64() throws UnknownHostException {
        for (int i = 1; i <= 3; i++) {
            pacing.failed(ip("2001:db8:1:2::" + i), "x" + i, false);
        }
        assertThat(pacing.delay(ip("2001:db8:1:2:ffff::9"), "cmcc", false)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theLongestWaitStaysUnderTheContractsFiveSeconds() {
        assertThatThrownBy(() -> new BindPacingPolicy(3, Duration.ofMinutes(1), Duration.ofSeconds(5)))
                .hasMessage("smpp.bindFailures.maxDelay: must be between 0 and 4s, was PT5S");
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
