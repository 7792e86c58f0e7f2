package dev.prodev.shop.messaging.config;

import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.consumer.EventDispatcher;
import dev.prodev.shop.messaging.consumer.EventListenerRegistrar;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import dev.prodev.shop.messaging.consumer.EventSubscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumers: every {@link EventSubscriber} bean's handler tables get a listener container and go
 * through the one {@link EventDispatcher} (inbox, source check, unknown types, logging). Needs the
 * inbox (platform-messaging's JDBC one, or the service's) and a transaction manager.
 */
@AutoConfiguration(
        after = MessagingAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass({KafkaListenerConfigurer.class, MeterRegistry.class})
public class EventListenerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({Inbox.class, PlatformTransactionManager.class})
    EventDispatcher eventDispatcher(
            Inbox inbox,
            PlatformTransactionManager transactionManager,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<ObservationRegistry> observations,
            ShopMessagingProperties properties,
            Environment environment) {
        var consumer = properties.consumer();
        // the batch path records the listener observations itself, when the container would have
        boolean observe = environment.getProperty("spring.kafka.listener.observation-enabled", Boolean.class, false);
        return new EventDispatcher(
                inbox,
                new TransactionTemplate(transactionManager),
                meters.getIfAvailable(() -> Metrics.globalRegistry),
                consumer.checkSource(),
                consumer.owners(),
                observe ? observations.getIfAvailable(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP);
    }

    @Bean
    @ConditionalOnMissingBean
    EventSubscriptions eventSubscriptions(ObjectProvider<EventSubscriber> subscribers, Environment environment) {
        return new EventSubscriptions(subscribers, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(EventDispatcher.class)
    EventListenerRegistrar eventListenerRegistrar(
            EventSubscriptions subscriptions, EventDispatcher dispatcher, ShopMessagingProperties properties) {
        return new EventListenerRegistrar(
                subscriptions, dispatcher, properties.consumer().batch());
    }
}
