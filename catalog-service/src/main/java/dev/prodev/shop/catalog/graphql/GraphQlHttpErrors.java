package dev.prodev.shop.catalog.graphql;

import dev.prodev.shop.web.problem.ShopProblem;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring Boot's GraphQL router answers a POST whose body is not JSON (or {@code application/graphql})
 * with a bare 415 and no body at all; the malformed-input corpus found it. This router is asked
 * first and turns exactly those requests into the shop's problem+json 415, so every 4xx of the
 * shop carries a problem document. Well-formed requests fall through to Boot's router untouched.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlHttpErrors {

    private static final List<MediaType> ACCEPTED =
            List.of(MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/graphql"));

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlUnsupportedMediaType(
            @Value("${spring.graphql.http.path:/graphql}") String path) {
        RequestPredicate unsupported = request -> request.headers()
                .contentType()
                .map(type -> ACCEPTED.stream().noneMatch(accepted -> accepted.isCompatibleWith(type)))
                .orElse(true);
        return RouterFunctions.route(RequestPredicates.POST(path).and(unsupported), request -> {
            throw new ShopProblem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "Send the GraphQL request as application/json.",
                    Map.of());
        });
    }
}
