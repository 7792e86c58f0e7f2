package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Topics;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Strimzi resources against the event contracts: topics, partitions, users and their ACLs. */
class KafkaTest {

    /**
     * Who produces and who consumes each topic (the producer -> consumers table of the event
     * contracts, docs/events and platform/events); see {@link #expectedAcls} for the operations.
     */
    static final Map<String, Set<String>> PRODUCES = Map.of(
            "user-service", Set.of(Topics.USERS),
            "catalog-service", Set.of(Topics.PRODUCTS, Topics.STOCK),
            "order-service", Set.of(Topics.ORDERS, Topics.STOCK_COMMANDS, Topics.PAYMENT_COMMANDS),
            "payment-service", Set.of(Topics.PAYMENTS),
            "notification-service", Set.of());

    static final Map<String, Set<String>> CONSUMES = Map.of(
            "user-service", Set.of(),
            "catalog-service", Set.of(Topics.STOCK_COMMANDS),
            "order-service", Set.of(Topics.STOCK, Topics.PAYMENTS, Topics.USERS, Topics.PRODUCTS),
            "payment-service", Set.of(Topics.PAYMENT_COMMANDS),
            "notification-service", Set.of(Topics.ORDERS, Topics.PAYMENTS, Topics.USERS));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void everyContractTopicAndItsDeadLetterTopicExistWithThePartitionsOfTopicsAll(String layer) {
        var docs = Repo.manifests(layer);
        var actual = new TreeMap<String, Integer>();
        for (var topic : Manifest.ofKind(docs, "KafkaTopic")) {
            assertThat(Manifest.labels(topic)).containsEntry("strimzi.io/cluster", clusterName(docs));
            actual.put(Yaml.at(topic, "spec.topicName"), Yaml.at(topic, "spec.partitions"));
            String name = Yaml.at(topic, "spec.topicName");
            var config = Manifest.strings(Yaml.at(topic, "spec.config"));
            assertThat(config)
                    .as("%s carries Topics.configs (shop.products is compacted)", name)
                    .containsAllEntriesOf(Topics.configs(name));
            if ("compact".equals(config.get("cleanup.policy"))) {
                assertThat(config)
                        .as("%s is compacted, so no time limit drops a product's only record", name)
                        .doesNotContainKey("retention.ms");
            }
        }
        var expected = new TreeMap<String, Integer>();
        Topics.ALL.forEach((topic, partitions) -> {
            expected.put(topic, partitions);
            // a dead letter keeps the partition of its record: the DLT needs at least as many
            expected.put(Topics.deadLetter(topic), partitions);
        });
        assertThat(actual).isEqualTo(expected);
        var config = Yaml.map(Yaml.at(Manifest.get(docs, "Kafka", clusterName(docs)), "spec.kafka.config"));
        assertThat(String.valueOf(config.get("auto.create.topics.enable")))
                .as("only these topics exist")
                .isEqualTo("false");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void kafkaRunsInKraftModeWithNodePoolsThatHoldControllersAndBrokers(String layer) {
        var docs = Repo.manifests(layer);
        var kafka = Manifest.get(docs, "Kafka", clusterName(docs));
        assertThat(Manifest.strings(Yaml.at(kafka, "metadata.annotations")))
                .containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(Yaml.<Object>at(kafka, "spec.zookeeper")).isNull();
        assertThat(Yaml.<String>at(kafka, "spec.kafka.authorization.type"))
                .as("ACLs are enforced")
                .isEqualTo("simple");
        var roles = new TreeSet<String>();
        for (var pool : Manifest.ofKind(docs, "KafkaNodePool")) {
            assertThat(Manifest.labels(pool)).containsEntry("strimzi.io/cluster", Manifest.name(kafka));
            Yaml.list(Yaml.at(pool, "spec.roles")).forEach(r -> roles.add((String) r));
        }
        assertThat(roles).containsExactly("broker", "controller");
        for (var user : Manifest.ofKind(docs, "KafkaUser")) {
            assertThat(Manifest.labels(user)).containsEntry("strimzi.io/cluster", Manifest.name(kafka));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void replicationFitsTheBrokersAndSurvivesOneLossWhereThereAreThree(String layer) {
        var docs = Repo.manifests(layer);
        int brokers = Manifest.ofKind(docs, "KafkaNodePool").stream()
                .filter(p -> Yaml.list(Yaml.at(p, "spec.roles")).contains("broker"))
                .mapToInt(p -> Yaml.<Integer>at(p, "spec.replicas"))
                .sum();
        for (var topic : Manifest.ofKind(docs, "KafkaTopic")) {
            int replicas = Yaml.at(topic, "spec.replicas");
            int minIsr = Integer.parseInt(
                    String.valueOf(Yaml.map(Yaml.at(topic, "spec.config")).get("min.insync.replicas")));
            assertThat(replicas).as(Manifest.id(topic)).isBetween(1, brokers);
            assertThat(minIsr).as(Manifest.id(topic)).isLessThanOrEqualTo(replicas);
            if (brokers >= 3) {
                assertThat(replicas).isGreaterThanOrEqualTo(3);
                assertThat(minIsr)
                        .as("%s: acks=all must survive one broker down", Manifest.id(topic))
                        .isEqualTo(replicas - 1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void everyServiceHasAKafkaUserWithExactlyTheAclsOfTheContract(String layer) {
        var docs = Repo.manifests(layer);
        var users = new TreeMap<String, Map<String, Set<String>>>();
        for (var user : Manifest.ofKind(docs, "KafkaUser")) {
            assertThat(Yaml.<String>at(user, "spec.authentication.type")).isEqualTo("scram-sha-512");
            users.put(Manifest.name(user), acls(user));
        }
        var expected = new TreeMap<String, Map<String, Set<String>>>();
        for (var service : Repo.services()) {
            if (service.usesKafka()) {
                expected.put(service.name(), expectedAcls(service));
            }
        }
        assertThat(users).isEqualTo(expected);
    }

    /**
     * The finding of issue #12 in its own words: a service may Write only the topics it produces
     * and the dead-letter topics of the topics it consumes. Any other Write (or All) fails here,
     * naming the user and the topic.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void noServiceMayWriteATopicItOnlyReads(String layer) {
        var docs = Repo.manifests(layer);
        for (var user : Manifest.ofKind(docs, "KafkaUser")) {
            var name = Manifest.name(user);
            var service = Repo.service(name);
            var writable = new TreeSet<String>(PRODUCES.get(name));
            var consumed = new TreeSet<>(CONSUMES.get(name));
            consumed.addAll(listenedTopics(service));
            consumed.forEach(t -> writable.add(Topics.deadLetter(t)));
            acls(user).forEach((resource, operations) -> {
                if (operations.contains("Write") || operations.contains("All")) {
                    assertThat(resource)
                            .as("%s (%s) may write %s", name, layer, resource)
                            .startsWith("topic:");
                    assertThat(writable)
                            .as(
                                    "%s (%s) may write %s, which it neither produces nor dead-letters into",
                                    name, layer, resource)
                            .contains(resource.substring("topic:".length()));
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void theContractTableCoversEveryTopicWithAProducer(String layer) {
        var produced = new TreeSet<String>();
        PRODUCES.values().forEach(produced::addAll);
        assertThat(produced).containsExactlyInAnyOrderElementsOf(Topics.ALL.keySet());
    }

    /**
     * The code may only use topics its KafkaUser may use: every {@code Topics.X} a service's
     * sources name inside a {@code @KafkaListener} must be readable, every other one writable or readable.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void servicesUseOnlyTopicsTheirAclsAllow(String layer) {
        var constants = topicConstants();
        var docs = Repo.manifests(layer);
        for (var service : Repo.services()) {
            var acls = Manifest.find(docs, "KafkaUser", service.name())
                    .map(KafkaTest::acls)
                    .orElse(Map.of());
            for (var topic : listenedTopics(service)) {
                assertThat(acls.getOrDefault("topic:" + topic, Set.of()))
                        .as("%s listens to %s", service.name(), topic)
                        .contains("Read");
            }
            for (var source : service.javaSources()) {
                var reference = TOPIC_REFERENCE.matcher(source);
                while (reference.find()) {
                    var topic = constants.get(reference.group(1));
                    if (topic != null) {
                        assertThat(acls.getOrDefault("topic:" + topic, Set.of()))
                                .as("%s uses %s", service.name(), topic)
                                .isNotEmpty();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void kafkaServicesAuthenticateAsTheirOwnUserOnTheListenerTheyAreAllowedOn(String layer, String name) {
        var service = Repo.service(name);
        var docs = Repo.manifests(layer);
        var env = EnvironmentTest.environment(docs, name);
        if (!service.usesKafka()) {
            assertThat(Manifest.find(docs, "KafkaUser", name)).isEmpty();
            assertThat(env.keySet()).noneMatch(k -> k.contains("KAFKA"));
            return;
        }
        var kafka = Manifest.get(docs, "Kafka", clusterName(docs));
        var listener = Yaml.map(Yaml.list(Yaml.at(kafka, "spec.kafka.listeners")).stream()
                .filter(l -> ("" + Yaml.map(l).get("port"))
                        .equals(env.get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", "")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " connects to no listener of " + Manifest.id(kafka))));
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(clusterName(docs) + "-kafka-bootstrap:" + listener.get("port"));
        assertThat(Yaml.<String>at(listener, "authentication.type")).isEqualTo("scram-sha-512");
        assertThat(env)
                .containsEntry(
                        "SPRING_KAFKA_SECURITY_PROTOCOL",
                        Boolean.TRUE.equals(listener.get("tls")) ? "SASL_SSL" : "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "secret:" + name + "/sasl.jaas.config");
        assertThat(Manifest.find(docs, "KafkaUser", name)).isPresent();
        var peers = Yaml.list(listener.get("networkPolicyPeers"));
        assertThat(peers)
                .as("the listener admits %s", name)
                .anyMatch(p -> name.equals(
                        Yaml.map(Yaml.at(p, "podSelector.matchLabels")).get("app.kubernetes.io/name")));
    }

    static String clusterName(List<Map<String, Object>> docs) {
        var clusters = Manifest.ofKind(docs, "Kafka");
        assertThat(clusters).hasSize(1);
        return Manifest.name(clusters.getFirst());
    }

    /** The consumer group the service joins: spring.kafka.consumer.group-id, resolved against spring.application.name. */
    static String consumerGroup(ServiceModule service) {
        var group = service.property("spring.kafka.consumer.group-id");
        assertThat(group).as("%s names its consumer group", service.name()).isNotNull();
        return group.replace("${spring.application.name}", service.property("spring.application.name"));
    }

    /**
     * Least privilege (issue #12): Write on what the service produces (contract); Read only on
     * what it consumes (contract, plus any topic its code listens to); Write on those topics'
     * dead-letter topics, which its DeadLetterPublishingRecoverer (platform-messaging
     * DeadLetterAutoConfiguration) fills and nobody reads back from Kafka (the admin list and
     * redrive read the dead_letter table); Read on every consumer group its listeners join (a
     * groupId with a placeholder becomes a prefix ACL). Nothing else: no consumer may write a
     * topic it only reads, so its credentials cannot forge the owner's events.
     */
    static Map<String, Set<String>> expectedAcls(ServiceModule service) {
        var acls = new TreeMap<String, Set<String>>();
        PRODUCES.get(service.name()).forEach(t -> grant(acls, "topic:" + t, "Write", "Describe"));
        var consumed = new TreeSet<>(CONSUMES.get(service.name()));
        consumed.addAll(listenedTopics(service));
        for (var topic : consumed) {
            grant(acls, "topic:" + topic, "Read", "Describe");
            grant(acls, "topic:" + Topics.deadLetter(topic), "Write", "Describe");
        }
        if (!consumed.isEmpty()) {
            consumerGroups(service).forEach(g -> grant(acls, g, "Read"));
        }
        return acls;
    }

    private static void grant(Map<String, Set<String>> acls, String resource, String... operations) {
        acls.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    /** A {@code @KafkaListener(...)} or a platform-messaging handler table {@code EventHandlers.consumer(...)...build()}. */
    private static final Pattern LISTENER = Pattern.compile(
            "@KafkaListener\\s*\\(([^)]*)\\)|EventHandlers\\.(?:consumer|broadcast)\\s*\\((.*?)\\.build\\(\\)",
            Pattern.DOTALL);

    private static final Pattern TOPIC_REFERENCE = Pattern.compile("Topics\\.([A-Z_]+)");
    private static final Pattern GROUP_ID =
            Pattern.compile("groupId\\s*[=(]\\s*(\"([^\"]*)\"|([A-Za-z_][A-Za-z0-9_.]*))");

    private static String declaration(java.util.regex.Matcher listener) {
        return listener.group(1) != null ? listener.group(1) : listener.group(2);
    }

    /** Topics named through Topics.X inside the @KafkaListener annotations (or handler tables) of the service. */
    static Set<String> listenedTopics(ServiceModule service) {
        var topics = new TreeSet<String>();
        for (var source : service.javaSources()) {
            var listener = LISTENER.matcher(source);
            while (listener.find()) {
                var reference = TOPIC_REFERENCE.matcher(declaration(listener));
                while (reference.find()) {
                    var topic = topicConstants().get(reference.group(1));
                    if (topic != null) {
                        topics.add(topic);
                    }
                }
            }
        }
        return topics;
    }

    /** "group:<id>" or "group-prefix:<prefix>" for every consumer group the service's listeners join. */
    static Set<String> consumerGroups(ServiceModule service) {
        var groups = new TreeSet<String>();
        boolean defaultGroup = false;
        boolean anyListener = false;
        for (var source : service.javaSources()) {
            var listener = LISTENER.matcher(source);
            while (listener.find()) {
                anyListener = true;
                var group = GROUP_ID.matcher(declaration(listener));
                if (!group.find()) {
                    defaultGroup = true;
                    continue;
                }
                var id = group.group(2);
                if (id == null) { // a constant: resolve it in the same source
                    var name = group.group(3).substring(group.group(3).lastIndexOf('.') + 1);
                    var constant =
                            Pattern.compile(name + "\\s*=\\s*\"([^\"]*)\"").matcher(source);
                    assertThat(constant.find())
                            .as("%s: groupId %s resolves to a string constant", service.name(), name)
                            .isTrue();
                    id = constant.group(1);
                }
                if (id.contains("${")) {
                    var prefix = id.substring(0, id.indexOf("${"));
                    assertThat(prefix)
                            .as("%s: a generated groupId needs a fixed prefix for its ACL", service.name())
                            .isNotEmpty();
                    groups.add("group-prefix:" + prefix);
                } else {
                    groups.add("group:" + id);
                }
            }
        }
        if (defaultGroup || !anyListener) {
            groups.add("group:" + consumerGroup(service));
        }
        return groups;
    }

    static Map<String, String> topicConstants() {
        var constants = new HashMap<String, String>();
        for (var field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                try {
                    constants.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return constants;
    }

    /** "topic:name" / "group:name" / "group-prefix:prefix" -> operations. */
    static Map<String, Set<String>> acls(Map<String, Object> user) {
        var acls = new TreeMap<String, Set<String>>();
        for (var acl : Yaml.list(Yaml.at(user, "spec.authorization.acls"))) {
            var type = Yaml.<String>at(acl, "resource.type");
            var pattern = Yaml.<String>at(acl, "resource.patternType");
            assertThat(pattern.equals("literal") || type.equals("group") && pattern.equals("prefix"))
                    .as("topics are granted by exact name only: %s", acl)
                    .isTrue();
            var key = type + (pattern.equals("prefix") ? "-prefix:" : ":") + Yaml.<String>at(acl, "resource.name");
            var operations = new TreeSet<String>();
            Yaml.list(Yaml.map(acl).get("operations")).forEach(o -> operations.add((String) o));
            assertThat(acls.put(key, operations))
                    .as("one ACL entry per resource: %s", key)
                    .isNull();
        }
        return acls;
    }
}
