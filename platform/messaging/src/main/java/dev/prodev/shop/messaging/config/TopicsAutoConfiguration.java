package dev.prodev.shop.messaging.config;

import dev.prodev.shop.events.Topics;
import java.util.ArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the shop's topics and their dead-letter topics with the contract's partition counts and
 * configs ({@link Topics#configs}: {@code shop.products} is compacted);
 * Boot's {@link KafkaAdmin} creates missing ones at startup (replication: the broker's default).
 */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnProperty(prefix = "shop.messaging", name = "create-topics", havingValue = "true", matchIfMissing = true)
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics shopTopics() {
        var topics = new ArrayList<NewTopic>();
        Topics.ALL.forEach((name, partitions) -> {
            topics.add(TopicBuilder.name(name)
                    .partitions(partitions)
                    .configs(Topics.configs(name))
                    .build());
            topics.add(TopicBuilder.name(Topics.deadLetter(name))
                    .partitions(partitions)
                    .build());
        });
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
