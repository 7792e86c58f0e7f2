package dev.prodev.shop.payment.payments;

import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import dev.prodev.shop.web.problem.ShopProblem;
import dev.prodev.shop.web.security.KeycloakRoles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments", description = "Payment status and admin refunds")
@SecurityRequirement(name = "bearer")
class PaymentController {

    /** @param reason why the money goes back (shown in the refund record); optional */
    record RefundRequest(@Size(max = 500) String reason) {}

    private final PaymentRepository payments;
    private final PaymentService service;

    PaymentController(PaymentRepository payments, PaymentService service) {
        this.payments = payments;
        this.service = service;
    }

    @GetMapping("/{orderId}")
    @Operation(
            summary = "The payment of an order",
            description = "Its owner or an admin; for anyone else it does not exist.")
    @ApiResponse(responseCode = "200", description = "the payment")
    @ApiResponse(responseCode = "404", description = "no payment for this order, or not yours")
    PaymentView get(@PathVariable UUID orderId, @AuthenticationPrincipal Jwt jwt) {
        return payments.findByOrderId(orderId)
                .filter(payment -> payment.isOwnedBy(jwt.getSubject()) || isAdmin(jwt))
                .map(PaymentView::of)
                // 404, not 403: another customer must not learn that the order exists
                .orElseThrow(() -> ShopProblem.notFound("payment for order", orderId));
    }

    @PostMapping("/{orderId}/refund")
    @PreAuthorize("hasRole('" + KeycloakRoles.ADMIN + "')")
    @Operation(
            summary = "Refund an order's payment in full (admin)",
            description =
                    "Emits shop.payment.refunded.v1. Only an AUTHORIZED (or REFUND_PENDING) payment can be refunded.")
    @ApiResponse(responseCode = "200", description = "refunded")
    @ApiResponse(
            responseCode = "202",
            description = "REFUND_PENDING: sent, outcome unknown (provider timeout); the same request again is safe")
    @ApiResponse(responseCode = "403", description = "not an admin")
    @ApiResponse(responseCode = "404", description = "no payment for this order")
    @ApiResponse(responseCode = "409", description = "not authorized (pending, failed) or already refunded")
    @ApiResponse(responseCode = "503", description = "the provider cannot refund now; nothing changed")
    ResponseEntity<PaymentView> refund(
            @PathVariable UUID orderId,
            @Valid @RequestBody(required = false) RefundRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        var reason =
                request == null || request.reason() == null || request.reason().isBlank()
                        ? "admin refund"
                        : request.reason().strip();
        try {
            var payment = service.refund(orderId, reason, jwt.getSubject());
            // 202: the refund went out but its outcome is unknown; retrying this request is safe
            var status = payment.getStatus() == PaymentStatus.REFUND_PENDING ? HttpStatus.ACCEPTED : HttpStatus.OK;
            return ResponseEntity.status(status).body(PaymentView.of(payment));
        } catch (PaymentNotFoundException ex) {
            throw ShopProblem.notFound("payment for order", orderId);
        } catch (PaymentStateException ex) {
            throw ShopProblem.conflict(ex.getMessage());
        } catch (ProviderUnavailableException ex) {
            throw new ShopProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "provider-unavailable",
                    "Provider unavailable",
                    "The payment provider cannot refund now; nothing was changed. Try again later.",
                    Map.of());
        }
    }

    private static boolean isAdmin(Jwt jwt) {
        return KeycloakRoles.realmRoles(jwt).contains(KeycloakRoles.ADMIN);
    }
}
