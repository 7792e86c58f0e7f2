package dev.prodev.shop.user.profile;

import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.user.erasure.ErasedSubjects;
import dev.prodev.shop.web.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own profile; it can only ever be the caller's ({@code sub}), so there is no id to guess. */
@RestController
@RequestMapping("/api/v1/users/me")
public class MeController {

    public record UpdateProfile(
            @NotBlank @Size(max = 200) String displayName,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName) {}

    private final UserProfileRepository profiles;
    private final ErasedSubjects erased;
    private final Outbox outbox;
    private final CallerProfiles callerProfiles;

    public MeController(
            UserProfileRepository profiles, ErasedSubjects erased, Outbox outbox, CallerProfiles callerProfiles) {
        this.profiles = profiles;
        this.erased = erased;
        this.outbox = outbox;
        this.callerProfiles = callerProfiles;
    }

    @GetMapping
    @Transactional
    public ProfileView me(CurrentUser user) {
        return ProfileView.of(profileOf(user));
    }

    @PutMapping
    @Transactional
    public ProfileView update(CurrentUser user, @Valid @RequestBody UpdateProfile update) {
        var profile = profileOf(user);
        profile.rename(update.displayName().trim(), update.firstName(), update.lastName());
        return ProfileView.of(profiles.saveAndFlush(profile));
    }

    /**
     * Right to erasure, in one transaction: the profile and its addresses go, a tombstone refuses
     * the subject's still-valid tokens from now on ({@code ErasedCallers}), and {@code UserDeleted}
     * tells the other services to erase or anonymise their copies. The Keycloak account is deleted
     * after the commit by user-service's own consumer of that event (ADR 0012), so the erasure
     * never waits for, or is lost with, Keycloak.
     */
    @DeleteMapping
    @Transactional
    public ResponseEntity<Void> delete(CurrentUser user) {
        profiles.findByKeycloakId(user.id()).ifPresent(profiles::delete);
        profiles.flush();
        erased.record(user.id());
        outbox.append(user.id(), new UserDeleted(user.id()));
        return ResponseEntity.noContent().build();
    }

    private UserProfile profileOf(CurrentUser user) {
        return callerProfiles.of(user);
    }
}
