package dev.prodev.shop.user.registration;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.user.UserRegistered;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.user.keycloak.KeycloakAdminClient;
import dev.prodev.shop.user.profile.ProfileView;
import dev.prodev.shop.user.profile.UserProfile;
import dev.prodev.shop.user.profile.UserProfileRepository;
import dev.prodev.shop.web.problem.ProblemDetailsHandler.FieldError;
import dev.prodev.shop.web.problem.ShopProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public sign-up. The account is created in Keycloak (which owns passwords and their policy),
 * given role {@code customer}, then the profile row and {@code UserRegistered} are written in
 * one transaction. If anything after the Keycloak call fails, the Keycloak user is deleted
 * again, so a failed sign-up leaves nothing half-written and the email stays free.
 * <p>
 * Passwords shorter than {@value #MIN_PASSWORD_LENGTH} characters are refused here (400 with a
 * field error) without asking Keycloak. What only the realm's policy knows (common passwords,
 * equal to the email) comes back from Keycloak as a refusal of the create call, answered 422
 * {@code weak-password}: Keycloak creates a user and its password in one transaction, so a refused
 * password leaves no Keycloak user, and we never reach the profile or the event.
 */
@RestController
public class RegistrationController {

    private static final Logger log = LoggerFactory.getLogger(RegistrationController.class);

    /** Shortest password we accept: Keycloak's realm policy asks the same, but a weak password never needs a round trip. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /** Longest: a bound on what is hashed, not a security rule (passphrases fit comfortably). */
    public static final int MAX_PASSWORD_LENGTH = 128;

    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank
            @Size(
                    min = MIN_PASSWORD_LENGTH,
                    max = MAX_PASSWORD_LENGTH,
                    message = "must be between " + MIN_PASSWORD_LENGTH + " and " + MAX_PASSWORD_LENGTH + " characters")
            String password,

            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeycloakAdminClient keycloak;
    private final UserProfileRepository profiles;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    public RegistrationController(
            KeycloakAdminClient keycloak,
            UserProfileRepository profiles,
            Outbox outbox,
            TransactionTemplate transaction) {
        this.keycloak = keycloak;
        this.profiles = profiles;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    @PostMapping("/api/v1/users/register")
    ResponseEntity<ProfileView> register(@Valid @RequestBody RegisterRequest request) {
        var email = request.email().trim().toLowerCase(Locale.ROOT);
        if (profiles.existsByEmailIgnoreCase(email)) {
            throw ShopProblem.conflict("An account with this email already exists.");
        }
        var firstName = request.firstName().trim();
        var lastName = request.lastName().trim();
        requireAnnounceable(email, firstName + " " + lastName);
        var userId = keycloak.createUser(new KeycloakAdminClient.NewUser(
                email,
                email,
                firstName,
                lastName,
                true,
                false,
                List.of(new KeycloakAdminClient.Credential("password", request.password(), false))));
        try {
            keycloak.assignRealmRole(userId, "customer");
            var displayName = firstName + " " + lastName;
            var profile = transaction.execute(status -> {
                var saved = profiles.saveAndFlush(
                        new UserProfile(UUID.randomUUID(), userId, email, displayName, firstName, lastName));
                outbox.append(userId, new UserRegistered(userId, email, displayName));
                return saved;
            });
            return ResponseEntity.created(URI.create("/api/v1/users/me")).body(ProfileView.of(profile));
        } catch (RuntimeException ex) {
            compensate(userId, ex);
            throw ex;
        }
    }

    /**
     * The {@code UserRegistered} this sign-up will publish must pass its schema, checked before
     * Keycloak is called: Bean Validation's {@code @Email} is looser than the schema's {@code email}
     * format (it takes {@code x@example.test}), and a refusal by the outbox after Keycloak had
     * created the user was a 500. Checking the event itself keeps the two rules from drifting.
     */
    private static void requireAnnounceable(String email, String displayName) {
        var errors = EventSchemas.validate(
                UserRegistered.TYPE, JSON.writeValueAsBytes(new UserRegistered("pending", email, displayName)));
        if (errors.isEmpty()) {
            return;
        }
        log.info("refused a registration whose UserRegistered event breaks its schema: {}", errors);
        var fields = errors.stream()
                .map(error -> error.startsWith("$.displayName")
                        ? new FieldError("firstName", "first and last name must not be empty")
                        : new FieldError(
                                "email", "must be a deliverable email address (a known top-level domain, ASCII only)"))
                .distinct()
                .toList();
        throw new ShopProblem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                "The request has invalid fields.",
                Map.of("errors", fields));
    }

    private void compensate(String userId, RuntimeException cause) {
        log.warn(
                "registration of {} failed after Keycloak created the user; deleting it again: {}",
                userId,
                cause.toString());
        try {
            keycloak.deleteUser(userId);
        } catch (RuntimeException ex) {
            // the orphan cannot log in to anything that needs a profile; an operator can remove it
            log.error("could not delete Keycloak user {} after a failed registration", userId, ex);
        }
    }
}
