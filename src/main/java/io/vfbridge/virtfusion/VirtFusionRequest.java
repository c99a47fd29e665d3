package io.vfbridge.virtfusion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vfbridge.virtfusion.model.ExtRelationId;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/**
 * One call to make: the operation, its path variables in template order, query parameters
 * (a {@code null} value is left out) and an optional JSON body.
 */
final class VirtFusionRequest {

	private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

	private final VirtFusionOperation operation;

	private final List<Object> pathVariables;

	private final MultiValueMap<String, String> query = new LinkedMultiValueMap<>();

	private Object body;

	private VirtFusionRequest(VirtFusionOperation operation, Object... pathVariables) {
		this.operation = operation;
		this.pathVariables = new ArrayList<>(pathVariables.length);
		for (Object variable : pathVariables) {
			if (variable == null) {
				throw new IllegalArgumentException(operation.clientMethod() + ": a path variable is null");
			}
			if (variable instanceof ExtRelationId ext) {
				this.pathVariables.add(ext.pathValue());
				if (ext.relStr()) {
					this.query.add("relStr", "true");
				}
			}
			else {
				this.pathVariables.add(variable);
			}
		}
		long expected = VARIABLE.matcher(operation.path()).results().count();
		if (expected != this.pathVariables.size()) {
			throw new IllegalArgumentException(operation.clientMethod() + " takes " + expected + " path variables");
		}
	}

	/**
	 * A request for the operation with its path variables in the order the template names
	 * them.
	 */
	static VirtFusionRequest of(VirtFusionOperation operation, Object... pathVariables) {
		return new VirtFusionRequest(operation, pathVariables);
	}

	/**
	 * Adds a query parameter; {@code null} is left out, a collection repeats the
	 * parameter.
	 */
	VirtFusionRequest query(String name, Object value) {
		if (value instanceof Collection<?> values) {
			values.forEach((item) -> query(name, item));
		}
		else if (value != null) {
			this.query.add(name, String.valueOf(value));
		}
		return this;
	}

	/** Adds every query parameter of the map (see {@link #query(String, Object)}). */
	VirtFusionRequest query(Map<String, ?> parameters) {
		parameters.forEach(this::query);
		return this;
	}

	/**
	 * The JSON body; allowed on any method, DELETE included (two VirtFusion operations
	 * need it).
	 */
	VirtFusionRequest body(Object body) {
		this.body = body;
		return this;
	}

	VirtFusionOperation operation() {
		return this.operation;
	}

	Object body() {
		return this.body;
	}

	/** The path and query, encoded, to append to the panel's base URL. */
	String pathAndQuery() {
		Matcher matcher = VARIABLE.matcher(this.operation.path());
		StringBuilder path = new StringBuilder();
		int index = 0;
		while (matcher.find()) {
			matcher.appendReplacement(path, Matcher.quoteReplacement(
					UriUtils.encodePathSegment(String.valueOf(this.pathVariables.get(index++)), "UTF-8")));
		}
		matcher.appendTail(path);
		StringBuilder query = new StringBuilder();
		this.query.forEach((name,
				values) -> values.forEach((value) -> query.append(query.isEmpty() ? '?' : '&')
					.append(UriUtils.encodeQueryParam(name, "UTF-8"))
					.append('=')
					.append(UriUtils.encodeQueryParam(value, "UTF-8"))));
		return path.append(query).toString();
	}

}
