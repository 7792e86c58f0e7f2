package dev.prodev.shop.gateway.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RedisEvictionPolicyCheckTest {

    static Properties policy(String value) {
        var config = new Properties();
        config.setProperty("maxmemory-policy", value);
        return config;
    }

    @Test
    void warnsForEveryPolicyThatEvicts() {
        for (var evicting :
                new String[] {"volatile-lru", "allkeys-lru", "allkeys-lfu", "volatile-ttl", "allkeys-random"}) {
            assertThat(RedisEvictionPolicyCheck.warning(policy(evicting)))
                    .hasValueSatisfying(warning -> assertThat(warning).contains(evicting, "noeviction"));
        }
    }

    @Test
    void staysQuietForNoeviction() {
        assertThat(RedisEvictionPolicyCheck.warning(policy("noeviction"))).isEmpty();
        assertThat(RedisEvictionPolicyCheck.warning(new Properties()))
                .as("nothing answered")
                .isEmpty();
    }
}
