package dev.prodev.shop.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Apache Kafka broker in KRaft mode inside the test JVM, shared by every test context. */
public final class LocalKafka {

    private static volatile EmbeddedKafkaKraftBroker broker;

    private LocalKafka() {}

    public static String bootstrapServers() {
        var result = broker;
        if (result == null) {
            synchronized (LocalKafka.class) {
                result = broker;
                if (result == null) {
                    result = new EmbeddedKafkaKraftBroker(1, 3);
                    result.brokerProperties(Map.of(
                            "auto.create.topics.enable", "true",
                            "num.partitions", "3",
                            "group.initial.rebalance.delay.ms", "0",
                            "transaction.state.log.replication.factor", "1",
                            "transaction.state.log.min.isr", "1"));
                    result.afterPropertiesSet();
                    var started = result;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
                    broker = result;
                }
            }
        }
        return result.getBrokersAsString();
    }
}
