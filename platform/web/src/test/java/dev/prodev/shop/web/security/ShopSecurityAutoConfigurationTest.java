package dev.prodev.shop.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * {@link ShopSecurityAutoConfiguration} in the way Spring Boot tests its own: the chain it builds
 * for a servlet service, what a service's own beans replace, how {@code shop.security.*} binds
 * and what it then lets through, and that reactive and non-web applications get none of it.
 */
class ShopSecurityAutoConfigurationTest {

    private static final JwtDecoder NO_TOKENS = token -> {
        throw new JwtException("no tokens in this test");
    };

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ShopSecurityAutoConfiguration.class,
                    SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class))
            .withBean(JwtDecoder.class, () -> NO_TOKENS);

    @Test
    void aServletServiceGetsTheShopChainAndKeycloakRoleMapping() {
        servlet.run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(SecurityFilterChain.class)
                    .hasBean("shopSecurityFilterChain")
                    .hasSingleBean(JwtAuthenticationConverter.class)
                    .hasSingleBean(ShopSecurityProperties.class);
            var properties = context.getBean(ShopSecurityProperties.class);
            assertThat(properties.publicPaths()).isEmpty();
            assertThat(properties.publicGetPaths()).isEmpty();
            assertThat(properties.rules()).isEmpty();
            assertThat(allows(context, "GET", "/actuator/health/readiness", anonymous()))
                    .isTrue();
            assertThat(allows(context, "GET", "/api/v1/anything", anonymous())).isFalse();
            assertThat(allows(context, "GET", "/api/v1/anything", user("ROLE_customer")))
                    .isTrue();
        });
    }

    @Test
    void bindsPublicPathsAndRoleRulesAndEnforcesThem() {
        servlet.withPropertyValues(
                        "shop.security.public-paths=/api/v1/users/register",
                        "shop.security.public-get-paths=/api/v1/products/**",
                        "shop.security.rules[0].methods=POST,DELETE",
                        "shop.security.rules[0].paths=/api/v1/products/**",
                        "shop.security.rules[0].roles=admin")
                .run(context -> {
                    var properties = context.getBean(ShopSecurityProperties.class);
                    assertThat(properties.publicPaths()).containsExactly("/api/v1/users/register");
                    assertThat(properties.publicGetPaths()).containsExactly("/api/v1/products/**");
                    assertThat(properties.rules()).singleElement().satisfies(rule -> {
                        assertThat(rule.methods()).containsExactly("POST", "DELETE");
                        assertThat(rule.paths()).containsExactly("/api/v1/products/**");
                        assertThat(rule.roles()).containsExactly("admin");
                    });
                    assertThat(allows(context, "POST", "/api/v1/users/register", anonymous()))
                            .isTrue();
                    assertThat(allows(context, "GET", "/api/v1/products/p-1", anonymous()))
                            .isTrue();
                    assertThat(allows(context, "HEAD", "/api/v1/products/p-1", anonymous()))
                            .isTrue();
                    assertThat(allows(context, "POST", "/api/v1/products", user("ROLE_customer")))
                            .isFalse();
                    assertThat(allows(context, "DELETE", "/api/v1/products/p-1", user("ROLE_customer")))
                            .isFalse();
                    assertThat(allows(context, "POST", "/api/v1/products", user("ROLE_admin")))
                            .isTrue();
                });
    }

    @Test
    void aServicesOwnChainReplacesTheShopChain() {
        servlet.withUserConfiguration(OwnChain.class).run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(SecurityFilterChain.class)
                    .doesNotHaveBean("shopSecurityFilterChain")
                    .hasBean("ownSecurityFilterChain");
        });
    }

    @Test
    void aServicesOwnRoleMappingReplacesKeycloakRoles() {
        var own = new JwtAuthenticationConverter();
        servlet.withBean(JwtAuthenticationConverter.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JwtAuthenticationConverter.class);
            assertThat(context.getBean(JwtAuthenticationConverter.class)).isSameAs(own);
        });
    }

    @Test
    void reactiveAndNonWebApplicationsGetNoShopChain() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ShopSecurityAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(SecurityFilterChain.class)
                        .doesNotHaveBean(ShopSecurityProperties.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ShopSecurityAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(SecurityFilterChain.class)
                        .doesNotHaveBean(JwtAuthenticationConverter.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {
        @Bean
        SecurityFilterChain ownSecurityFilterChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
    }

    /** What the chain's authorization step decides for this caller, without a servlet container. */
    @SuppressWarnings("unchecked")
    private static boolean allows(
            AssertableWebApplicationContext context, String method, String path, Authentication caller) {
        var chain = context.getBean(SecurityFilterChain.class);
        var filter = chain.getFilters().stream()
                .filter(AuthorizationFilter.class::isInstance)
                .map(AuthorizationFilter.class::cast)
                .findFirst()
                .orElseThrow();
        var manager = (AuthorizationManager<HttpServletRequest>) filter.getAuthorizationManager();
        var request = new MockHttpServletRequest(context.getServletContext(), method, path);
        var result = manager.authorize(() -> caller, request);
        return result != null && result.isGranted();
    }

    private static Authentication anonymous() {
        return new AnonymousAuthenticationToken(
                "test", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }

    private static Authentication user(String... authorities) {
        var token = new TestingAuthenticationToken(
                "alice",
                "n/a",
                List.of(authorities).stream().map(SimpleGrantedAuthority::new).toList());
        token.setAuthenticated(true);
        return token;
    }
}
