package io.vfbridge.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * A short-lived in-memory cache of VirtFusion reads, keyed by panel, kind and id, timed
 * by the application's {@link Clock}. Only answers are kept: a failed read is never
 * cached, so the next request asks VirtFusion again. Login tokens and anything per
 * customer never go through it.
 */
@Component
class ReadCache {

	private final Clock clock;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	ReadCache(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The cached value, or the loader's answer (kept for {@code ttl}) when there is none
	 * or it has expired. Two requests that miss at once may both load; the last answer
	 * wins, which is harmless for reads.
	 */
	@SuppressWarnings("unchecked")
	<T> T get(String panel, String kind, Object id, Duration ttl, Supplier<T> loader) {
		if (ttl.isZero()) {
			return loader.get();
		}
		Key key = new Key(panel, kind, id);
		Instant now = this.clock.instant();
		Entry entry = this.entries.get(key);
		if (entry != null && now.isBefore(entry.expiresAt())) {
			return (T) entry.value();
		}
		T value = loader.get();
		this.entries.put(key, new Entry(value, now.plus(ttl)));
		evictExpired(now);
		return value;
	}

	/** Forgets everything (tests, and after a panel's catalogue changed). */
	void clear() {
		this.entries.clear();
	}

	private void evictExpired(Instant now) {
		List<Key> expired = this.entries.entrySet()
			.stream()
			.filter((e) -> !now.isBefore(e.getValue().expiresAt()))
			.map(Map.Entry::getKey)
			.toList();
		expired.forEach(this.entries::remove);
	}

	private record Key(String panel, String kind, Object id) {
	}

	private record Entry(Object value, Instant expiresAt) {
	}

}
