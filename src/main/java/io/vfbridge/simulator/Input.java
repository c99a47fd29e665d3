package io.vfbridge.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.web.servlet.function.ServerRequest;

/**
 * The input of one call (JSON body, query and path variables) read the way VirtFusion's
 * Laravel validation reads it: unknown fields are ignored, a malformed or non-object body
 * counts as empty, integers and booleans may arrive as numeric strings, and every failing
 * field is reported at once as a 422 {@code {"errors": [...]}} with Laravel's wording.
 */
final class Input {

	private final ServerRequest request;

	private final JsonNode body;

	private final List<String> errors = new ArrayList<>();

	private Input(ServerRequest request, JsonNode body) {
		this.request = request;
		this.body = body;
	}

	static Input of(ServerRequest request) {
		return new Input(request, readBody(request));
	}

	private static JsonNode readBody(ServerRequest request) {
		try {
			byte[] raw = request.servletRequest().getInputStream().readAllBytes();
			if (raw.length == 0) {
				return JsonNodeFactory.instance.objectNode();
			}
			JsonNode node = Json.read(raw);
			return (node != null && node.isObject()) ? node : JsonNodeFactory.instance.objectNode();
		}
		catch (JacksonException ex) {
			// Laravel reads a malformed JSON body as no input at all; validation then
			// speaks.
			return JsonNodeFactory.instance.objectNode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A numeric path variable; anything else means the resource cannot exist. */
	int pathId(String name, String notFoundMessage) {
		String value = this.request.pathVariable(name);
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw ApiError.notFound(notFoundMessage);
		}
	}

	String path(String name) {
		return this.request.pathVariable(name);
	}

	boolean has(String field) {
		JsonNode node = this.body.get(field);
		return node != null && !node.isNull();
	}

	int requiredInt(String field) {
		if (!has(field)) {
			required(field);
			return 0;
		}
		Integer value = optionalInt(field);
		return (value != null) ? value : 0;
	}

	@Nullable Integer optionalInt(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		Integer value = asInt(node);
		if (value == null) {
			this.errors.add("The " + label(field) + " field must be an integer.");
		}
		return value;
	}

	@Nullable Integer optionalInt(String field, int min, int max) {
		Integer value = optionalInt(field);
		if (value != null && (value < min || value > max)) {
			this.errors.add("The " + label(field) + " field must be between " + min + " and " + max + ".");
			return null;
		}
		return value;
	}

	int requiredInt(String field, int min, int max) {
		if (!has(field)) {
			required(field);
			return 0;
		}
		Integer value = optionalInt(field, min, max);
		return (value != null) ? value : 0;
	}

	@Nullable Long optionalLong(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isString()) {
			try {
				return Long.parseLong(node.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		this.errors.add("The " + label(field) + " field must be an integer.");
		return null;
	}

	@Nullable Double optionalNumber(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isString()) {
			try {
				return Double.parseDouble(node.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		this.errors.add("The " + label(field) + " field must be a number.");
		return null;
	}

	double requiredNumber(String field) {
		if (!has(field)) {
			required(field);
			return 0;
		}
		Double value = optionalNumber(field);
		return (value != null) ? value : 0;
	}

	@Nullable String optionalString(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			this.errors.add("The " + label(field) + " field must be a string.");
			return null;
		}
		return node.stringValue();
	}

	@Nullable String optionalString(String field, int maxLength) {
		String value = optionalString(field);
		if (value != null && value.length() > maxLength) {
			this.errors.add("The " + label(field) + " field must not be greater than " + maxLength + " characters.");
			return null;
		}
		return value;
	}

	String requiredString(String field) {
		if (!has(field)) {
			required(field);
			return "";
		}
		String value = optionalString(field);
		if (value != null && value.isBlank()) {
			// Laravel's "required" also fails an empty string.
			required(field);
			return "";
		}
		return (value != null) ? value : "";
	}

	String requiredString(String field, int maxLength) {
		String value = requiredString(field);
		if (value.length() > maxLength) {
			this.errors.add("The " + label(field) + " field must not be greater than " + maxLength + " characters.");
			return "";
		}
		return value;
	}

	/**
	 * A required string that must be one of the allowed values (compared ignoring case).
	 */
	String requiredChoice(String field, Collection<String> allowed) {
		String value = requiredString(field);
		if (!value.isEmpty() && allowed.stream().noneMatch(value::equalsIgnoreCase)) {
			invalidSelection(field);
			return "";
		}
		return value.toLowerCase(Locale.ROOT);
	}

	@Nullable Boolean optionalBool(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		Boolean value = asBool(node);
		if (value == null) {
			this.errors.add("The " + label(field) + " field must be true or false.");
		}
		return value;
	}

	boolean optionalBool(String field, boolean fallback) {
		Boolean value = optionalBool(field);
		return (value != null) ? value : fallback;
	}

	boolean requiredBool(String field) {
		if (!has(field)) {
			required(field);
			return false;
		}
		return optionalBool(field, false);
	}

	@Nullable List<Integer> optionalIntList(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isArray()) {
			this.errors.add("The " + label(field) + " field must be an array.");
			return null;
		}
		List<Integer> values = new ArrayList<>(node.size());
		for (int i = 0; i < node.size(); i++) {
			Integer value = asInt(node.get(i));
			if (value == null) {
				this.errors.add("The " + label(field) + "." + i + " field must be an integer.");
				return null;
			}
			values.add(value);
		}
		return values;
	}

	/** An optional list of integers that may also be sent as a single integer. */
	@Nullable List<Integer> optionalIntOrList(String field) {
		JsonNode node = this.body.get(field);
		if (node != null && !node.isNull() && !node.isArray()) {
			Integer value = optionalInt(field);
			return (value != null) ? List.of(value) : null;
		}
		return optionalIntList(field);
	}

	List<Integer> requiredIntList(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull()) {
			required(field);
			return List.of();
		}
		List<Integer> values = optionalIntList(field);
		return (values != null) ? values : List.of();
	}

	List<String> requiredStringList(String field) {
		JsonNode node = this.body.get(field);
		if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
			required(field);
			return List.of();
		}
		if (!node.isArray()) {
			this.errors.add("The " + label(field) + " field must be an array.");
			return List.of();
		}
		List<String> values = new ArrayList<>(node.size());
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			if (!item.isString()) {
				this.errors.add("The " + label(field) + "." + i + " field must be a string.");
				return List.of();
			}
			values.add(item.stringValue());
		}
		return values;
	}

