package dev.prodev.shop.gateway.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem+json written straight to a reactive response: the gateway's counterpart of
 * platform-web's handler (same {@code type} URIs), used by its filters, which answer before any
 * controller runs.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        return write(exchange, status, type, detail, Map.of());
    }

    public static Mono<Void> write(
            ServerWebExchange exchange, HttpStatus status, String type, String detail, Map<String, Object> properties) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var bytes = body(status, type, detail, exchange.getRequest().getPath().value(), properties);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    /** The body alone, for answers written below WebFlux (Netty); {@code instance} is left out when null. */
    public static byte[] body(
            HttpStatus status, String type, String detail, String instance, Map<String, Object> properties) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", URI.create("https://prodev.shop/problems/" + type).toString());
        // the catalogue's title (docs/errors.md): the status's reason phrase, except for specific types
        body.put("title", "validation".equals(type) ? "Invalid request" : status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(properties);
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
}
