package dev.prodev.shop.gateway.requestlimits;

import dev.prodev.shop.gateway.config.ShopGatewayProperties;
import dev.prodev.shop.gateway.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import reactor.netty.NettyPipeline;

/**
 * Requests that never reach WebFlux still get problem+json. Reactor Netty answers a request it
 * cannot decode (request line or headers too long, a NUL or control character in a header, a bad
 * {@code Content-Length}, garbage) with an empty 400/414/431, and Spring's adapter answers a target
 * that is not a valid URI ({@code %zz}) with an empty 400. A small Netty handler, placed right after
 * the HTTP codec, sees each decoded request first and answers those itself: 414 above
 * {@code shop.gateway.http.max-uri-length}, 431 above {@code shop.gateway.http.max-header-size}, 400
 * for the rest, then closes the connection (after a decoding failure nothing more on it can be
 * trusted). Netty's own limits ({@code server.netty.max-initial-line-length},
 * {@code server.max-http-request-header-size}) are set above ours, so Netty still reads such a request
 * whole and we decide. Each answer counts in {@code shop_gateway_http_rejected_total{reason}}.
 */
@Configuration(proxyBeanMethods = false)
public class HttpLayerErrors {

    static final String HANDLER = "shop.httpLayerErrors";

    private static final Logger log = LoggerFactory.getLogger(HttpLayerErrors.class);

    record Rejection(HttpStatus status, String type, String detail, String reason) {}

    @Bean
    NettyServerCustomizer problemJsonForUndecodableRequests(ShopGatewayProperties properties, MeterRegistry meters) {
        long maxUri = properties.http().maxUriLength().toBytes();
        long maxHeaders = properties.http().maxHeaderSize().toBytes();
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new Guard(maxUri, maxHeaders, meters));
            }
        });
    }

    /** One per connection: after a rejection it drops whatever else arrives until the connection is closed. */
    static final class Guard extends ChannelInboundHandlerAdapter {

        private final long maxUri;
        private final long maxHeaders;
        private final MeterRegistry meters;
        private boolean rejected;

        Guard(long maxUri, long maxHeaders, MeterRegistry meters) {
            this.maxUri = maxUri;
            this.maxHeaders = maxHeaders;
            this.meters = meters;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (rejected) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                var rejection = check(request);
                if (rejection != null) {
                    rejected = true;
                    ReferenceCountUtil.release(msg);
                    reply(ctx, rejection);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        Rejection check(HttpRequest request) {
            var decoding = request.decoderResult();
            if (decoding.isFailure()) {
                var cause = decoding.cause();
                if (cause instanceof TooLongHttpLineException) {
                    return uriTooLong();
                }
                if (cause instanceof TooLongHttpHeaderException) {
                    return headersTooLarge();
                }
                return new Rejection(
                        HttpStatus.BAD_REQUEST,
                        "bad-request",
                        "The request is not valid HTTP (request line, header names or values, or framing).",
                        "malformed");
            }
            var uri = request.uri();
            if (uri.length() > maxUri) {
                return uriTooLong();
            }
            long headerBytes = 0;
            for (var header : request.headers()) {
                headerBytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
            }
            if (headerBytes > maxHeaders) {
                return headersTooLarge();
            }
            try {
                new URI(uri); // what Spring's request adapter does next, answering an empty 400 on failure
            } catch (URISyntaxException ex) {
                return new Rejection(
                        HttpStatus.BAD_REQUEST,
                        "bad-request",
                        "The request target is not a valid URI (bad percent-encoding or characters).",
                        "bad-uri");
            }
            return null;
        }

        private Rejection uriTooLong() {
            return new Rejection(
                    HttpStatus.URI_TOO_LONG,
                    "uri-too-long",
                    "The request target (path and query) is longer than " + maxUri + " bytes.",
                    "uri-too-long");
        }

        private Rejection headersTooLarge() {
            return new Rejection(
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "headers-too-large",
                    "The request headers are larger than " + maxHeaders + " bytes.",
                    "headers-too-large");
        }

        private void reply(ChannelHandlerContext ctx, Rejection rejection) {
            meters.counter("shop.gateway.http.rejected", "reason", rejection.reason())
                    .increment();
            log.debug("answered {} below WebFlux: {}", rejection.status().value(), rejection.reason());
            var body = Problems.body(rejection.status(), rejection.type(), rejection.detail(), null, Map.of());
            var response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(rejection.status().value()),
                    Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set("X-Content-Type-Options", "nosniff");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
