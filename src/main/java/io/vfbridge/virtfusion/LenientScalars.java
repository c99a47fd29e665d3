package io.vfbridge.virtfusion;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Numbers and booleans as VirtFusion really sends them: {@code false} (and {@code true})
 * where a number is missing reads as null (the self-service report does this when there
 * is no usage), numeric strings read as numbers ({@code "0.0100000000"}), {@code ""} as
 * null, and {@code 0}/{@code 1}/{@code "0"}/ {@code "1"} as booleans. Jackson's coercion
 * settings do not reach these cases, so the module replaces the deserializers of the
 * boxed types.
 */
final class LenientScalars {

	private static final Logger log = LoggerFactory.getLogger(LenientScalars.class);

	private LenientScalars() {
	}

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("virtfusion-lenient-scalars");
		module.addDeserializer(Integer.class, new LenientNumber<>(Integer.class, BigDecimal::intValueExact));
		module.addDeserializer(Long.class, new LenientNumber<>(Long.class, BigDecimal::longValueExact));
		module.addDeserializer(Double.class, new LenientNumber<>(Double.class, BigDecimal::doubleValue));
		module.addDeserializer(BigDecimal.class, new LenientNumber<>(BigDecimal.class, Function.identity()));
		module.addDeserializer(BigInteger.class, new LenientNumber<>(BigInteger.class, BigDecimal::toBigIntegerExact));
		module.addDeserializer(Boolean.class, new LenientBoolean());
		return module;
	}

	/** A boxed number that tolerates booleans and numeric strings. */
	static final class LenientNumber<T> extends ValueDeserializer<T> {

		private final Class<T> type;

		private final Function<BigDecimal, T> convert;

		LenientNumber(Class<T> type, Function<BigDecimal, T> convert) {
			this.type = type;
			this.convert = convert;
		}

		@Override
		public T deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_TRUE) {
				return null;
			}
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				return convert(parser.getDecimalValue(), parser, context);
			}
			if (token == JsonToken.VALUE_STRING) {
				String text = parser.getString().trim();
				if (text.isEmpty()) {
					return null;
				}
				try {
					return convert(new BigDecimal(text), parser, context);
				}
				catch (NumberFormatException ex) {
					// a word where a number was documented ("active"): the field changed
					// shape
					if (log.isDebugEnabled()) {
						log.debug("VirtFusion sent \"{}\" where a number was expected at {}; read as null", text,
								parser.streamReadContext().pathAsPointer());
					}
					return null;
				}
			}
			@SuppressWarnings("unchecked")
			T unexpected = (T) context.handleUnexpectedToken(this.type, parser);
			return unexpected;
		}

		private T convert(BigDecimal value, JsonParser parser, DeserializationContext context) {
			try {
				return this.convert.apply(value);
			}
			catch (ArithmeticException ex) {
				throw context.weirdNumberException(value, this.type, "out of range or not whole");
			}
		}

		@Override
		public T getNullValue(DeserializationContext context) {
			return null;
		}

	}

	/** A boxed boolean that tolerates 0/1 and their strings. */
	static final class LenientBoolean extends ValueDeserializer<Boolean> {

		@Override
		public Boolean deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
				return token == JsonToken.VALUE_TRUE;
			}
			if (token == JsonToken.VALUE_NUMBER_INT) {
				return parser.getLongValue() != 0;
			}
			if (token == JsonToken.VALUE_STRING) {
				String text = parser.getString().trim().toLowerCase(java.util.Locale.ROOT);
				return switch (text) {
					case "1", "true", "yes", "on" -> Boolean.TRUE;
					case "0", "false", "no", "off" -> Boolean.FALSE;
					case "" -> null;
					default -> throw context.weirdStringException(text, Boolean.class, "not a boolean");
				};
			}
			return (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
		}

	}

}
