package dev.prodev.shop.messaging.config;

import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.UnreadableEventException;
import dev.prodev.shop.messaging.consumer.EventDispatcher;
import dev.prodev.shop.messaging.consumer.EventSubscriptions;
import dev.prodev.shop.messaging.consumer.RejectedEventException;
import dev.prodev.shop.messaging.deadletter.DeadLetterController;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.messaging.deadletter.RecordingDeadLetterRecoverer;
import dev.prodev.shop.messaging.outbox.ParkedOutbox;
import dev.prodev.shop.messaging.outbox.ParkedOutboxController;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumer failures: bounded retries with exponential backoff, then {@code <topic>.dlt} and the
 * {@code dead_letter} table; poison messages (not a CloudEvent, not the contract's JSON) skip
 * the retries. Boot's listener container factory picks the {@link CommonErrorHandler} bean up.
 */
@AutoConfiguration(after = {MessagingAutoConfiguration.class, EventListenerAutoConfiguration.class})
@ConditionalOnClass({KafkaTemplate.class, JdbcTemplate.class})
public class DeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc, ObjectProvider<JsonMapper> jsonMapper) {
        return new DeadLetterStore(jdbc, MessagingAutoConfiguration.jsonMapper(jsonMapper));
    }

    @Bean
    @ConditionalOnMissingBean
    RecordingDeadLetterRecoverer deadLetterRecoverer(
            DeadLetterStore store, CloudEventPublisher publisher, Environment environment) {
        var publishing = new DeadLetterPublishingRecoverer(
                publisher.template(),
                // partition -1: let the key choose, as on the original topic
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var group = environment.getProperty(
                "spring.kafka.consumer.group-id", environment.getProperty("spring.application.name", "unknown"));
        return new RecordingDeadLetterRecoverer(store, publishing, group);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler shopKafkaErrorHandler(
            RecordingDeadLetterRecoverer recoverer, ShopMessagingProperties properties) {
        var consumer = properties.consumer();
        var backOff = new ExponentialBackOffWithMaxRetries(Math.max(consumer.attempts() - 1, 0));
        backOff.setInitialInterval(consumer.initialInterval().toMillis());
        backOff.setMultiplier(consumer.multiplier());
        backOff.setMaxInterval(consumer.maxInterval().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        // poison: retrying cannot change the bytes
        handler.addNotRetryableExceptions(
                InvalidEventException.class,
                UnreadableEventException.class,
                RejectedEventException.class,
                JacksonException.class,
                CloudEventRWException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean({EventDispatcher.class, PlatformTransactionManager.class})
    DeadLetterController deadLetterController(
            DeadLetterStore store,
            EventSubscriptions subscriptions,
            EventDispatcher dispatcher,
            PlatformTransactionManager transactionManager) {
        return new DeadLetterController(store, subscriptions, dispatcher, new TransactionTemplate(transactionManager));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(ParkedOutbox.class)
    ParkedOutboxController parkedOutboxController(ParkedOutbox parked) {
        return new ParkedOutboxController(parked);
    }
}
