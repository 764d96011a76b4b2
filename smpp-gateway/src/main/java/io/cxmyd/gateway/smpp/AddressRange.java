package io.cxmyd.gateway.smpp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a carrier's allow list: an IPv4 or IPv6 address, or a CIDR block of either ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}). Immutable; pure.
 *
 * <p>Only literal addresses are taken: a host name would need a DNS lookup at start-up, and the list would
 * then be only as trustworthy as the resolver.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private AddressRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code 192.0.2.7}, {@code 192.0.2.0/24}, {@code ::1} or {@code 2001:db8::/32}.
     *
     * @throws IllegalArgumentException saying what is wrong, for the configuration error
     */
    public static AddressRange parse(String text) {
        Objects.requireNonNull(text, "address range");
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address, text);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("prefix length must be 0 to " + bits + ", was \"" + text + "\"");
            }
            prefix = Integer.parseInt(p);
        }
        // The host bits of 10.1.2.3/8 are dropped: the block is 10.0.0.0/8, as routers read it.
        return new AddressRange(s, mask(bytes, prefix), prefix);
    }

    /** Whether {@code address} lies in this range; an IPv4 address never lies in an IPv6 range, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        byte[] masked = mask(candidate, prefixLength);
        return java.util.Arrays.equals(masked, network);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefixLength == prefixLength
                && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefixLength;
    }

    /** As written in the configuration. */
    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String address, String text) {
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8, was \""
                    + text + "\"");
        }
        try {
            // Safe: the patterns above admit only literals, which InetAddress parses without any lookup.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("not a valid IP address, was \"" + text + "\"");
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }
}
