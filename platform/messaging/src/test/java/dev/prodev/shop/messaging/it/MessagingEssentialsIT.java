package dev.prodev.shop.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.test.KafkaEssentials;
import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** What a service gets by adding the dependency, beyond producing and consuming. */
class MessagingEssentialsIT extends MessagingIntegrationTest implements KafkaEssentials {

    @Test
    void shopTopicsAndTheirDeadLetterTopicsExistWithTheContractPartitions() throws Exception {
        try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            var names = new ArrayList<String>();
            Topics.ALL.keySet().forEach(topic -> {
                names.add(topic);
                names.add(Topics.deadLetter(topic));
            });
            var described = admin.describeTopics(names).allTopicNames().get();
            Topics.ALL.forEach((topic, partitions) -> {
                assertThat(described.get(topic).partitions()).as(topic).hasSize(partitions);
                assertThat(described.get(Topics.deadLetter(topic)).partitions())
                        .as(topic + ".dlt")
                        .hasSize(partitions);
            });
        }
    }

    @Test
    void messagingTablesJoinTheServicesOwnFlywayHistory() {
        var versions = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(versions).contains("1", "1000");
        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.tables where table_name in "
                                + "('outbox', 'inbox', 'dead_letter', 'shedlock', 'it_reservation')",
                        Integer.class))
                .isEqualTo(5);
    }
}
