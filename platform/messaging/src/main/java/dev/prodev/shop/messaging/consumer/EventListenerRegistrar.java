package dev.prodev.shop.messaging.consumer;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

/**
 * The container wiring of every {@link EventHandlers} table, in place of one {@code @KafkaListener}
 * per class: one endpoint per table on Boot's listener container factory (so its error handler,
 * observation and {@code spring.kafka.listener.*} settings apply), container id = the table's
 * name, records handed to {@link EventDispatcher}.
 */
public class EventListenerRegistrar implements KafkaListenerConfigurer {

    private final EventSubscriptions subscriptions;
    private final EventDispatcher dispatcher;

    public EventListenerRegistrar(EventSubscriptions subscriptions, EventDispatcher dispatcher) {
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        for (var subscription : subscriptions.all()) {
            registrar.registerEndpoint(new Endpoint(subscription, dispatcher));
        }
    }

    /** One table as a listener endpoint. */
    record Endpoint(EventSubscriptions.Subscription subscription, EventDispatcher dispatcher)
            implements KafkaListenerEndpoint {

        @Override
        public String getId() {
            return subscription.handlers().name();
        }

        @Override
        public String getGroupId() {
            return subscription.groupId();
        }

        @Override
        public String getGroup() {
            return null;
        }

        @Override
        public Collection<String> getTopics() {
            return List.of(subscription.handlers().topic());
        }

        @Override
        public TopicPartitionOffset[] getTopicPartitionsToAssign() {
            return new TopicPartitionOffset[0];
        }

        @Override
        public Pattern getTopicPattern() {
            return null;
        }

        @Override
        public String getClientIdPrefix() {
            return null;
        }

        @Override
        public Integer getConcurrency() {
            return subscription.concurrency();
        }

        @Override
        public Boolean getAutoStartup() {
            return null;
        }

        @Override
        public Properties getConsumerProperties() {
            var properties = new Properties();
            properties.putAll(subscription.handlers().consumerProperties());
            return properties;
        }

        @Override
        public void setupListenerContainer(MessageListenerContainer container, MessageConverter messageConverter) {
            var handlers = subscription.handlers();
            container.setupMessageListener(
                    (MessageListener<String, byte[]>) record -> dispatcher.dispatch(handlers, record));
        }

        @Override
        public boolean isSplitIterables() {
            return true;
        }
    }
}
