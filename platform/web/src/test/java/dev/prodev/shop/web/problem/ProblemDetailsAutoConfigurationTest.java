package dev.prodev.shop.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * {@link ProblemDetailsAutoConfiguration} in the way Spring Boot tests its own: which beans each
 * kind of application gets, and that ours wins over Boot's error handling in a servlet service
 * (otherwise an error leaves as Boot's JSON, not as our problem+json).
 */
class ProblemDetailsAutoConfigurationTest {

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class));

    @Test
    void aServletServiceGetsTheProblemHandlerAndTheErrorController() {
        servlet.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(ProblemDetailsHandler.class)
                .hasSingleBean(ProblemErrorController.class));
    }

    @Test
    void bootsOwnErrorControllerAndProblemHandlerBackOff() {
        servlet.withConfiguration(AutoConfigurations.of(
                        DispatcherServletAutoConfiguration.class,
                        WebMvcAutoConfiguration.class,
                        ErrorMvcAutoConfiguration.class))
                .withPropertyValues("spring.mvc.problemdetails.enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(BasicErrorController.class);
                    assertThat(context.getBean(ErrorController.class)).isInstanceOf(ProblemErrorController.class);
                    assertThat(context.getBean(ResponseEntityExceptionHandler.class))
                            .isInstanceOf(ProblemDetailsHandler.class);
                });
    }

    @Test
    void aReactiveApplicationGetsNeither() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ProblemDetailsHandler.class)
                        .doesNotHaveBean(ProblemErrorController.class));
    }

    @Test
    void aNonWebApplicationGetsNeither() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ProblemDetailsHandler.class)
                        .doesNotHaveBean(ProblemErrorController.class));
    }
}
