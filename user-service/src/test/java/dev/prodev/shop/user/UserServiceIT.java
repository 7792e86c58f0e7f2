package dev.prodev.shop.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.KafkaEssentials;
import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.user.profile.UserProfile;
import dev.prodev.shop.user.profile.UserProfileRepository;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** User service against real PostgreSQL and Kafka: schema by Flyway, rows through JPA, probes, metrics, errors. */
class UserServiceIT extends UserIntegrationTest implements ServiceEssentials, KafkaEssentials {

    @Autowired
    UserProfileRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayOwnsTheSchema() {
        var applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(applied).startsWith("1", "2");
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_name = 'user_profile'",
                        Integer.class))
                .isEqualTo(1);
    }

    @Test
    void storesAndReadsBackAUserProfile() {
        var saved = repository.saveAndFlush(new UserProfile(
                UUID.randomUUID(), "kc-" + UUID.randomUUID(), UUID.randomUUID() + "@example.com", "Alice Example"));
        var found = repository.findById(saved.getId()).orElseThrow();
        assertThat(found.getEmail()).isEqualTo(saved.getEmail());
        assertThat(jdbc.queryForObject("select count(*) from user_profile where id = ?", Integer.class, saved.getId()))
                .isEqualTo(1);
    }
}
