package dev.prodev.shop.user.admin;

import dev.prodev.shop.user.keycloak.KeycloakAdminClient;
import dev.prodev.shop.user.profile.ProfileView;
import dev.prodev.shop.user.profile.UserProfileRepository;
import dev.prodev.shop.web.problem.ProblemDetailsHandler;
import dev.prodev.shop.web.problem.ShopProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shop admins: find users (paged, searchable, at most 100 per page) and disable an account.
 * Paging stops at offset {@value #MAX_OFFSET} (page * size), the bound the catalogue uses too:
 * a deep {@code OFFSET} reads and discards every row before it, so a deep page costs the
 * database as much as the whole list; beyond it, a search narrows the list instead.
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('admin')")
@Validated
public class AdminUserController {

    public record UserPage(List<ProfileView> items, int page, int size, long totalItems, int totalPages) {}

    /** Deepest offset (page * size) the list answers. */
    public static final int MAX_OFFSET = 10_000;

    private final UserProfileRepository profiles;
    private final KeycloakAdminClient keycloak;

    public AdminUserController(UserProfileRepository profiles, KeycloakAdminClient keycloak) {
        this.profiles = profiles;
        this.keycloak = keycloak;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public UserPage list(
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if ((long) page * size > MAX_OFFSET) {
            throw new ShopProblem(
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid request",
                    "Only the first " + MAX_OFFSET + " users can be paged through; narrow the search with q.",
                    Map.of(
                            "errors",
                            List.of(new ProblemDetailsHandler.FieldError(
                                    "page", "page * size must be at most " + MAX_OFFSET))));
        }
        var query = q == null || q.isBlank() ? null : q.trim();
        var result = profiles.search(
                query, PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
        return new UserPage(
                result.map(ProfileView::of).getContent(),
                page,
                size,
                result.getTotalElements(),
                result.getTotalPages());
    }

    /** Disables the Keycloak account (no more logins or token refreshes) and marks the profile. */
    @PostMapping("/{id}/disable")
    @Transactional
    public ResponseEntity<Void> disable(@PathVariable @Size(max = 64) String id) {
        keycloak.disableUser(id);
        profiles.findByKeycloakId(id).ifPresent(profile -> profile.disable());
        return ResponseEntity.noContent().build();
    }
}
