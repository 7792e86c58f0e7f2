package dev.prodev.shop.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@link CurrentUserAutoConfiguration}: a servlet controller can declare a {@link CurrentUser} parameter; nothing else changes. */
class CurrentUserAutoConfigurationTest {

    @SuppressWarnings("unused")
    void handler(CurrentUser user, String other) {}

    @Test
    void aServletServiceResolvesCurrentUserParameters() throws Exception {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CurrentUserAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("currentUserArgument");
                    List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
                    context.getBean("currentUserArgument", WebMvcConfigurer.class)
                            .addArgumentResolvers(resolvers);
                    var method = getClass().getDeclaredMethod("handler", CurrentUser.class, String.class);
                    assertThat(resolvers).singleElement().satisfies(resolver -> {
                        assertThat(resolver.supportsParameter(new MethodParameter(method, 0)))
                                .isTrue();
                        assertThat(resolver.supportsParameter(new MethodParameter(method, 1)))
                                .isFalse();
                    });
                });
    }

    @Test
    void reactiveAndNonWebApplicationsGetNoResolver() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CurrentUserAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebMvcConfigurer.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CurrentUserAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebMvcConfigurer.class));
    }
}
