package dev.prodev.shop.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every topic has exactly one owner, the service whose name producers put in {@code ce_source}. */
class TopicsTest {

    @Test
    void everyTopicHasAnOwner() {
        assertThat(Topics.OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.keySet());
        assertThat(Topics.OWNERS.values()).allMatch(owner -> owner.endsWith("-service"));
        assertThat(Topics.owner(Topics.PAYMENTS)).isEqualTo("payment-service");
        assertThat(Topics.owner("shop.unknown")).isNull();
    }

    @Test
    void everyEventTypeTravelsOnATopicWithAnOwner() {
        EventTypes.ALL
                .values()
                .forEach(definition -> assertThat(Topics.owner(definition.topic()))
                        .as(definition.type())
                        .isNotNull());
    }
}
