package dev.prodev.shop.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Proves the switch itself: the path it chose is the one the tests really ran on, and on that
 * path PostgreSQL, Kafka and Redis are real and reachable. Publishes the chosen path in the
 * test report so a skipped or mis-wired suite cannot pass unnoticed.
 */
@ShopIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class InfrastructureSwitchIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Probe {}

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ConsumerFactory<Object, Object> consumers;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void runsOnThePathTheSwitchChoseAndSaysWhichOne(TestReporter report) throws Exception {
        var mode = InfrastructureMode.current();
        var expected = switch (InfrastructureMode.requested()) {
            case "docker" -> InfrastructureMode.DOCKER;
            case "local" -> InfrastructureMode.LOCAL;
            default -> InfrastructureMode.dockerAvailable() ? InfrastructureMode.DOCKER : InfrastructureMode.LOCAL;
        };
        assertThat(mode).isEqualTo(expected);

        var database = jdbc.queryForObject("select current_database()", String.class);
        var serverVersion = jdbc.queryForObject("show server_version", String.class);
        if (mode == InfrastructureMode.LOCAL) {
            assertThat(database)
                    .isEqualTo(LocalPostgres.freshDatabase().database())
                    .startsWith("shop_it_");
        }
        var line = "infrastructure=" + mode + " database=" + database + " postgres=" + serverVersion
                + " kafka="
                + String.join(
                        ",",
                        kafka.getProducerFactory()
                                .getConfigurationProperties()
                                .getOrDefault("bootstrap.servers", "?")
                                .toString());
        report.publishEntry("infrastructure", line);
        System.out.println("[shop-test] " + line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "test-infrastructure.txt"), line + System.lineSeparator());
    }

    @Test
    void postgresIsARealServerWithAFreshDatabase() {
        jdbc.execute("create table probe (id uuid primary key, note text not null)");
        var id = UUID.randomUUID();
        jdbc.update("insert into probe (id, note) values (?, ?)", id, "written");
        assertThat(jdbc.queryForObject("select note from probe where id = ?", String.class, id))
                .isEqualTo("written");
        jdbc.execute("drop table probe");
    }

    @Test
    void kafkaIsARealBrokerThatDeliversWhatWasSent() throws Exception {
        var topic = "probe-" + UUID.randomUUID();
        var payload = "hello " + UUID.randomUUID();
        kafka.send(topic, "key", payload).get();
        try (var consumer = consumers.createConsumer(
                "probe-" + UUID.randomUUID(),
                null,
                null,
                propsFor(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.subscribe(List.of(topic));
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String received = null;
            while (received == null && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    received = String.valueOf(record.value());
                }
            }
            assertThat(received).isEqualTo(payload);
        }
    }

    @Test
    void redisIsARealServer() {
        var key = "shop-test:" + UUID.randomUUID();
        redis.opsForValue().set(key, "v", Duration.ofSeconds(30));
        assertThat(redis.opsForValue().get(key)).isEqualTo("v");
        redis.delete(key);
    }

    private static java.util.Properties propsFor(String key, String value) {
        var props = new java.util.Properties();
        props.put(key, value);
        return props;
    }
}
