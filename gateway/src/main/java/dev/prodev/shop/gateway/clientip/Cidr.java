package dev.prodev.shop.gateway.clientip;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range like {@code 10.0.0.0/8} or one address; parsed from literals only (no DNS). */
record Cidr(byte[] network, int prefixLength) {

    static Cidr parse(String value) {
        var slash = value.indexOf('/');
        var address = literal(slash < 0 ? value : value.substring(0, slash));
        int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(value.substring(slash + 1));
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + value);
        }
        return new Cidr(address, prefix);
    }

    boolean contains(String ip) {
        byte[] candidate;
        try {
            candidate = literal(ip);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
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

    private static byte[] literal(String ip) {
        if (!ClientAddressFilter.looksLikeIp(ip)) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getAddress(); // a literal: parsed, never resolved
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("not an IP literal: " + ip, ex);
        }
    }
}
