package dev.prodev.shop.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.config.EventListenerAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.transaction.PlatformTransactionManager;

/** The consumer auto-configuration's conditions and the endpoints it registers, without Kafka or a database. */
class EventListenerAutoConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopMessagingProperties.class)
    static class Infrastructure {
        @Bean
        Inbox inbox() {
            return mock(Inbox.class);
        }

        @Bean
        PlatformTransactionManager transactionManager() {
            return mock(PlatformTransactionManager.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Subscribers {
        @Bean
        EventSubscriber stock() {
            return () -> List.of(EventHandlers.consumer("catalog.stock-commands", Topics.STOCK_COMMANDS)
                    .concurrency("${test.concurrency:3}")
                    .on(ReserveStock.class, command -> {})
                    .build());
        }

        @Bean
        EventSubscriber users() {
            return () -> List.of(EventHandlers.broadcast("test.users", Topics.USERS)
                    .groupId("test-users-${test.replica}")
                    .consumerProperty("auto.offset.reset", "latest")
                    .on(UserDeleted.class, deleted -> {})
                    .build());
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventListenerAutoConfiguration.class))
            .withPropertyValues("spring.application.name=catalog-service", "test.replica=r1");

    @Test
    void withAnInboxAndATransactionManagerEverySubscriptionGetsAListenerEndpoint() {
        runner.withUserConfiguration(Infrastructure.class, Subscribers.class).run(context -> {
            assertThat(context).hasSingleBean(EventDispatcher.class).hasSingleBean(EventListenerRegistrar.class);
            var registrar = mock(KafkaListenerEndpointRegistrar.class);
            context.getBean(EventListenerRegistrar.class).configureKafkaListeners(registrar);
            var endpoints = ArgumentCaptor.forClass(KafkaListenerEndpoint.class);
            verify(registrar, times(2)).registerEndpoint(endpoints.capture());

            var stock = endpoints.getAllValues().get(0);
            assertThat(stock.getId()).as("container id = inbox consumer").isEqualTo("catalog.stock-commands");
            assertThat(stock.getTopics()).containsExactly(Topics.STOCK_COMMANDS);
            assertThat(stock.getGroupId()).as("the service's group by default").isEqualTo("catalog-service");
            assertThat(stock.getConcurrency()).isEqualTo(3);

            var users = endpoints.getAllValues().get(1);
            assertThat(users.getGroupId()).isEqualTo("test-users-r1");
            assertThat(users.getConsumerProperties()).containsEntry("auto.offset.reset", "latest");
            assertThat(users.getConcurrency()).isNull();
        });
    }

    @Test
    void theGroupComesFromSpringKafkaConsumerGroupIdAndConcurrencyFromItsProperty() {
        runner.withUserConfiguration(Infrastructure.class, Subscribers.class)
                .withPropertyValues("spring.kafka.consumer.group-id=catalog-blue", "test.concurrency=5")
                .run(context -> {
                    var stock = context.getBean(EventSubscriptions.class).find("catalog-blue", Topics.STOCK_COMMANDS);
                    assertThat(stock)
                            .hasValueSatisfying(s -> assertThat(s.concurrency()).isEqualTo(5));
                });
    }

    @Test
    void withoutAnInboxNoDispatcherAndNoListeners() {
        runner.withUserConfiguration(Subscribers.class)
                .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
                .withUserConfiguration(PropertiesOnly.class)
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EventDispatcher.class)
                        .doesNotHaveBean(EventListenerRegistrar.class));
    }

    @Test
    void withoutSpringKafkaNothingIsConfigured() {
        runner.withUserConfiguration(Infrastructure.class, Subscribers.class)
                .withClassLoader(new FilteredClassLoader(KafkaListenerConfigurer.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EventDispatcher.class)
                        .doesNotHaveBean(EventSubscriptions.class));
    }

    @Test
    void aServicesOwnDispatcherWins() {
        var own = new EventDispatcher(mock(Inbox.class), null, null, false, null);
        runner.withUserConfiguration(Infrastructure.class)
                .withBean(EventDispatcher.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(EventDispatcher.class)).isSameAs(own));
    }

    @Test
    void twoConsumersWithOneNameAreRefused() {
        runner.withUserConfiguration(Infrastructure.class)
                .withBean(
                        "a",
                        EventSubscriber.class,
                        () -> () -> List.of(EventHandlers.consumer("same", Topics.USERS)
                                .on(UserDeleted.class, d -> {})
                                .build()))
                .withBean(
                        "b",
                        EventSubscriber.class,
                        () -> () -> List.of(EventHandlers.consumer("same", Topics.USERS)
                                .on(UserDeleted.class, d -> {})
                                .build()))
                .run(context -> {
                    var registrar = mock(KafkaListenerEndpointRegistrar.class);
                    assertThatThrownBy(() -> context.getBean(EventListenerRegistrar.class)
                                    .configureKafkaListeners(registrar))
                            .hasMessageContaining("same");
                    verify(registrar, never()).registerEndpoint(any());
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShopMessagingProperties.class)
    static class PropertiesOnly {}
}
