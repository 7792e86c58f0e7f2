package dev.prodev.shop.test;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points every {@link ShopIntegrationTest}'s JWT validation at the {@link TestTokens} issuer, so
 * tests call the service with real signed tokens instead of bypassing security.
 */
public class TestTokenIssuerCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(ShopIntegrationTest.class)) {
            return null;
        }
        return new IssuerCustomizer();
    }

    private static final class IssuerCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "shop-test-tokens",
                            Map.of(
                                    "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                                    TestTokens.issuerUri(),
                                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                                    TestTokens.jwksUri())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IssuerCustomizer;
        }

        @Override
        public int hashCode() {
            return IssuerCustomizer.class.hashCode();
        }
    }
}
