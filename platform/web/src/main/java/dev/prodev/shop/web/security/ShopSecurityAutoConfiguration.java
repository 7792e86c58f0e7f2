package dev.prodev.shop.web.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Defence in depth: every service validates the Keycloak JWT itself (issuer, audience, expiry,
 * signature; configured under {@code spring.security.oauth2.resourceserver.jwt}), maps realm
 * roles to {@code ROLE_*}, and enables method security for admin rules. Token-only and
 * stateless: no session, no cookie, so no CSRF surface.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ShopSecurityProperties.class)
@EnableMethodSecurity
public class ShopSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakRoles());
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain shopSecurityFilterChain(
            HttpSecurity http, ShopSecurityProperties properties, JwtAuthenticationConverter jwtAuthenticationConverter)
            throws Exception {
        var problems = new ProblemJsonSecurityHandlers();
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    for (var rule : properties.rules()) {
                        var paths = rule.paths().toArray(String[]::new);
                        var roles = rule.roles().toArray(String[]::new);
                        if (rule.methods().isEmpty()) {
                            requests.requestMatchers(paths).hasAnyRole(roles);
                        } else {
                            rule.methods()
                                    .forEach(
                                            method -> requests.requestMatchers(HttpMethod.valueOf(method.trim()), paths)
                                                    .hasAnyRole(roles));
                        }
                    }
                    requests.requestMatchers(
                                    "/actuator/health/**",
                                    "/actuator/health",
                                    "/actuator/prometheus",
                                    "/actuator/info",
                                    "/v3/api-docs/**",
                                    "/swagger-ui/**",
                                    "/swagger-ui.html",
                                    "/error")
                            .permitAll();
                    properties
                            .publicPaths()
                            .forEach(path -> requests.requestMatchers(path).permitAll());
                    properties.publicGetPaths().forEach(path -> {
                        requests.requestMatchers(HttpMethod.GET, path).permitAll();
                        requests.requestMatchers(HttpMethod.HEAD, path).permitAll();
                    });
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth2 -> oauth2.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                // a bad token is the caller's 401; an unreachable Keycloak is our 503, never a 500
                                filter.setAuthenticationFailureHandler((request, response, ex) -> {
                                    if (ex instanceof AuthenticationServiceException) {
                                        problems.unavailable(request, response);
                                    } else {
                                        problems.commence(request, response, ex);
                                    }
                                });
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