	/** A boolean query flag such as {@code sync} or {@code relStr}. */
	boolean queryBool(String name, boolean fallback) {
		String value = this.request.param(name).orElse(null);
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		Boolean parsed = parseBool(value);
		if (parsed == null) {
			this.errors.add("The " + label(name) + " field must be true or false.");
			return fallback;
		}
		return parsed;
	}

	@Nullable Integer queryInt(String name, int min, int max) {
		String value = this.request.param(name).orElse(null);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			int parsed = Integer.parseInt(value.trim());
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
			this.errors.add("The " + label(name) + " field must be between " + min + " and " + max + ".");
		}
		catch (NumberFormatException ex) {
			this.errors.add("The " + label(name) + " field must be an integer.");
		}
		return null;
	}

	@Nullable String queryString(String name) {
		return this.request.param(name).filter((value) -> !value.isEmpty()).orElse(null);
	}

	/**
	 * All values of a repeatable query parameter, accepting {@code name[]} and
	 * {@code name}.
	 */
	List<String> queryList(String name) {
		List<String> values = new ArrayList<>(this.request.params().getOrDefault(name + "[]", List.of()));
		values.addAll(this.request.params().getOrDefault(name, List.of()));
		return values;
	}

	void check(boolean condition, String error) {
		if (!condition) {
			this.errors.add(error);
		}
	}

	void invalidSelection(String field) {
		this.errors.add("The selected " + label(field) + " is invalid.");
	}

	/** Ends validation: throws the 422 answer when any field failed. */
	void validate() {
		if (!this.errors.isEmpty()) {
			throw ApiError.invalid(this.errors);
		}
	}

	private void required(String field) {
		this.errors.add("The " + label(field) + " field is required.");
	}

	private static @Nullable Integer asInt(JsonNode node) {
		if (node.isIntegralNumber() && node.canConvertToInt()) {
			return node.intValue();
		}
		if (node.isFloatingPointNumber() && node.canConvertToExactIntegral() && node.canConvertToInt()) {
			return node.intValue();
		}
		if (node.isString()) {
			try {
				return Integer.parseInt(node.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable Boolean asBool(JsonNode node) {
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			long value = node.longValue();
			return (value == 0 || value == 1) ? value == 1 : null;
		}
		return node.isString() ? parseBool(node.stringValue()) : null;
	}

	private static @Nullable Boolean parseBool(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true", "1" -> true;
			case "false", "0" -> false;
			default -> null;
		};
	}

	/**
	 * Laravel's attribute wording: {@code operatingSystemId} reads "operating system id".
	 */
	static String label(String field) {
		StringBuilder label = new StringBuilder(field.length() + 4);
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				label.append(' ').append(Character.toLowerCase(c));
			}
			else {
				label.append((c == '_') ? ' ' : c);
			}
		}
		return label.toString();
	}

}
