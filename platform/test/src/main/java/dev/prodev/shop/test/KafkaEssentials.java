package dev.prodev.shop.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A service's own Kafka producer configuration reaches a real broker: what it sends can be
 * read back from the topic. Inherited by each Kafka-using service's integration test.
 */
public interface KafkaEssentials {

    @Test
    default void sendsThroughItsKafkaConfigurationToARealBroker(
            @Autowired KafkaTemplate<Object, Object> kafka, @Autowired KafkaConnectionDetails broker) throws Exception {
        var topic = "essentials-" + UUID.randomUUID();
        var key = UUID.randomUUID().toString();
        kafka.send(topic, key, "{\"probe\":true}").get();
        var records = TopicReader.await(
                String.join(",", broker.getBootstrapServers()),
                topic,
                1,
                record -> key.equals(record.key()),
                Duration.ofSeconds(30));
        assertThat(new String(records.getFirst().value())).isEqualTo("{\"probe\":true}");
    }
}
