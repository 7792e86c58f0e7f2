package dev.prodev.shop.messaging.config;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.inbox.JdbcInbox;
import dev.prodev.shop.messaging.ops.MessagingCleanup;
import dev.prodev.shop.messaging.ops.MessagingMetrics;
import dev.prodev.shop.messaging.outbox.JdbcOutbox;
import dev.prodev.shop.messaging.outbox.OutboxRelay;
import dev.prodev.shop.messaging.outbox.ParkedOutbox;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Producing and consuming events: the CloudEvents producer path, the transactional outbox and
 * its relay, the inbox, metrics and cleanup. A service gets it by depending on platform-messaging.
 */
@AutoConfiguration(
        after = {
            KafkaAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class,
            JacksonAutoConfiguration.class
        },
        afterName = {
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"
        })
@ConditionalOnClass({KafkaTemplate.class, JdbcTemplate.class})
@EnableConfigurationProperties(ShopMessagingProperties.class)
public class MessagingAutoConfiguration {

    static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
        return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
    }

    static String source(ShopMessagingProperties properties, Environment environment) {
        return properties.source().isBlank()
                ? environment.getProperty("spring.application.name", "unknown-service")
                : properties.source();
    }

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings({"unchecked", "rawtypes"})
    CloudEventPublisher cloudEventPublisher(
            ProducerFactory<?, ?> producerFactory,
            KafkaProperties kafka,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<JsonMapper> jsonMapper,
            ShopMessagingProperties properties,
            Environment environment) {
        // derived from Boot's factory: same bootstrap servers, security and customizers; our serializers and timeouts
        var template = new KafkaTemplate<String, byte[]>(
                (ProducerFactory) producerFactory,
                CloudEventPublisher.producerOverrides(properties.outbox().sendTimeout()));
        template.setObservationEnabled(kafka.getTemplate().isObservationEnabled());
        observations.ifAvailable(template::setObservationRegistry);
        return new CloudEventPublisher(template, jsonMapper(jsonMapper), source(properties, environment));
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            CloudEventPublisher publisher,
            ObjectProvider<Tracer> tracer,
            ShopMessagingProperties properties) {
        return new OutboxRelay(
                jdbc,
                new TransactionTemplate(transactionManager),
                publisher,
                tracer.getIfAvailable(() -> Tracer.NOOP),
                properties.outbox());
    }

    @Bean
    @ConditionalOnMissingBean(Outbox.class)
    JdbcOutbox outbox(
            JdbcTemplate jdbc,
            ObjectProvider<JsonMapper> jsonMapper,
            ObjectProvider<Tracer> tracer,
            OutboxRelay relay,
            ShopMessagingProperties properties) {
        return new JdbcOutbox(
                jdbc,
                jsonMapper(jsonMapper),
                tracer.getIfAvailable(() -> Tracer.NOOP),
                properties.outbox().validate(),
                relay::wake);
    }

    /** Parked outbox rows for the admin API; retry and skip wake the relay. */
    @Bean
    @ConditionalOnMissingBean
    ParkedOutbox parkedOutbox(JdbcTemplate jdbc, OutboxRelay relay) {
        return new ParkedOutbox(jdbc, relay::wake);
    }

    @Bean
    @ConditionalOnMissingBean(Inbox.class)
    JdbcInbox inbox(JdbcTemplate jdbc) {
        return new JdbcInbox(jdbc);
    }

    @Bean
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    MessagingMetrics messagingMetrics(JdbcTemplate jdbc) {
        return new MessagingMetrics(jdbc);
    }

    /** ShedLock on the {@code shedlock} table shipped in V1000; services may use it for their own jobs. */
    @Bean
    @ConditionalOnMissingBean(LockProvider.class)
    LockProvider shopLockProvider(JdbcTemplate jdbc) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .usingDbTime()
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    MessagingCleanup messagingCleanup(
            JdbcTemplate jdbc, LockProvider lockProvider, ShopMessagingProperties properties) {
        return new MessagingCleanup(jdbc, lockProvider, properties.cleanup());
    }
}
