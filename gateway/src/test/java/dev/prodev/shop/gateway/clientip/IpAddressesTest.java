package dev.prodev.shop.gateway.clientip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2001:db8::1",
                "2001:0db8:0:0:0:0:0:1",
                "2001:DB8::0001",
                "2001:0DB8:0000:0000:0000:0000:0000:0001",
                "[2001:db8::1]",
                "[2001:db8::1]:443",
                " 2001:db8::1 ",
                "2001:db8::1%eth0"
            })
    void everySpellingOfAnIpv6AddressIsOneCanonicalForm(String spelling) {
        assertThat(IpAddresses.canonical(spelling)).hasValue("2001:db8::1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "198.51.100.7",
                "::ffff:198.51.100.7",
                "::FFFF:c633:6407",
                "0:0:0:0:0:ffff:198.51.100.7",
                "198.51.100.7:5678",
                "[::ffff:198.51.100.7]:80"
            })
    void anIpv4MappedIpv6AddressIsItsIpv4Address(String spelling) {
        assertThat(IpAddresses.canonical(spelling)).hasValue("198.51.100.7");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "unknown",
                "localhost",
                "example.com",
                "198.51.100",
                "198.51.100.256",
                "1.2.3.4.5",
                "2001:db8::1::2",
                "2001:db8:::1",
                "gggg::1",
                "[2001:db8::1",
                "_gateway",
                "0x7f.1"
            })
    void anythingButAnIpLiteralIsNoAddressAndNeverResolved(String text) {
        assertThat(IpAddresses.parse(text)).isEmpty();
    }

    @Test
    void ipv6ClientsAreKeyedByTheirNetworkIpv4ByTheirAddress() {
        var a = IpAddresses.parse("2001:db8:abcd:12:1111:2222:3333:4444").orElseThrow();
        var b = IpAddresses.parse("2001:db8:abcd:12::9").orElseThrow();
        var other = IpAddresses.parse("2001:db8:abcd:13::9").orElseThrow();
        assertThat(IpAddresses.network(a, 64))
                .isEqualTo("2001:db8:abcd:12::/64")
                .isEqualTo(IpAddresses.network(b, 64));
        assertThat(IpAddresses.network(other, 64)).isNotEqualTo(IpAddresses.network(a, 64));
        assertThat(IpAddresses.network(other, 48))
                .isEqualTo(IpAddresses.network(a, 48))
                .isEqualTo("2001:db8:abcd::/48");
        assertThat(IpAddresses.network(a, 128)).isEqualTo("2001:db8:abcd:12:1111:2222:3333:4444");
        assertThat(IpAddresses.network(IpAddresses.parse("::ffff:203.0.113.5").orElseThrow(), 64))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void rangesMatchAnySpellingOfTheirAddresses() {
        var documentation = Cidr.parse("2001:DB8::/32");
        assertThat(documentation.contains(IpAddresses.parse("2001:0db8:ffff::1").orElseThrow()))
                .isTrue();
        assertThat(documentation.contains(IpAddresses.parse("2001:db9::1").orElseThrow()))
                .isFalse();
        var tenEight = Cidr.parse("10.0.0.0/8");
        assertThat(tenEight.contains(IpAddresses.parse("::ffff:10.1.2.3").orElseThrow()))
                .as("IPv4-mapped")
                .isTrue();
        assertThat(tenEight.contains(IpAddresses.parse("11.0.0.1").orElseThrow()))
                .isFalse();
        assertThat(Cidr.parse("::1/128")
                        .contains(IpAddresses.parse("0:0:0:0:0:0:0:1").orElseThrow()))
                .isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("proxy.example/8"));
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.0.0.0/33"));
    }
}
