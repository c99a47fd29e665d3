package io.vfbridge.virtfusion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;

/**
 * Reads a value of the wrong shape as null instead of failing the whole answer: an object
 * or array where a number or string is expected, or a scalar ({@code false}, {@code 0})
 * where an object is. VirtFusion's field types differ between versions and its
 * documentation; the bridge must survive a field it does not even use changing shape.
 * Each skip is logged at DEBUG with the field's path; a field the bridge relies on is
 * still checked where it is used.
 */
final class ShapeMismatchHandler extends DeserializationProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(ShapeMismatchHandler.class);

	@Override
	public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
			JsonParser parser, String failureMessage) {
		if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
			parser.skipChildren();
			skipped(parser, targetType, token);
			return null;
		}
		if (token != null && token.isScalarValue() && isStructured(targetType)) {
			skipped(parser, targetType, token);
			return null;
		}
		return NOT_HANDLED;
	}

	@Override
	public Object handleMissingInstantiator(DeserializationContext context, Class<?> instantiatedType,
			ValueInstantiator instantiator, JsonParser parser, String message) {
		JsonToken token = parser.currentToken();
		if (token != null && token.isScalarValue()) {
			skipped(parser, context.constructType(instantiatedType), token);
			return null;
		}
		return NOT_HANDLED;
	}

	private static boolean isStructured(JavaType type) {
		return type.isContainerType() || (!type.isPrimitive() && !type.isEnumType()
				&& !type.getRawClass().getName().startsWith("java.") && !type.isJavaLangObject());
	}

	private static void skipped(JsonParser parser, JavaType type, JsonToken token) {
		if (log.isDebugEnabled()) {
			log.debug("VirtFusion sent {} where {} was expected at {}; read as null", token,
					type.getRawClass().getSimpleName(), parser.streamReadContext().pathAsPointer());
		}
	}

}
