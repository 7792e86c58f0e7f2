package dev.prodev.shop.gateway.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Whatever escapes a filter or the gateway's own controllers (no route: 404, body too large: 413,
 * bad input: 400 with field errors, anything unexpected: 500) leaves as problem+json without a
 * stack trace. Runs before Boot's default error handler ({@code -1}).
 */
@Component
@Order(-2)
@SuppressWarnings("deprecation") // PAYLOAD_TOO_LARGE: older name of 413 some components still use
public class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    public record FieldError(String field, String message) {}

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<FieldError> fields = bind.getFieldErrors().stream()
                    .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                    .toList();
            return Problems.write(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "The request has invalid fields.",
                    Map.of("errors", fields));
        }
        if (ex instanceof ResponseStatusException rse) {
            var status = HttpStatus.resolve(rse.getStatusCode().value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            rse.getHeaders()
                    .forEach((name, values) ->
                            exchange.getResponse().getHeaders().addAll(name, values));
            return Problems.write(exchange, status, type(status), detail(status, rse.getReason()));
        }
        log.error(
                "unhandled error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                ex);
        return Problems.write(
                exchange,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side. Quote the trace id to support.");
    }

    private static String type(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case BAD_REQUEST -> "bad-request";
            case CONTENT_TOO_LARGE, PAYLOAD_TOO_LARGE -> "payload-too-large";
            case URI_TOO_LONG -> "uri-too-long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case SERVICE_UNAVAILABLE -> "service-unavailable";
            case GATEWAY_TIMEOUT -> "gateway-timeout";
            default -> status.is5xxServerError() ? "internal" : "bad-request";
        };
    }

    /** Only reasons we wrote ourselves reach the client; framework messages may reveal internals. */
    private static String detail(HttpStatus status, String reason) {
        if (reason != null && reason.endsWith(".") && !reason.contains("Exception")) {
            return reason;
        }
        return switch (status) {
            case NOT_FOUND -> "No such resource.";
            case CONTENT_TOO_LARGE, PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}
