package dev.prodev.shop.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/**
 * The gateway's application.yml as it ships, bound like Spring Boot binds it: the documented
 * defaults, and the environment variables deployments set.
 */
class GatewayConfigurationTest {

    static ShopGatewayProperties bind(Map<String, Object> environment) throws IOException {
        var sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("environment", environment));
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        var binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bindOrCreate("shop.gateway", ShopGatewayProperties.class);
    }

    @Test
    void shipsSafeDefaults() throws IOException {
        var properties = bind(Map.of());
        assertThat(properties.trustedProxies())
                .as("no X-Forwarded-For believed unless configured")
                .isEmpty();
        assertThat(properties.management().trustedNetworks()).containsExactly("127.0.0.0/8", "::1/128");
        assertThat(properties.apiDocs().publiclyVisible()).as("dev default").isTrue();
        assertThat(properties.clientAddress().ipv6PrefixLength()).isEqualTo(64);
        assertThat(properties.http().maxUriLength().toBytes()).isEqualTo(4096);
        assertThat(properties.http().maxHeaderSize().toBytes()).isEqualTo(8192);
    }

    @Test
    void deploymentsSetThemThroughTheEnvironment() throws IOException {
        var properties = bind(Map.of(
                "TRUSTED_PROXIES",
                "10.0.0.0/8,fd00::/8",
                "SHOP_GATEWAY_MANAGEMENT_TRUSTED_NETWORKS",
                "10.244.0.0/16",
                "SHOP_GATEWAY_API_DOCS_PUBLIC",
                "false",
                "SHOP_GATEWAY_CLIENT_ADDRESS_IPV6_PREFIX_LENGTH",
                "48"));
        assertThat(properties.trustedProxies()).isEqualTo(List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(properties.management().trustedNetworks()).containsExactly("10.244.0.0/16");
        assertThat(properties.apiDocs().publiclyVisible()).isFalse();
        assertThat(properties.clientAddress().ipv6PrefixLength()).isEqualTo(48);
    }
}
