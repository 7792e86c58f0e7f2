package dev.prodev.shop.gateway.management;

import dev.prodev.shop.gateway.clientip.Cidr;
import dev.prodev.shop.gateway.clientip.ClientAddress;
import dev.prodev.shop.gateway.clientip.ClientAddressFilter;
import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import dev.prodev.shop.gateway.problem.Problems;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Keeps the gateway's operator surface off the internet. Its actuator endpoints other than the
 * health probes (metrics, Prometheus scrape, route table, ...) exist only for callers whose real
 * address ({@link ClientAddress}, X-Forwarded-For believed from trusted proxies only) lies in
 * {@code shop.gateway.management.trusted-networks}; a request that a proxy we do not trust relayed
 * (it carries forwarding headers we ignored) never counts as internal. Swagger UI and the API
 * documents exist only when {@code shop.gateway.api-docs.public} is true. Everyone else gets the
 * same 404 problem+json as for a path that does not exist, so nothing tells a scanner they are there.
 * Matching uses the same decoded path as the handlers ({@code /%61ctuator/env} is {@code /actuator/env}).
 */
@Component
public class ManagementExposureFilter implements WebFilter, Ordered {

    public static final int ORDER = ClientAddressFilter.ORDER + 2;

    static final List<PathPattern> PROBES =
            patterns("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

    static final List<PathPattern> MANAGEMENT = patterns("/actuator", "/actuator/**");

    static final List<PathPattern> API_DOCS = patterns(
            "/swagger-ui.html", "/swagger-ui", "/swagger-ui/**", "/webjars/**", "/v3/api-docs", "/v3/api-docs/**");

    private final List<Cidr> trustedNetworks;
    private final boolean apiDocsPublic;

    public ManagementExposureFilter(ShopGatewayProperties properties) {
        this.trustedNetworks = properties.management().trustedNetworks().stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Cidr::parse)
                .toList();
        this.apiDocsPublic = properties.apiDocs().publiclyVisible();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (matches(MANAGEMENT, path) && !matches(PROBES, path) && !internal(ClientAddress.of(exchange))) {
            return notFound(exchange);
        }
        if (!apiDocsPublic && matches(API_DOCS, path)) {
            return notFound(exchange);
        }
        return chain.filter(exchange);
    }

    boolean internal(ClientAddress client) {
        return client.address() != null
                && !client.forwardedByUntrustedPeer()
                && Cidr.anyContains(trustedNetworks, client.address());
    }

    private static Mono<Void> notFound(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "No such resource.");
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        for (var pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathPattern> patterns(String... patterns) {
        return java.util.Arrays.stream(patterns)
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }
}
