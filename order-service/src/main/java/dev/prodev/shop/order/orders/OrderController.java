package dev.prodev.shop.order.orders;

import dev.prodev.shop.order.admission.OrderAdmission;
import dev.prodev.shop.order.idempotency.IdempotencyKeys;
import dev.prodev.shop.order.orders.OrderViews.OrderPage;
import dev.prodev.shop.order.orders.OrderViews.OrderView;
import dev.prodev.shop.order.pricing.PriceList.Wanted;
import dev.prodev.shop.order.saga.OrderSaga;
import dev.prodev.shop.web.paging.PageWindow;
import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders over REST: a customer places, lists, reads and cancels their own orders; an admin reads
 * and cancels any. The customer is the token's {@code sub}; another customer's order is a 404.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Validated
@Tag(name = "Orders", description = "Place and follow orders; the saga's timeline shows every step")
@SecurityRequirement(name = "bearer")
class OrderController {

    static final String ADMIN = "ROLE_admin";

    private final OrderSaga saga;
    private final OrderRepository orders;
    private final OrderAdmission admission;

    OrderController(OrderSaga saga, OrderRepository orders, OrderAdmission admission) {
        this.saga = saga;
        this.orders = orders;
        this.admission = admission;
    }

    @Schema(description = "What to order; prices come from the catalog, never from the client")
    record PlaceOrderRequest(
            @NotNull @NotEmpty @Size(max = 50, message = "at most 50 lines")
            List<@NotNull @Valid LineRequest> lines) {}

    @Schema(description = "One product and how many of it")
    record LineRequest(
            @NotNull UUID productId,

            @NotNull @Min(1) @Max(value = 100, message = "at most 100 of one product")
            Integer quantity) {}

    @PostMapping
    @PreAuthorize("hasRole('customer')")
    @Operation(summary = "Place an order", description = """
            Starts the order saga (PENDING). The Idempotency-Key makes retries safe: the same key with the \
            same body returns the same order (200), with another body 422.""")
    @ApiResponse(responseCode = "201", description = "order placed")
    @ApiResponse(responseCode = "200", description = "the order this Idempotency-Key placed before")
    @ApiResponse(responseCode = "400", description = "missing Idempotency-Key or invalid lines")
    @ApiResponse(responseCode = "401", description = "the account was deleted (type account-erased)")
    @ApiResponse(
            responseCode = "403",
            description = "the e-mail address is not verified (type email-not-verified), when required")
    @ApiResponse(
            responseCode = "422",
            description = "unknown or discontinued product, the key was used for another request, "
                    + "or more units than one order may hold")
    @ApiResponse(
            responseCode = "429",
            description = "too many unpaid orders or reserved units (type too-many-open-orders), " + "with Retry-After")
    @ApiResponse(
            responseCode = "503",
            description = "the shop is busy: too many orders are still being processed (type shop-busy), "
                    + "with Retry-After; nothing was ordered")
    ResponseEntity<OrderView> place(
            @Parameter(description = "client-chosen unique key per order attempt (max 100 characters)", required = true)
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        admission.admit(jwt);
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ShopProblem.badRequest("The Idempotency-Key header is required.");
        }
        if (idempotencyKey.length() > IdempotencyKeys.MAX_KEY_LENGTH) {
            throw ShopProblem.badRequest(
                    "The Idempotency-Key header is longer than " + IdempotencyKeys.MAX_KEY_LENGTH + " characters.");
        }
        var seen = new HashSet<UUID>();
        for (var line : request.lines()) {
            if (!seen.add(line.productId())) {
                throw ShopProblem.badRequest("Product " + line.productId() + " appears on more than one line.");
            }
        }
        var email = jwt.getClaimAsString("email");
        if (email == null || email.isBlank()) {
            throw ShopProblem.unprocessable("Your account has no e-mail address to confirm the order to.");
        }
        var placement = saga.place(
                jwt.getSubject(),
                email,
                idempotencyKey,
                request.lines().stream()
                        .map(line -> new Wanted(line.productId(), line.quantity()))
                        .toList());
        if (!placement.created()) {
            return ResponseEntity.ok(placement.order());
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/orders/" + placement.order().id()))
                .body(placement.order());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('customer', 'admin')")
    @Transactional(readOnly = true)
    @Operation(summary = "One order with its lines and timeline (own orders; admins: any)")
    @ApiResponse(responseCode = "404", description = "no such order, or another customer's")
    OrderView get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt, Authentication auth) {
        return orders.findById(id)
                .filter(order -> isAdmin(auth) || order.isOwnedBy(jwt.getSubject()))
                .map(OrderView::of)
                .orElseThrow(() -> ShopProblem.notFound("order", id));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('customer', 'admin')")
    @Transactional(readOnly = true)
    @Operation(
            summary = "My orders, newest first; admins may ask for everyone's with all=true",
            description = "page × size may not pass 10 000.")
    @ApiResponse(responseCode = "403", description = "all=true without the admin role")
    OrderPage list(
            @Parameter(description = "admins only: every customer's orders") @RequestParam(defaultValue = "false")
                    boolean all,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @AuthenticationPrincipal Jwt jwt,
            Authentication auth) {
        PageWindow.check(page, size, null);
        var pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
        if (all) {
            if (!isAdmin(auth)) {
                throw new AccessDeniedException("all orders are for admins");
            }
            return OrderPage.of(orders.findAll(pageable));
        }
        return OrderPage.of(orders.findByCustomerId(jwt.getSubject(), pageable));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('customer', 'admin')")
    @Operation(summary = "Cancel an order before it is paid", description = "Releases any reserved stock.")
    @ApiResponse(responseCode = "404", description = "no such order, or another customer's")
    @ApiResponse(responseCode = "409", description = "already paid, confirmed or cancelled")
    OrderView cancel(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt, Authentication auth) {
        return saga.cancelOnRequest(id, jwt.getSubject(), isAdmin(auth));
    }

    /** Why an admin refunds; optional. */
    record RefundRequest(
            @jakarta.validation.constraints.Size(max = 200) String reason) {}

    @PostMapping("/{id}/refund")
    @PreAuthorize("hasRole('admin')")
    @Operation(
            summary = "Refund a confirmed order in full (admin)",
            description = "Asks payment-service for the refund (shop.payment.refund.v1). The order becomes REFUNDED,"
                    + " its stock is restocked and the customer notified once the payment is refunded. Repeating"
                    + " the request refunds nothing twice.")
    @ApiResponse(responseCode = "202", description = "refund requested; the order is still CONFIRMED until it is done")
    @ApiResponse(responseCode = "403", description = "not an admin")
    @ApiResponse(responseCode = "404", description = "no such order")
    @ApiResponse(responseCode = "409", description = "the order is not CONFIRMED")
    ResponseEntity<OrderView> refund(
            @PathVariable UUID id, @jakarta.validation.Valid @RequestBody(required = false) RefundRequest request) {
        var reason =
                request == null || request.reason() == null || request.reason().isBlank()
                        ? "by an admin"
                        : request.reason().strip();
        return ResponseEntity.accepted().body(saga.refundOnRequest(id, reason));
    }

    private static boolean isAdmin(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(authority -> ADMIN.equals(authority.getAuthority()));
    }
}
