package io.vfbridge.billing;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.vfbridge.provisioning.EventData;
import io.vfbridge.security.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;

/**
 * Reads billing requests: the body (JSON only, size-limited), the envelope ({@code type},
 * {@code timestamp}, {@code data}), and {@code data} as {@link EventData}, strictly:
 * unknown fields, wrong types, violated constraints and fields the type requires are each
 * reported by name.
 */
class EventReader {

	private final JsonMapper strict;

	private final Validator validator;

	private final long maxBodySize;

	EventReader(JsonMapper json, Validator validator, BillingProperties properties) {
		this.strict = json.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
		this.validator = validator;
		this.maxBodySize = properties.maxBodySize().toBytes();
	}

	/**
	 * The raw body of a JSON request.
	 * @throws ErrorResponseException 415 for another content type, 413 when too large
	 */
	byte[] body(HttpServletRequest request, boolean required) throws IOException {
		String contentType = request.getContentType();
		long length = request.getContentLengthLong();
		if (length == 0 && !required) {
			return new byte[0];
		}
		if (contentType == null || !isJson(contentType)) {
			throw Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"Unsupported media type", "send the body as application/json");
		}
		if (length > this.maxBodySize) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodySize + 1));
			if (body.length > this.maxBodySize) {
				throw tooLarge();
			}
			return body;
		}
	}

	private static boolean isJson(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private ErrorResponseException tooLarge() {
		return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
				"the body is larger than " + this.maxBodySize + " bytes");
	}

	/** The body as a JSON object. */
	ObjectNode object(byte[] body, String what) {
		JsonNode node;
		try {
			node = this.strict.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException(what, "is not valid JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw new InvalidRequestException(what, "must be a JSON object");
		}
		return (ObjectNode) node;
	}

	/**
	 * The webhook envelope's type.
	 * @throws InvalidRequestException when type, timestamp or data is missing or
	 * malformed
	 * @throws ErrorResponseException 422 for a type vfbridge does not know
	 */
	EventType envelopeType(ObjectNode envelope) {
		List<InvalidRequestException.FieldError> errors = new ArrayList<>();
		JsonNode type = envelope.get("type");
		if (type == null || !type.isString() || type.asString().isBlank()) {
			errors.add(new InvalidRequestException.FieldError("type", "is required"));
		}
		JsonNode timestamp = envelope.get("timestamp");
		if (timestamp == null || !timestamp.isString()) {
			errors.add(new InvalidRequestException.FieldError("timestamp", "is required (ISO-8601)"));
		}
		else {
			try {
				OffsetDateTime.parse(timestamp.asString());
			}
			catch (DateTimeParseException ex) {
				errors.add(new InvalidRequestException.FieldError("timestamp", "must be an ISO-8601 date-time"));
			}
		}
		JsonNode data = envelope.get("data");
		if (data == null || !data.isObject()) {
			errors.add(new InvalidRequestException.FieldError("data", "is required and must be an object"));
		}
		for (String field : envelope.propertyNames()) {
			if (!field.equals("type") && !field.equals("timestamp") && !field.equals("data")) {
				errors.add(new InvalidRequestException.FieldError(field, "is not a known field"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return EventType.of(type.asString())
			.orElseThrow(() -> Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-event-type",
					"Unknown event type", "'" + type.asString() + "' is not an event type vfbridge knows"));
	}

	/**
	 * {@code data} read and validated for the type.
	 * @param prefix the path of {@code data} in the request, for error messages
	 * ({@code data.} or empty)
	 */
	EventData data(EventType type, JsonNode data, String prefix) {
		if (type == EventType.SERVICE_IMPORT && data instanceof ObjectNode object) {
			moveIntoService(object, prefix);
		}
		EventData event;
		try {
			event = this.strict.treeToValue(data, EventData.class);
		}
		catch (JacksonException ex) {
			// DatabindException for wrong types, InputCoercionException (a stream error)
			// for
			// numbers out of range: both are the caller's mistake
			throw new InvalidRequestException(prefix + path(ex), message(ex));
		}
		List<InvalidRequestException.FieldError> errors = new ArrayList<>();
		for (ConstraintViolation<EventData> violation : this.validator.validate(event)) {
			// "addresses[0].<list element>" names the element as "addresses[0]"
			errors.add(new InvalidRequestException.FieldError(
					prefix + violation.getPropertyPath().toString().replace(".<list element>", ""),
					violation.getMessage()));
		}
		event.crossFieldErrors()
			.forEach((field, message) -> errors.add(new InvalidRequestException.FieldError(prefix + field, message)));
		for (String required : type.required()) {
			if (isMissing(data, required)) {
				errors.add(new InvalidRequestException.FieldError(prefix + required,
						"is required for " + type.wireName()));
			}
		}
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparing(InvalidRequestException.FieldError::field));
			throw new InvalidRequestException(errors);
		}
		return event;
	}

	/**
	 * {@code service.import} names the panel, plan and package beside the customer and
	 * the server, as the import endpoint documents it; they belong to the service.
	 */
	private static void moveIntoService(ObjectNode data, String prefix) {
		for (String field : IMPORT_SERVICE_FIELDS) {
			JsonNode value = data.get(field);
			if (value == null) {
				continue;
			}
			if (data.has("service") && !data.get("service").isObject()) {
				throw new InvalidRequestException(prefix + "service", "must be an object");
			}
			ObjectNode service = data.has("service") ? (ObjectNode) data.get("service") : data.putObject("service");
			JsonNode given = service.get(field);
			if (given != null && !given.isNull() && !given.equals(value)) {
				throw new InvalidRequestException(prefix + field, "differs from service." + field);
			}
			service.set(field, value);
			data.remove(field);
		}
	}

	private static final List<String> IMPORT_SERVICE_FIELDS = List.of("panel", "plan", "packageId");

	private static boolean isMissing(JsonNode data, String path) {
		JsonNode node = data;
		for (String part : path.split("\\.")) {
			node = (node != null) ? node.get(part) : null;
		}
		return node == null || node.isNull() || (node.isString() && node.asString().isBlank());
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "data" : path.toString();
	}

	private static String message(JacksonException ex) {
		if (ex instanceof InputCoercionException) {
			return "is out of range";
		}
		String original = String.valueOf(ex.getOriginalMessage()).toLowerCase(Locale.ROOT);
		if (original.contains("unrecognized property") || original.contains("unrecognized field")) {
			return "is not a known field";
		}
		if (ex instanceof tools.jackson.databind.exc.InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			return "must be one of " + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
				.map(String::valueOf)
				.map((name) -> name.toLowerCase(Locale.ROOT))
				.toList();
		}
		return "has the wrong type";
	}

}
