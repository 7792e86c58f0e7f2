package dev.prodev.shop.user.address;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AddressRepository extends JpaRepository<Address, UUID> {

    List<Address> findByProfileIdOrderByCreatedAt(UUID profileId);

    /** Ownership in the query: another user's address is simply not found. */
    Optional<Address> findByIdAndProfileId(UUID id, UUID profileId);

    long countByProfileId(UUID profileId);
}
