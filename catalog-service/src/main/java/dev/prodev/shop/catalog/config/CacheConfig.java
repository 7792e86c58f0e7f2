package dev.prodev.shop.catalog.config;

import dev.prodev.shop.catalog.product.ProductCache;
import io.lettuce.core.ClientOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The product read cache in Redis. Entries expire (TTL) and are evicted on every write; Redis
 * being down or slow must never fail a read, so cache errors are logged and the call goes to
 * PostgreSQL, and Lettuce rejects commands at once while disconnected instead of queueing them.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfig implements CachingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

    @Bean
    RedisCacheManager cacheManager(
            RedisConnectionFactory redis,
            @Value("${shop.catalog.cache.product-ttl:PT10M}") Duration productTtl,
            @Value("${shop.catalog.cache.page-ttl:PT30S}") Duration pageTtl) {
        var defaults = RedisCacheConfiguration.defaultCacheConfig()
                .prefixCacheNameWith("catalog:")
                .disableCachingNullValues()
                .entryTtl(productTtl);
        return RedisCacheManager.builder(RedisCacheWriter.nonLockingRedisCacheWriter(redis, BatchStrategies.scan(500)))
                .cacheDefaults(defaults)
                .withCacheConfiguration(ProductCache.BY_ID, defaults)
                .withCacheConfiguration(ProductCache.BY_SKU, defaults)
                .withCacheConfiguration(ProductCache.PAGES, defaults.entryTtl(pageTtl))
                .build();
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenRedisIsGone() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Override
    public CacheErrorHandler errorHandler() {
        return new CacheErrorHandler() {
            @Override
            public void handleCacheGetError(RuntimeException ex, Cache cache, Object key) {
                log.warn("cache '{}' read failed, serving from the database: {}", cache.getName(), ex.toString());
            }

            @Override
            public void handleCachePutError(RuntimeException ex, Cache cache, Object key, Object value) {
                log.warn("cache '{}' write failed: {}", cache.getName(), ex.toString());
            }

            @Override
            public void handleCacheEvictError(RuntimeException ex, Cache cache, Object key) {
                log.warn("cache '{}' eviction failed (entry expires by TTL): {}", cache.getName(), ex.toString());
            }

            @Override
            public void handleCacheClearError(RuntimeException ex, Cache cache) {
                log.warn("cache '{}' clear failed (entries expire by TTL): {}", cache.getName(), ex.toString());
            }
        };
    }
}
