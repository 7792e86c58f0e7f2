package dev.prodev.shop.order.admission;

import dev.prodev.shop.web.problem.ShopProblem;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The door of {@code POST /orders}, checked before anything is written: an erased account's
 * token is refused (401, {@code account-erased}), and when {@code shop.orders.require-verified-email}
 * is on, so is a token whose {@code email_verified} claim is not true (403,
 * {@code email-not-verified}): throwaway accounts cannot hold stock. The per-customer limits
 * need the placing transaction and live in {@link CustomerQuota}.
 */
@Component
@EnableConfigurationProperties(AdmissionProperties.class)
public class OrderAdmission {

    private final AdmissionProperties properties;
    private final ErasedCustomers erased;

    OrderAdmission(AdmissionProperties properties, ErasedCustomers erased) {
        this.properties = properties;
        this.erased = erased;
    }

    public void admit(Jwt token) {
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
