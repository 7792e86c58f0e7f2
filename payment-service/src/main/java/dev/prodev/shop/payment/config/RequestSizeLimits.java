package dev.prodev.shop.payment.config;

import dev.prodev.shop.web.problem.ShopProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bounds request bodies of the API ({@code shop.payment.max-request-body}, default 16KB): a larger
 * declared body is refused with 413 problem+json before it is read. (The webhook endpoint reads its
 * raw body with its own, counted bound.) An interceptor, not a filter, so the one global error
 * handler renders the problem.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimits implements WebMvcConfigurer {

    private final long maxBytes;

    RequestSizeLimits(@Value("${shop.payment.max-request-body:16KB}") DataSize maxRequestBody) {
        this.maxBytes = maxRequestBody.toBytes();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (request.getContentLengthLong() > maxBytes) {
                            throw new ShopProblem(
                                    HttpStatus.CONTENT_TOO_LARGE,
                                    "payload-too-large",
                                    "Content Too Large",
                                    "The body is larger than " + maxBytes + " bytes.",
                                    Map.of());
                        }
                        return true;
                    }
                })
                .addPathPatterns("/api/**")
                .excludePathPatterns("/api/v1/payments/webhooks/**");
    }
}
