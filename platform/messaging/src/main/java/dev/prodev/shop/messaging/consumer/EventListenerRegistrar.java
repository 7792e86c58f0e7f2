package dev.prodev.shop.messaging.consumer;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

/**
 * The container wiring of every {@link EventHandlers} table, in place of one {@code @KafkaListener}
 * per class: one endpoint per table on Boot's listener container factory (so its error handler,
 * observation and {@code spring.kafka.listener.*} settings apply), container id = the table's
 * name, records handed to {@link EventDispatcher}: a whole poll at a time in batch mode
 * ({@code shop.messaging.consumer.batch}, the default; ADR 0019), else one record at a time.
 */
public class EventListenerRegistrar implements KafkaListenerConfigurer {

    private final EventSubscriptions subscriptions;
    private final EventDispatcher dispatcher;
    private final boolean batch;

    public EventListenerRegistrar(EventSubscriptions subscriptions, EventDispatcher dispatcher) {
        this(subscriptions, dispatcher, false);
    }

    /** @param batch whether each poll is handed over at once ({@link EventDispatcher#dispatchBatch}) */
    public EventListenerRegistrar(EventSubscriptions subscriptions, EventDispatcher dispatcher, boolean batch) {
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.batch = batch;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        for (var subscription : subscriptions.all()) {
            registrar.registerEndpoint(new Endpoint(subscription, dispatcher, batch));
        }
    }

    /** One table as a listener endpoint. */
    record Endpoint(EventSubscriptions.Subscription subscription, EventDispatcher dispatcher, boolean batch)
            implements KafkaListenerEndpoint {

        @Override
        public Boolean getBatchListener() {
            return batch;
        }

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
            if (batch) {
                var group = subscription.groupId();
                container.setupMessageListener((BatchMessageListener<String, byte[]>)
                        records -> dispatcher.dispatchBatch(handlers, records, group));
            } else {
                container.setupMessageListener(
                        (MessageListener<String, byte[]>) record -> dispatcher.dispatch(handlers, record));
            }
        }

        @Override
        public boolean isSplitIterables() {
            return true;
        }
    }
}
