package dev.prodev.shop.order.admission;

import dev.prodev.shop.web.problem.ShopProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The door of {@code POST /orders}, checked before anything is written: an erased account's
 * token is refused (401, {@code account-erased}), and when {@code shop.orders.require-verified-email}
 * is on, so is a token whose {@code email_verified} claim is not true (403,
 * {@code email-not-verified}): throwaway accounts cannot hold stock. When the saga is further behind
 * than {@code shop.orders.admission.max-open-sagas} ({@link SagaBacklog}), every order is refused
 * with 503 {@code shop-busy} and {@code Retry-After} (ADR 0021): the shop says so at the door
 * rather than accepting an order it cannot finish in time. The per-customer limits need the
 * placing transaction and live in {@link CustomerQuota}.
 */
@Component
@EnableConfigurationProperties(AdmissionProperties.class)
public class OrderAdmission {

    private final AdmissionProperties properties;
    private final ErasedCustomers erased;
    private final SagaBacklog backlog;
    private final Counter refusedBusy;

    OrderAdmission(
            AdmissionProperties properties, ErasedCustomers erased, SagaBacklog backlog, MeterRegistry registry) {
        this.properties = properties;
        this.erased = erased;
        this.backlog = backlog;
        this.refusedBusy = Counter.builder("shop.orders.admission.refused")
                .description("Orders refused at the door because the saga was too far behind (503 shop-busy)")
                .register(registry);
    }

    public void admit(Jwt token) {
        var reading = backlog.current();
        var bound = properties.admission().maxOpenSagas();
        if (reading.openSagas() >= bound) {
            refusedBusy.increment();
            var retryAfter = Math.max(1, properties.admission().retryAfter().toSeconds());
            throw new ShopProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "shop-busy",
                            "The shop is busy",
                            "We are taking more orders than we can process right now; nothing was ordered. "
                                    + "Please try again in " + retryAfter + " s.",
                            Map.of("openSagas", reading.openSagas(), "maxOpenSagas", bound))
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
        if (erased.isErased(token.getSubject())) {
            throw new ShopProblem(
                    HttpStatus.UNAUTHORIZED,
                    "account-erased",
                    "Account erased",
                    "This account was deleted; its sign-in is no longer valid.",
                    Map.of());
        }
        var verified = token.getClaims().get("email_verified");
        if (properties.requireVerifiedEmail() && !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            throw new ShopProblem(
                    HttpStatus.FORBIDDEN,
                    "email-not-verified",
                    "E-mail address not verified",
                    "Verify your e-mail address (follow the link we sent you), sign in again, then place the order.",
                    Map.of());
        }
    }
}
