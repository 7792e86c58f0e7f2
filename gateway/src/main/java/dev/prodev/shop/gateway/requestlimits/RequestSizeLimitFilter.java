package dev.prodev.shop.gateway.requestlimits;

import dev.prodev.shop.gateway.clientip.ClientAddressFilter;
import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import dev.prodev.shop.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds request bodies ({@code shop.gateway.max-request-size}): a declared Content-Length above
 * the limit is refused at once with 413 problem+json; a body without one (chunked) is counted
 * up to the limit before it is proxied and refused with 413 the moment it passes it, so nobody can
 * push an unbounded body through to a service. (Spring Cloud Gateway's {@code RequestSize} filter only
 * looks at Content-Length.)
 */
@Component
public class RequestSizeLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;

    public RequestSizeLimitFilter(ShopGatewayProperties properties) {
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    @Override
    public int getOrder() {
        return ClientAddressFilter.ORDER + 4;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Problems.write(
                    exchange,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "payload-too-large",
                    "The request body is larger than " + maxBytes + " bytes.");
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        if (!hasBody(request)) {
            return chain.filter(exchange);
        }
        // Chunked: read at most maxBytes + 1 before anything is proxied, so the 413 is decided here and
        // never reaches the circuit breaker as a downstream failure. Bounded by the limit (1 MB by default).
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, maxBytes))
                .onErrorMap(
                        DataBufferLimitException.class,
                        ex -> new ResponseStatusException(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "The request body is larger than " + maxBytes + " bytes."))
                .flatMap(body -> {
                    // the service receives a plain body of known length instead of the client's chunks
                    var headers = new HttpHeaders();
                    headers.putAll(request.getHeaders());
                    headers.remove(HttpHeaders.TRANSFER_ENCODING);
                    headers.setContentLength(body.readableByteCount());
                    var buffered = new ServerHttpRequestDecorator(request) {
                        @Override
                        public HttpHeaders getHeaders() {
                            return headers;
                        }

                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.just(body);
                        }
                    };
                    return chain.filter(exchange.mutate().request(buffered).build());
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private static boolean hasBody(org.springframework.http.server.reactive.ServerHttpRequest request) {
        return request.getHeaders().containsHeader("Transfer-Encoding");
    }
}
