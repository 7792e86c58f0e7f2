package dev.prodev.shop.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka producer path of platform-messaging (String keys, JSON bytes, acks from all
 * in-sync replicas, idempotent): used by the outbox relay, the dead-letter recoverer and
 * redrive. Business code does not call it: it appends to the {@link Outbox}. Tests may use
 * it to put a CloudEvent on a topic the way another service would.
 *
 * <p>It derives its own producer from Boot's so the service's {@code spring.kafka.*} settings
 * and connection details apply, while Boot's {@code KafkaTemplate} keeps its serializers.
 */
public class CloudEventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final JsonMapper json;
    private final String source;

    public CloudEventPublisher(KafkaTemplate<String, byte[]> template, JsonMapper json, String source) {
        this.template = template;
        this.json = json;
        this.source = source;
    }

    /** The overrides applied to Boot's producer configuration for this path. */
    public static Map<String, Object> producerOverrides(java.time.Duration sendTimeout) {
        long delivery = Math.max(sendTimeout.toMillis(), 2000);
        return Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                // a dead broker must fail a send within the relay's budget, not block for a minute
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Math.min(delivery / 2, 5000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) (delivery / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) delivery);
    }

    /** Publishes {@code data} as a new CloudEvent of {@code type} from this service. */
    public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, String type, Object data) {
        var bytes = data instanceof byte[] raw ? raw : json.writeValueAsBytes(data);
        return send(CloudEventRecords.create(topic, key, UUID.randomUUID(), type, source, Instant.now(), bytes));
    }

    /** Publishes a ready record as it is (headers included). */
    public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
        return template.send(record);
    }

    /** The CloudEvents source this service writes. */
    public String source() {
        return source;
    }

    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    /** The producer factory behind this path (operations and fault tests may reconfigure and {@code reset()} it). */
    public ProducerFactory<String, byte[]> producerFactory() {
        return template.getProducerFactory();
    }
}
