package io.vfbridge.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the simulator: its own mapper, so the application's Jackson settings can never
 * change what the fake panel sends, and builders for VirtFusion's documents as ordered
 * maps whose keys read exactly like the reference.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private Json() {
	}

	/** An ordered object from alternating keys and values; values may be null. */
	static Map<String, Object> obj(Object... keysAndValues) {
		if (keysAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("keys and values must come in pairs");
		}
		Map<String, Object> map = new LinkedHashMap<>(keysAndValues.length);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	static Map<String, Object> data(@Nullable Object payload) {
		return obj("data", payload);
	}

	/**
	 * A timestamp as VirtFusion writes most of them: {@code 2025-01-20T14:00:47+00:00}.
	 */
	static @Nullable String iso(@Nullable Instant instant) {
		return (instant != null) ? ISO.format(instant) : null;
	}

	/** A timestamp in the {@code YYYY-MM-DD hh:mm:ss} style of the traffic documents. */
	static String sql(Instant instant) {
		return SQL.format(instant);
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	static JsonNode read(byte[] raw) {
		return MAPPER.readTree(raw);
	}

}
