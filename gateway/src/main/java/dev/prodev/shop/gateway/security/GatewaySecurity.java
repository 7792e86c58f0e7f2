package dev.prodev.shop.gateway.security;

import dev.prodev.shop.gateway.blocklist.IpBlocklist;
import dev.prodev.shop.gateway.clientip.ClientAddress;
import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import dev.prodev.shop.gateway.observability.AccessLogFilter;
import dev.prodev.shop.gateway.problem.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The front door. Every route needs a valid Keycloak JWT (issuer, audience {@code shop-api},
 * expiry with bounded clock skew, RS256 signature from the JWKS) except the explicit public ones:
 * catalogue browsing, GraphQL reads, registration, payment webhooks, health probes, API docs.
 * Admin paths need role admin here already; the services check again (defence in depth).
 * <p>
 * Rules are matched first to last, so they are listed from the most specific to the most general:
 * every admin rule before the public catalogue reads, or {@code GET /api/v1/products/admin/...}
 * would match {@code /api/v1/products/**} first and be anonymous at the gateway.
 * <p>
 * 401/403 are problem+json with RFC 6750 challenges: no token gives {@code Bearer realm="shop"}, a
 * rejected token {@code error="invalid_token"}, a missing role {@code error="insufficient_scope"};
 * each rejected token counts towards its client's temporary block.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class GatewaySecurity {

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurity.class);

    /** Keycloak and gateway clocks may disagree a little; never by minutes (Spring's default is 60 s). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    static final String REALM = "Bearer realm=\"shop\"";

    /** Health probes: the platform's, from anywhere (the rest of /actuator is hidden by ManagementExposureFilter). */
    static final String[] PROBES = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"};

    /** Admin, whatever the method: the gateway's own admin API and every service's {@code /api/v1/<service>/admin/**}. */
    static final String[] ADMIN = {"/api/v1/admin", "/api/v1/admin/**", "/api/v1/*/admin", "/api/v1/*/admin/**"};

    /** Admin-only operations outside an admin prefix (user-service, catalog-service, payment-service). */
    static final String[] ADMIN_GET = {"/api/v1/users", "/api/v1/users/"};

    static final String[] ADMIN_POST = {
        "/api/v1/users/*/disable", "/api/v1/payments/*/refund", "/api/v1/orders/*/refund"
    };

    /** Catalogue writes: products, stock adjustments, categories (reads are public). */
    static final String[] CATALOG = {
        "/api/v1/products", "/api/v1/products/**", "/api/v1/categories", "/api/v1/categories/**"
    };

    static final String[] PUBLIC_GET = {
        "/api/v1/products",
        "/api/v1/products/**",
        "/api/v1/categories",
        "/api/v1/categories/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/**",
        "/v3/api-docs/**"
    };

    /** The storefront web app (module storefront, static resources at /): its page and hashed bundles only. */
    static final String[] STOREFRONT = {"/", "/index.html", "/assets/**"};

    static final String[] PUBLIC_POST = {"/graphql", "/api/v1/users/register", "/api/v1/payments/webhooks/**"};

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(
            ServerHttpSecurity http, IpBlocklist blocklist, ReactiveJwtDecoder jwtDecoder) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable) // token-only API: no cookies, no CSRF surface
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // stateless: the token is read from every request; no WebSession is created or looked up
                // (the default repository creates one per anonymous request: a SecureRandom id, ADR 0023)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> {})
                .headers(headers -> headers.frameOptions(
                                frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'"))
                        .hsts(hsts -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true)))
                .authorizeExchange(exchanges -> exchanges // first match wins: most specific first
                        .pathMatchers(HttpMethod.OPTIONS)
                        .permitAll() // CORS preflight
                        .pathMatchers("/fallback", "/fallback/**")
                        .denyAll() // only the circuit breaker's forward
                        .pathMatchers(PROBES)
                        .permitAll()
                        // reachable only from shop.gateway.management.trusted-networks (ManagementExposureFilter);
                        // the scraper there has no token
                        .pathMatchers("/actuator/prometheus")
                        .permitAll()
                        .pathMatchers("/actuator", "/actuator/**")
                        .hasAnyRole(RealmRoles.SRE, RealmRoles.ADMIN)
                        .pathMatchers(ADMIN)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.GET, ADMIN_GET)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.HEAD, ADMIN_GET)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.POST, ADMIN_POST)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.POST, CATALOG)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.PUT, CATALOG)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.PATCH, CATALOG)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.DELETE, CATALOG)
                        .hasRole(RealmRoles.ADMIN)
                        .pathMatchers(HttpMethod.GET, PUBLIC_GET)
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, STOREFRONT)
                        .permitAll()
                        .pathMatchers(HttpMethod.HEAD, STOREFRONT)
                        .permitAll()
                        .pathMatchers(HttpMethod.HEAD, PUBLIC_GET)
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, PUBLIC_POST)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2.jwt(
                                jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, blocklist, null))
                        .authenticationFailureHandler(
                                (filterExchange, ex) -> ex instanceof AuthenticationServiceException
                                        ? identityProviderUnavailable(filterExchange.getExchange())
                                        : unauthorized(filterExchange.getExchange(), blocklist, ex))
                        .accessDeniedHandler((exchange, ex) -> forbidden(exchange)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, blocklist, null))
                        .accessDeniedHandler((exchange, ex) -> forbidden(exchange)))
                .addFilterAfter(
                        (exchange, chain) -> jwt().map(Jwt::getSubject)
                                .doOnNext(subject -> AccessLogFilter.recordUser(exchange, subject))
                                .then(chain.filter(exchange)),
                        SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /**
     * Signature against Keycloak's JWKS (an explicit URI: fetched once and cached by Nimbus,
     * refreshed on an unknown {@code kid}; no discovery round-trip per token, which under load
     * made valid tokens time out), then issuer, audience, and expiry/not-before with
     * {@link #CLOCK_SKEW}.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
            @Value("${spring.security.oauth2.resourceserver.jwt.audiences}") List<String> audiences) {
        var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW), new JwtIssuerValidator(issuer), audience(audiences)));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> audience(List<String> audiences) {
        var invalid = OAuth2TokenValidatorResult.failure(
                new OAuth2Error("invalid_token", "The token is not meant for this API (audience).", null));
        return jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(audiences::contains)
                ? OAuth2TokenValidatorResult.success()
                : invalid;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(ShopGatewayProperties properties) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                "Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "If-Match", "traceparent"));
        cors.setExposedHeaders(List.of("X-Trace-Id", "ETag", "Location", "Retry-After", "X-RateLimit-Remaining"));
        cors.setAllowCredentials(false); // bearer tokens, not cookies
        cors.setMaxAge(properties.cors().maxAge());
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** Keycloak realm roles ({@code realm_access.roles}) become {@code ROLE_*} authorities. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> realmRoles() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            RealmRoles.of(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            return authorities;
        });
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * 401. {@code rejected} is the reason a presented bearer token was refused (RFC 6750 §3.1
     * {@code invalid_token}, with a fixed description: the framework's text may carry token
     * details); null when no bearer token came (a bare challenge, as §3 asks).
     */
    static Mono<Void> unauthorized(
            ServerWebExchange exchange, IpBlocklist blocklist, AuthenticationException rejected) {
        var description = rejected == null ? null : invalidTokenDescription(rejected);
        if (rejected != null) {
            log.debug("bearer token rejected: {}", rejected.getMessage());
        }
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        description == null
                                ? REALM
                                : REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"");
        // only a presented-but-rejected credential counts as a failed authentication, not a missing one
        var presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        var count = presented ? blocklist.recordFailedAuthentication(ClientAddress.of(exchange)) : Mono.<Void>empty();
        return count.then(Problems.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                description == null ? "A valid bearer token is required." : description + "."));
    }

    /** Human-readable, and inside RFC 6750's error_description character set (no quotes, no backslash). */
    static String invalidTokenDescription(AuthenticationException rejected) {
        var reasons = new StringBuilder();
        for (Throwable cause = rejected; cause != null; cause = cause.getCause()) {
            reasons.append(' ').append(cause.getMessage());
            if (cause instanceof OAuth2AuthenticationException oauth) {
                reasons.append(' ').append(oauth.getError().getDescription());
            }
        }
        var reason = reasons.toString().toLowerCase(Locale.ROOT);
        if (reason.contains("expired") || reason.contains("expiresat")) { // "Jwt expired at", or exp before iat
            return "The access token has expired";
        }
        if (reason.contains("audience")) {
            return "The access token is not meant for this API";
        }
        return "The access token is malformed, not signed by our issuer or not valid yet";
    }

    /**
     * The token could not be checked because Keycloak's keys cannot be fetched: our outage, not the
     * caller's fault, so 503 and it does not count towards the IP's failed authentications.
     */
    static Mono<Void> identityProviderUnavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return Problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "identity-provider-unavailable",
                "Tokens cannot be verified right now; try again shortly.");
    }

    /** 403 for a valid token without the role the path needs: RFC 6750 §3.1 {@code insufficient_scope}. */
    static Mono<Void> forbidden(ServerWebExchange exchange) {
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        REALM
                                + ", error=\"insufficient_scope\", error_description=\"The access token lacks the role this needs\"");
        return Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this.");
    }

    /** The validated token of the caller, read from the reactive security context (empty when anonymous). */
    public static Mono<Jwt> jwt() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> ((JwtAuthenticationToken) authentication).getToken());
    }
}
