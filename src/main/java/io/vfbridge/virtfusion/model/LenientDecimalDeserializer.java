package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a self-service amount: a number or a numeric string, and {@code false} (or
 * {@code true}, or {@code ""}) as null. VirtFusion sends {@code false} for amounts when
 * there is no usage, and the shared mapper's Boolean coercion does not reach number
 * deserializers.
 */
final class LenientDecimalDeserializer extends ValueDeserializer<BigDecimal> {

	@Override
	public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
		return switch (parser.currentToken()) {
			case VALUE_FALSE, VALUE_TRUE -> null;
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
			case VALUE_STRING -> decimal(parser.getString(), context);
			default -> (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
		};
	}

	private static BigDecimal decimal(String text, DeserializationContext context) {
		String trimmed = text.trim();
		if (trimmed.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(trimmed);
		}
		catch (NumberFormatException ex) {
			throw context.weirdStringException(trimmed, BigDecimal.class, "not a decimal number");
		}
	}

}
