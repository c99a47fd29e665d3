package io.vfbridge.virtfusion.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Unmodifiable copies of what VirtFusion sends: a missing list or map becomes empty, null
 * list items are dropped, null map values are kept (generic maps carry JSON nulls).
 */
final class Copies {

	private Copies() {
	}

	static <T> List<T> list(List<T> list) {
		return (list != null) ? list.stream().filter(Objects::nonNull).toList() : List.of();
	}

	static <K, V> Map<K, V> map(Map<K, V> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

}
