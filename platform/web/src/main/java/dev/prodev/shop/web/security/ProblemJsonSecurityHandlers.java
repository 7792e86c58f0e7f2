package dev.prodev.shop.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters, as problem+json like every other error. */
final class ProblemJsonSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"shop\"");
        write(
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "A valid bearer token is required.",
                request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this.", request.getRequestURI());
    }

    /**
     * The token could not be checked because the identity provider (its JWKS) is unreachable:
     * a temporary 503, not the caller's fault (401) and not a bug (500).
     */
    void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        write(
                response,
                HttpStatus.SERVICE_UNAVAILABLE,
                "identity-provider-unavailable",
                "The token cannot be verified right now because the identity provider is unreachable; try again shortly.",
                request.getRequestURI());
    }

    private static void write(
            HttpServletResponse response, HttpStatus status, String type, String detail, String instance)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("{\"type\":\"https://prodev.shop/problems/" + type + "\",\"title\":\""
                        + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail
                        + "\",\"instance\":\"" + instance.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
