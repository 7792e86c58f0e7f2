package dev.prodev.shop.web.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Registers the platform's single problem+json error handler in every servlet service, and makes
 * Tomcat's own refusals (before any servlet runs) problem+json too.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemDetailsHandler.class, ProblemErrorController.class})
public class ProblemDetailsAutoConfiguration {

    /** Only when the service runs on Tomcat (every ProDev Shop service does). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "org.apache.catalina.valves.ErrorReportValve",
                "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory"
            })
    static class TomcatProblems {

        @Bean
        TomcatProblemsCustomizer tomcatProblemsCustomizer() {
            return new TomcatProblemsCustomizer();
        }
    }
}
