package dev.prodev.shop.user.address;

import dev.prodev.shop.user.profile.CallerProfiles;
import dev.prodev.shop.web.problem.ShopProblem;
import dev.prodev.shop.web.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's addresses. Every query is scoped to the caller's profile: someone else's address is a 404. */
@RestController
@RequestMapping("/api/v1/users/me/addresses")
public class AddressController {

    /** Enough for home, work and a few gift addresses; keeps the list bounded. */
    static final int MAX_ADDRESSES = 20;

    public record AddressRequest(
            @NotBlank @Size(max = 50) String label,
            @NotBlank @Size(max = 200) String recipient,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,

            @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
            String country) {}

    public record AddressView(
            UUID id,
            String label,
            String recipient,
            String line1,
            String line2,
            String city,
            String postalCode,
            String country) {}

    private final AddressRepository addresses;
    private final CallerProfiles callerProfiles;

    public AddressController(AddressRepository addresses, CallerProfiles callerProfiles) {
        this.addresses = addresses;
        this.callerProfiles = callerProfiles;
    }

    @GetMapping
    @Transactional
    public List<AddressView> list(CurrentUser user) {
        return addresses.findByProfileIdOrderByCreatedAt(profileId(user)).stream()
                .map(Address::view)
                .toList();
    }

    @PostMapping
    @Transactional
    public ResponseEntity<AddressView> create(CurrentUser user, @Valid @RequestBody AddressRequest request) {
        var profileId = profileId(user);
        if (addresses.countByProfileId(profileId) >= MAX_ADDRESSES) {
            throw ShopProblem.unprocessable("At most " + MAX_ADDRESSES + " addresses per account.");
        }
        var address = addresses.save(new Address(UUID.randomUUID(), profileId, request));
        var view = address.view();
        return ResponseEntity.created(URI.create("/api/v1/users/me/addresses/" + view.id()))
                .body(view);
    }

    @GetMapping("/{id}")
    @Transactional
    public AddressView get(CurrentUser user, @PathVariable UUID id) {
        return owned(user, id).view();
    }

    @PutMapping("/{id}")
    @Transactional
    public AddressView update(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody AddressRequest request) {
        var address = owned(user, id);
        address.apply(request);
        return address.view();
    }

    @DeleteMapping("/{id}")
    @Transactional
    public ResponseEntity<Void> delete(CurrentUser user, @PathVariable UUID id) {
        addresses.delete(owned(user, id));
        return ResponseEntity.noContent().build();
    }

    private Address owned(CurrentUser user, UUID id) {
        return addresses
                .findByIdAndProfileId(id, profileId(user))
                .orElseThrow(() -> ShopProblem.notFound("address", id));
    }

    private UUID profileId(CurrentUser user) {
        return callerProfiles.of(user).getId();
    }
}
