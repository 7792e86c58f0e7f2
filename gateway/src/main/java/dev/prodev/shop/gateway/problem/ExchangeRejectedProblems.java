package dev.prodev.shop.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * Spring Security's firewall refuses paths with encoded slashes, {@code //}, {@code ;}, backslashes,
 * encoded NUL and the like. Its default answer is a bare 400 with an empty body; this one is the
 * shop's problem+json (picked up by Spring Security's WebFlux configuration as a bean).
 */
@Configuration(proxyBeanMethods = false)
public class ExchangeRejectedProblems {

    static final String DETAIL =
            "The request path or headers contain characters or sequences the shop does not accept.";

    private static final Logger log = LoggerFactory.getLogger(ExchangeRejectedProblems.class);

    @Bean
    ServerExchangeRejectedHandler problemJsonForRejectedExchanges() {
        return (exchange, ex) -> {
            log.debug("request rejected by the firewall: {}", ex.getMessage());
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "bad-request", DETAIL);
        };
    }
}
