package dev.prodev.shop.gateway.clientip;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP literals as addresses, never as typed text: {@code 2001:db8::1}, {@code 2001:0DB8:0:0:0:0:0:1}
 * and {@code [2001:db8::1]:443} are one address, and an IPv4-mapped IPv6 address
 * ({@code ::ffff:198.51.100.7}, what a dual-stack socket reports for an IPv4 client) is that IPv4
 * address. Parsing is Netty's literal parser, so a header value can never trigger a DNS lookup; the
 * canonical text is RFC 5952's (lower case, longest zero run compressed).
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The address written in {@code text} (an IPv4 or IPv6 literal, optionally bracketed or with a port), or empty. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var value = text.trim();
        if (value.startsWith("[")) { // [v6] or [v6]:port (Forwarded / X-Forwarded-For with a port)
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            value = value.substring(1, close);
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':') && value.indexOf('.') > 0) {
            value = value.substring(0, value.indexOf(':')); // v4:port
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        if (value.isEmpty() || value.length() > 45) {
            return Optional.empty();
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(value);
        return bytes == null ? Optional.empty() : Optional.of(of(bytes));
    }

    /** The same address with an IPv4-mapped IPv6 form reduced to IPv4. */
    public static InetAddress normalize(InetAddress address) {
        return address instanceof Inet6Address ? of(address.getAddress()) : address;
    }

    /** RFC 5952 text of the address: the one form stored in Redis and shown to admins. */
    public static String canonical(InetAddress address) {
        return NetUtil.toAddressString(normalize(address));
    }

    /** {@code text} in canonical form, or empty when it is not an IP literal. */
    public static Optional<String> canonical(String text) {
        return parse(text).map(IpAddresses::canonical);
    }

    /**
     * The key a client is counted and temporarily blocked under: an IPv4 address whole, an IPv6
     * address as its network of {@code ipv6PrefixLength} bits ({@code 2001:db8:1:2::/64}).
     */
    public static String network(InetAddress address, int ipv6PrefixLength) {
        var normalized = normalize(address);
        if (normalized instanceof Inet4Address || ipv6PrefixLength >= 128) {
            return canonical(normalized);
        }
        byte[] bytes = normalized.getAddress();
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return canonical(of(bytes)) + "/" + ipv6PrefixLength;
    }

    private static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // literal bytes: never resolved; maps ::ffff:a.b.c.d to IPv4
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException("not an IP address of 4 or 16 bytes", ex);
        }
    }
}
