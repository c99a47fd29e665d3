package io.vfbridge.virtfusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads and writes VirtFusion's JSON leniently: unknown fields are ignored, {@code false}
 * or an empty string where a number is expected reads as {@code null}, numeric strings
 * read as numbers, 0/1 read as booleans, PHP's {@code []} for an empty object reads as
 * {@code null}, and unknown enum values read as the enum's {@code UNKNOWN} member.
 */
final class VirtFusionJson {

	private final JsonMapper mapper;

	VirtFusionJson() {
		this.mapper = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
			.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
			.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
			.enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			// false for a missing number, numeric strings, 0/1 flags: see LenientScalars
			.addModule(LenientScalars.module())
			// a field of another shape than expected reads as null: see
			// ShapeMismatchHandler
			.addHandler(new ShapeMismatchHandler())
			.withCoercionConfig(LogicalType.POJO,
					cfg -> cfg.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsNull)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
			.withCoercionConfig(LogicalType.Map,
					cfg -> cfg.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.AsEmpty))
			.changeDefaultPropertyInclusion(
					(incl) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
			.build();
	}

	byte[] write(Object body) {
		return this.mapper.writeValueAsBytes(body);
	}

	/** Reads the whole body as the given type. */
	<T> T read(byte[] body, JavaType type) {
		return this.mapper.readValue(body, type);
	}

	/**
	 * Reads the {@code data} member of an envelope; {@code null} when the body or the
	 * member is absent.
	 */
	<T> T readData(byte[] body, JavaType type) {
		if (body.length == 0) {
			return null;
		}
		JsonNode root = this.mapper.readTree(body);
		JsonNode data = root.get("data");
		if (data == null || data.isNull()) {
			return null;
		}
		return this.mapper.treeToValue(data, type);
	}

	JavaType type(Class<?> raw, Class<?>... parameters) {
		return (parameters.length == 0) ? this.mapper.constructType(raw)
				: this.mapper.getTypeFactory().constructParametricType(raw, parameters);
	}

	JavaType listOf(Class<?> element) {
		return this.mapper.getTypeFactory().constructCollectionType(List.class, element);
	}

	/**
	 * The error messages of an error body, in any of VirtFusion's shapes: {@code errors}
	 * as a list of strings or a map of field to messages, {@code msg}, or
	 * {@code message}. Empty when the body is empty or not JSON.
	 */
	List<String> errorsOf(byte[] body) {
		if (body.length == 0) {
			return List.of();
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return List.of();
		}
		if (root == null || !root.isObject()) {
			return List.of();
		}
		List<String> messages = new ArrayList<>();
		JsonNode errors = root.get("errors");
		if (errors != null) {
			collect(null, errors, messages);
		}
		for (String key : List.of("msg", "message")) {
			JsonNode text = root.get(key);
			if (messages.isEmpty() && text != null && text.isValueNode() && !text.asString().isBlank()) {
				messages.add(text.asString());
			}
		}
		return messages;
	}

	private static void collect(String field, JsonNode node, List<String> into) {
		if (node.isArray()) {
			node.forEach((item) -> collect(field, item, into));
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				collect(entry.getKey(), entry.getValue(), into);
			}
		}
		else if (!node.isNull()) {
			into.add((field != null) ? field + ": " + node.asString() : node.asString());
		}
	}

	/**
	 * A copy of a body that is safe to keep: secret values masked, at most {@code limit}
	 * characters.
	 */
	static String redact(byte[] body, int limit) {
		if (body.length == 0 || limit == 0) {
			return "";
		}
		String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		text = Redaction.text(text);
		return (text.length() > limit) ? text.substring(0, limit) + "…(truncated)" : text;
	}

}
