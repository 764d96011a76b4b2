package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BindLockoutTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final BindLockout lockout = new BindLockout(
            new LockoutPolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(15)), nanos::get);

    @Test
    void thirdFailureWithinTheWindowLocksTheAddressOut() throws UnknownHostException {
        InetAddress peer = ip("192.0.2.1");
        lockout.failed(peer, null);
        lockout.failed(peer, null);
        assertThat(lockout.isLockedOut(peer, null)).isFalse();

        lockout.failed(peer, null);

        assertThat(lockout.isLockedOut(peer, null)).isTrue();
        assertThat(lockout.isLockedOut(peer, "cmcc")).isTrue();
        assertThat(lockout.isLockedOut(ip("192.0.2.2"), "cmcc")).isFalse();
    }

    @Test
    void failuresForOneSystemIdFromManyAddressesLockTheSystemIdOut() throws UnknownHostException {
        lockout.failed(ip("192.0.2.1"), "cmcc");
        lockout.failed(ip("192.0.2.2"), "cmcc");
        lockout.failed(ip("192.0.2.3"), "cmcc");

        assertThat(lockout.isLockedOut(ip("198.51.100.7"), "cmcc")).isTrue();
        assertThat(lockout.isLockedOut(ip("198.51.100.7"), "cucc")).isFalse();
    }

    @Test
    void failuresSpreadWiderThanTheWindowDoNotLock() throws UnknownHostException {
        InetAddress peer = ip("192.0.2.1");
        lockout.failed(peer, "cmcc");
        lockout.failed(peer, "cmcc");
        advance(Duration.ofMinutes(5).plusSeconds(1));
        lockout.failed(peer, "cmcc");

        assertThat(lockout.isLockedOut(peer, "cmcc")).isFalse();
    }

    @Test
    void lockoutEndsAfterItsDuration() throws UnknownHostException {
        InetAddress peer = ip("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            lockout.failed(peer, "cmcc");
        }
        advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(lockout.isLockedOut(peer, "cmcc")).isTrue();

        advance(Duration.ofSeconds(1));

        assertThat(lockout.isLockedOut(peer, "cmcc")).isFalse();
        lockout.failed(peer, "cmcc");
        assertThat(lockout.isLockedOut(peer, "cmcc")).isFalse(); // counting starts afresh
    }

    @Test
    void goodBindClearsEarlierFailures() throws UnknownHostException {
        InetAddress peer = ip("192.0.2.1");
        lockout.failed(peer, "cmcc");
        lockout.failed(peer, "cmcc");
        lockout.succeeded(peer, "cmcc");
        lockout.failed(peer, "cmcc");

        assertThat(lockout.isLockedOut(peer, "cmcc")).isFalse();
    }

    @Test
    void ipv6PeerIsCountedByItsSlash64() throws UnknownHostException {
        lockout.failed(ip("2001:db8:0:1::a"), null);
        lockout.failed(ip("2001:db8:0:1::b"), null);
        lockout.failed(ip("2001:db8:0:1:ffff::c"), null);

        assertThat(lockout.isLockedOut(ip("2001:db8:0:1::99"), null)).isTrue();
        assertThat(lockout.isLockedOut(ip("2001:db8:0:2::a"), null)).isFalse();
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
