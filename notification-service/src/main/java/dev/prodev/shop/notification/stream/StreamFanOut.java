package dev.prodev.shop.notification.stream;

import dev.prodev.shop.notification.inapp.NotificationStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Multiple replicas: the replica that consumed an event is rarely the one holding the user's
 * stream, so after the notification commits it is published on the Redis channel
 * {@value #CHANNEL}; every replica subscribes and pushes to the streams it holds. Redis pub/sub
 * is fire-and-forget, which suits a live view: a client that missed a push (Redis down, or it was
 * reconnecting) reloads {@code GET /api/v1/notifications}, the durable record. If publishing
 * fails, this replica still pushes to its own streams.
 */
@Configuration(proxyBeanMethods = false)
class StreamFanOut {

    static final String CHANNEL = "shop:notifications:stream";

    private static final Logger log = LoggerFactory.getLogger(StreamFanOut.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final NotificationStream stream;
    private final ObjectProvider<RedisMessageListenerContainer> listener;

    StreamFanOut(
            StringRedisTemplate redis,
            JsonMapper json,
            NotificationStream stream,
            ObjectProvider<RedisMessageListenerContainer> listener) {
        this.redis = redis;
        this.json = json;
        this.stream = stream;
        this.listener = listener;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void publish(NotificationStored stored) {
        try {
            redis.convertAndSend(CHANNEL, json.writeValueAsString(stored));
        } catch (RuntimeException ex) {
            log.warn(
                    "cannot fan out notification {} through Redis, pushing to this replica's streams only: {}",
                    stored.notification().id(),
                    ex.getMessage());
            stream.push(stored.recipientId(), stored.notification());
        }
    }

    /**
     * Not started with the context: Redis being down at startup must not keep the service (and
     * its emails) down. {@link #subscribeWhenRedisIsUp} starts it once Redis answers; after that
     * the container re-subscribes by itself when the connection drops.
     */
    @Bean
    RedisMessageListenerContainer notificationStreamListener(RedisConnectionFactory redisConnections) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redisConnections);
        container.addMessageListener(new Subscriber(json, stream), new ChannelTopic(CHANNEL));
        container.setAutoStartup(false);
        return container;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${shop.notifications.stream.subscribe-retry:5s}")
    void subscribeWhenRedisIsUp() {
        var container = listener.getIfAvailable();
        if (container == null || container.isRunning()) {
            return;
        }
        try {
            container.start();
            log.info("subscribed to {}: live notifications fan out across replicas", CHANNEL);
        } catch (RuntimeException ex) {
            log.warn(
                    "cannot subscribe to Redis channel {} yet (streams get only this replica's notifications): {}",
                    CHANNEL,
                    ex.getMessage());
        }
    }

    private record Subscriber(JsonMapper json, NotificationStream stream) implements MessageListener {

        @Override
        public void onMessage(Message message, byte[] pattern) {
            try {
                var stored = json.readValue(message.getBody(), NotificationStored.class);
                stream.push(stored.recipientId(), stored.notification());
            } catch (RuntimeException ex) {
                log.warn("ignoring an unreadable stream message: {}", ex.getMessage());
            }
        }
    }
}
