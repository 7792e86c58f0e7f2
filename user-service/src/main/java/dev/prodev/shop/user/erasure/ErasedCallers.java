package dev.prodev.shop.user.erasure;

import dev.prodev.shop.web.problem.ShopProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses every request of an erased account with 401 {@code account-erased}: its access tokens
 * stay valid until they expire, and without this the next {@code /me} call would recreate the
 * profile, email included, from the token. An interceptor rather than a JWT validator so the
 * refusal goes through the global problem handler with its own type; the
 * {@code WWW-Authenticate} header (RFC 6750 §3, {@code invalid_token}) survives the handler,
 * which only resets the body and content type.
 */
@Component
class ErasedCallers implements HandlerInterceptor, WebMvcConfigurer {

    static final String CHALLENGE = "Bearer realm=\"shop\", error=\"invalid_token\", "
            + "error_description=\"The account of this token was deleted\"";

    private final ErasedSubjects erased;

    ErasedCallers(ErasedSubjects erased) {
        this.erased = erased;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && token.getToken().getSubject() != null
                && erased.existsById(token.getToken().getSubject())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            throw new ShopProblem(
                    HttpStatus.UNAUTHORIZED,
                    "account-erased",
                    "Account erased",
                    "This account was deleted at its owner's request; its tokens are no longer accepted.",
                    Map.of());
        }
        return true;
    }
}
