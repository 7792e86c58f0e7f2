package dev.prodev.shop.catalog.stock;

import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
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

/** Stock is served apart from the product: it changes with every order, the product's ETag should not. */
@RestController
@RequestMapping("/api/v1/products/{productId}/stock")
@Tag(name = "stock", description = "Stock levels (public) and admin adjustments")
class StockController {

    private static final Logger log = LoggerFactory.getLogger(StockController.class);

    private final StockReservations stock;

    StockController(StockReservations stock) {
        this.stock = stock;
    }

    @GetMapping
    @Operation(summary = "Stock of a product: on hand, reserved by open orders, available")
    ResponseEntity<StockLevel> get(@PathVariable UUID productId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(require(productId));
    }

    @PostMapping("/adjustments")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Add to or take from the stock on hand (admin); never below what is reserved")
    StockLevel adjust(
            @PathVariable UUID productId,
            @Valid @RequestBody StockAdjustment adjustment,
            @AuthenticationPrincipal Jwt admin) {
        require(productId);
        if (!stock.adjust(productId, adjustment.delta())) {
            throw ShopProblem.conflict("Stock on hand cannot drop below zero or below what open orders have reserved.");
        }
        log.info(
                "stock of {} adjusted by {} ({}) by {}",
                productId,
                adjustment.delta(),
                adjustment.reason(),
                admin == null ? "?" : admin.getSubject());
        return stock.level(productId);
    }

    private StockLevel require(UUID productId) {
        var level = stock.level(productId);
        if (level == null) {
            throw ShopProblem.notFound("product", productId);
        }
        return level;
    }
}
