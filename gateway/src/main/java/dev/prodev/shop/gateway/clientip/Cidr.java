package dev.prodev.shop.gateway.clientip;

import java.net.InetAddress;

/**
 * An address range like {@code 10.0.0.0/8} or {@code 2001:db8::/32}, or one address; parsed from
 * literals only (no DNS) and compared as addresses, so any spelling of an address matches.
 */
public record Cidr(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException when {@code value} is not an IP literal with an optional valid prefix */
    public static Cidr parse(String value) {
        var slash = value.indexOf('/');
        var literal = slash < 0 ? value : value.substring(0, slash);
        var address = IpAddresses.parse(literal)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + value))
                .getAddress();
        int prefix;
        try {
            prefix = slash < 0
                    ? address.length * 8
                    : Integer.parseInt(value.substring(slash + 1).trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("bad prefix length in " + value, ex);
        }
        if (slash >= 0 && address.length == 4 && literal.contains(":")) {
            prefix -= 96; // ::ffff:10.0.0.0/104 is 10.0.0.0/8: mapped addresses are compared as IPv4
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + value);
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = IpAddresses.normalize(address).getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    /** True when any of {@code ranges} contains {@code address}. */
    public static boolean anyContains(java.util.List<Cidr> ranges, InetAddress address) {
        for (var range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
