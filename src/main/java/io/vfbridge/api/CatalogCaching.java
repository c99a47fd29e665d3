package io.vfbridge.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.NoOpCache;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The caches of the catalogue's VirtFusion reads: Caffeine behind Spring's cache
 * abstraction, bounded, expiring {@code vfbridge.catalog.cache-ttl} (rarely changing
 * data) and {@code capacity-ttl} (free capacity) after the answer, timed by the
 * application's {@link Clock}. Each cache is an {@link AsyncCache}: concurrent misses of
 * one key share one VirtFusion call, and a failed call is shared by its waiters and never
 * kept. A TTL of zero turns its cache off. Boot publishes their statistics as
 * {@code cache_*} metrics, tagged {@code cache}.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CatalogCaching {

	/** Packages, their OS templates, hypervisor groups and currencies. */
	static final String CATALOG = "catalog";

	/** The free capacity of each hypervisor group. */
	static final String CAPACITY = "capacity";

	/** The most entries a cache holds (per kind, panel and id). */
	static final long MAXIMUM_SIZE = 10_000;

	@Bean
	CacheManager catalogCacheManager(CatalogProperties properties, Clock clock,
			@Qualifier("applicationTaskExecutor") Executor executor) {
		SimpleCacheManager manager = new SimpleCacheManager();
		manager.setCaches(List.of(cache(CATALOG, properties.cacheTtl(), clock, executor),
				cache(CAPACITY, properties.capacityTtl(), clock, executor)));
		return manager;
	}

	/** Keys of the form (method, arguments...): one cache holds several kinds of read. */
	@Bean
	KeyGenerator catalogKeyGenerator() {
		return (target, method, arguments) -> {
			Object[] parts = new Object[arguments.length + 1];
			parts[0] = method.getName();
			System.arraycopy(arguments, 0, parts, 1, arguments.length);
			return new SimpleKey(parts);
		};
	}

	private static Cache cache(String name, Duration ttl, Clock clock, Executor executor) {
		if (ttl.isZero()) {
			return new NoOpCache(name);
		}
		AsyncCache<Object, Object> cache = Caffeine.newBuilder()
			.maximumSize(MAXIMUM_SIZE)
			.expireAfterWrite(ttl)
			.ticker(ticker(clock))
			.executor(withCallersContext(executor))
			.recordStats()
			.buildAsync();
		return new CaffeineCache(name, cache, true);
	}

	private static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	/** Loads run on the executor; their log lines keep the request's correlation. */
	private static Executor withCallersContext(Executor executor) {
		return (task) -> {
			Map<String, String> context = MDC.getCopyOfContextMap();
			executor.execute(() -> {
				if (context != null) {
					MDC.setContextMap(context);
				}
				try {
					task.run();
				}
				finally {
					MDC.clear();
				}
			});
		};
	}

}
