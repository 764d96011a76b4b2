package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void singleIpv4AddressContainsOnlyItself() throws UnknownHostException {
        AddressRange r = AddressRange.parse("127.0.0.1");
        assertThat(r.contains(ip("127.0.0.1"))).isTrue();
        assertThat(r.contains(ip("127.0.0.2"))).isFalse();
    }

    @Test
    void ipv4BlockContainsItsAddressesAndNoOthers() throws UnknownHostException {
        AddressRange r = AddressRange.parse("10.0.0.0/8");
        assertThat(r.contains(ip("10.0.0.0"))).isTrue();
        assertThat(r.contains(ip("10.255.255.255"))).isTrue();
        assertThat(r.contains(ip("11.0.0.0"))).isFalse();
        assertThat(r.contains(ip("9.255.255.255"))).isFalse();
        assertThat(AddressRange.parse("192.168.1.128/25").contains(ip("192.168.1.127"))).isFalse();
        assertThat(AddressRange.parse("192.168.1.128/25").contains(ip("192.168.1.200"))).isTrue();
    }

    @Test
    void zeroPrefixContainsEveryAddressOfItsFamilyOnly() throws UnknownHostException {
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(AddressRange.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(AddressRange.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void ipv6BlockContainsItsAddresses() throws UnknownHostException {
        AddressRange r = AddressRange.parse("2001:db8::/32");
        assertThat(r.contains(ip("2001:db8:1234::5"))).isTrue();
        assertThat(r.contains(ip("2001:db9::"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(ip("0:0:0:0:0:0:0:1"))).isTrue();
    }

    @Test
    void hostBitsOfABlockAreIgnored() throws UnknownHostException {
        assertThat(AddressRange.parse("10.1.2.3/8")).isEqualTo(AddressRange.parse("10.0.0.0/8"));
        assertThat(AddressRange.parse("10.1.2.3/8").contains(ip("10.9.9.9"))).isTrue();
    }

    @Test
    void hostNamesAndMalformedEntriesAreRefusedWithoutAnyLookup() {
        assertThatThrownBy(() -> AddressRange.parse("smsc.example.com"))
                .hasMessage("must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8, was \"smsc.example.com\"");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
                .hasMessage("prefix length must be 0 to 32, was \"10.0.0.0/33\"");
        assertThatThrownBy(() -> AddressRange.parse("::1/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("1:2:3")).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
