package dev.prodev.shop.user.profile;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UserProfileRepository extends JpaRepository<UserProfile, UUID> {

    Optional<UserProfile> findByKeycloakId(String keycloakId);

    boolean existsByEmailIgnoreCase(String email);

    @Query("""
            select p from UserProfile p
            where :q is null
               or lower(p.email) like lower(concat('%', cast(:q as string), '%'))
               or lower(p.displayName) like lower(concat('%', cast(:q as string), '%'))""")
    Page<UserProfile> search(@Param("q") String query, Pageable pageable);
}
