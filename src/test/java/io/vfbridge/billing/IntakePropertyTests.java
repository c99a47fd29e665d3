package io.vfbridge.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Properties of the intake's two gates, over generated input: the webhook verifier
 * accepts exactly what was signed with a live secret within the tolerance, and the event
 * reader turns any bytes into either an event or a 4xx problem naming a field, never
 * another exception (which the API would render as a 500).
 */
class IntakePropertyTests {

	private static final String SECRET = "whsec_dGVzdC13ZWJob29rLXNlY3JldC1vZi10aGlydHktdHdvIQ==";

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebhookVerifier verifier = new WebhookVerifier(properties(List.of(SECRET)),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final EventReader reader = new EventReader(JSON, VALIDATOR, properties(List.of(SECRET)));

	@Property
	void acceptsWhatALiveSecretSignedWithinTheTolerance(@ForAll("ids") String id, @ForAll byte[] body,
			@ForAll @IntRange(min = -300, max = 300) int skewSeconds) {
		String timestamp = Long.toString(NOW.getEpochSecond() + skewSeconds);
		String signature = WebhookSignature.sign(SECRET, id, timestamp, body);
		assertThatCode(() -> this.verifier.verify(id, timestamp, signature, body)).doesNotThrowAnyException();
	}

	@Property
	void rejectsEveryAlteredBody(@ForAll("ids") String id, @ForAll @Size(min = 1, max = 512) byte[] body,
			@ForAll @IntRange(min = 0, max = 511) int position, @ForAll @IntRange(min = 1, max = 255) int flip) {
		String timestamp = Long.toString(NOW.getEpochSecond());
		String signature = WebhookSignature.sign(SECRET, id, timestamp, body);
		byte[] altered = body.clone();
		altered[position % altered.length] ^= (byte) flip;
		assertUnauthorized(() -> this.verifier.verify(id, timestamp, signature, altered));
	}

	@Property
	void rejectsAReplayedSignatureUnderAnotherIdOrTimestamp(@ForAll("ids") String id, @ForAll("ids") String otherId,
			@ForAll byte[] body, @ForAll @IntRange(min = 1, max = 299) int laterBy) {
		String timestamp = Long.toString(NOW.getEpochSecond());
		String signature = WebhookSignature.sign(SECRET, id, timestamp, body);
		if (!otherId.equals(id)) {
			assertUnauthorized(() -> this.verifier.verify(otherId, timestamp, signature, body));
		}
		assertUnauthorized(
				() -> this.verifier.verify(id, Long.toString(NOW.getEpochSecond() + laterBy), signature, body));
	}

	@Property
	void rejectsTimestampsOutsideTheTolerance(@ForAll("ids") String id, @ForAll byte[] body,
			@ForAll @IntRange(min = 301, max = 1_000_000_000) int skewSeconds, @ForAll boolean past) {
		String timestamp = Long.toString(NOW.getEpochSecond() + (past ? -skewSeconds : skewSeconds));
		String signature = WebhookSignature.sign(SECRET, id, timestamp, body);
		assertUnauthorized(() -> this.verifier.verify(id, timestamp, signature, body));
	}

	@Property
	void rejectsGarbledHeadersWithAProblem(@ForAll("junk") String id, @ForAll("junk") String timestamp,
			@ForAll("junk") String signature, @ForAll byte[] body) {
		// malformed headers are 400, well-formed but not authentic ones 401
		Throwable thrown = catchThrowable(() -> this.verifier.verify(id, timestamp, signature, body));
		assertThat(thrown).isInstanceOf(ErrorResponseException.class);
		assertThat(((ErrorResponseException) thrown).getStatusCode().value()).isIn(400, 401);
	}

	@Property
	void readsAnyBytesAsAnEventOrAFieldProblem(@ForAll byte[] body) {
		assertEventOrBadRequest(body);
	}

	@Property
	void readsAnyEnvelopeAsAnEventOrAFieldProblem(@ForAll("envelopes") String envelope) {
		assertEventOrBadRequest(envelope.getBytes(StandardCharsets.UTF_8));
	}

	/** Numbers beyond int or long were 500s (found by the fuzz run). */
	@Property
	void reportsANumberOutOfRangeAsTheFieldsProblem(@ForAll("outOfRange") String number,
			@ForAll("numericFields") String field) {
		String envelope = "{\"type\":\"service.resize\",\"timestamp\":\"2026-11-26T10:00:00Z\",\"data\":{"
				+ field.replace("#", number) + "}}";
		Throwable thrown = catchThrowable(() -> this.reader.data(EventType.SERVICE_RESIZE,
				this.reader.object(envelope.getBytes(StandardCharsets.UTF_8), "body").get("data"), "data."));
		assertThat(thrown).isInstanceOf(InvalidRequestException.class);
		assertThat(((InvalidRequestException) thrown).getStatusCode().value()).isEqualTo(400);
	}

	@Provide
	Arbitrary<String> outOfRange() {
		return Arbitraries.oneOf(Arbitraries.of("9223372036854775808", "-9223372036854775809", "1e19", "-1e19"),
				Arbitraries.bigIntegers()
					.between(java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE),
							java.math.BigInteger.TEN.pow(40))
					.map(String::valueOf));
	}

	@Provide
	Arbitrary<String> numericFields() {
		return Arbitraries.of("\"delayMinutes\":#", "\"service\":{\"id\":\"s1\",\"packageId\":#}",
				"\"service\":{\"id\":\"s1\",\"cpuThrottle\":#}",
				"\"service\":{\"id\":\"s1\",\"resources\":{\"memory\":#}}");
	}

	@Property
	void namesAnUnknownEventTypeWith422(@ForAll("ids") String type) {
		ObjectNode envelope = JSON.createObjectNode();
		envelope.put("type", "x." + type);
		envelope.put("timestamp", "2026-11-26T10:00:00Z");
		envelope.putObject("data");
		Throwable thrown = catchThrowable(() -> this.reader.envelopeType(envelope));
		assertThat(thrown).isInstanceOf(ErrorResponseException.class);
		assertThat(((ErrorResponseException) thrown).getStatusCode().value()).isEqualTo(422);
	}

	private void assertEventOrBadRequest(byte[] body) {
		Throwable thrown = catchThrowable(() -> {
			ObjectNode envelope = this.reader.object(body, "body");
			EventType type = this.reader.envelopeType(envelope);
			this.reader.data(type, envelope.get("data"), "data.");
		});
		if (thrown != null) {
			assertThat(thrown).as("what the reader threw for %s", new String(body, StandardCharsets.UTF_8))
				.isInstanceOf(ErrorResponseException.class);
			ErrorResponseException problem = (ErrorResponseException) thrown;
			assertThat(problem.getStatusCode().value()).isIn(400, 422);
			assertThat(problem.getBody().getDetail()).isNotBlank();
		}
	}

	private static void assertUnauthorized(Runnable call) {
		Throwable thrown = catchThrowable(call::run);
		assertThat(thrown).isInstanceOf(ErrorResponseException.class);
		assertThat(((ErrorResponseException) thrown).getStatusCode().value()).isEqualTo(401);
	}

	@Provide
	Arbitrary<String> ids() {
		return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
	}

	@Provide
	Arbitrary<String> junk() {
		return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(""), Arbitraries.just("   "),
				Arbitraries.strings().ofMaxLength(80), Arbitraries.just("v1,"), Arbitraries.just("v1,%%%"),
				Arbitraries.just("-9223372036854775808"), Arbitraries.just("99999999999999999999"),
				Arbitraries.just("v1a,AAAA"));
	}

	/** Envelopes near the real shape: known fields with wrong, missing or odd values. */
	@Provide
	Arbitrary<String> envelopes() {
		Arbitrary<String> types = Arbitraries
			.oneOf(Arbitraries.of(EventType.values()).map((type) -> quote(type.wireName())), values());
		Arbitrary<String> data = objects(
				List.of("customer", "service", "newCustomer", "delayMinutes", "action", "user", "dryRun", "id", "email",
						"name", "packageId", "hypervisorGroupId", "osTemplateId", "plan", "hostname", "sshKeys", "ipv4",
						"resources", "memory", "cpuCores", "storage", "traffic", "panel", "cpuThrottle", "unknown"));
		Arbitrary<String> timestamps = Arbitraries.oneOf(Arbitraries.just(quote("2026-11-26T10:00:00Z")), values());
		return Combinators.combine(types, timestamps, data, Arbitraries.integers().between(0, 15))
			.as((type, timestamp, body, omit) -> {
				List<String> fields = new ArrayList<>();
				if ((omit & 1) == 0) {
					fields.add("\"type\":" + type);
				}
				if ((omit & 2) == 0) {
					fields.add("\"timestamp\":" + timestamp);
				}
				if ((omit & 4) == 0) {
					fields.add("\"data\":" + body);
				}
				if ((omit & 8) != 0) {
					fields.add("\"extra\":1");
				}
				return "{" + String.join(",", fields) + "}";
			});
	}

	private Arbitrary<String> objects(List<String> keys) {
		Arbitrary<String> inner = object(keys, values());
		Arbitrary<String> nested = Arbitraries.oneOf(values(), inner, inner.list().ofMaxSize(2).map(this::array));
		return object(keys, object(keys, nested).edgeCases((config) -> config.none()))
			.edgeCases((config) -> config.none());
	}

	private Arbitrary<String> object(List<String> keys, Arbitrary<String> values) {
		return Arbitraries.maps(Arbitraries.of(keys), Arbitraries.oneOf(values, values()))
			.ofMaxSize(6)
			.map((map) -> "{" + String.join(",",
					map.entrySet().stream().map((e) -> quote(e.getKey()) + ":" + e.getValue()).toList()) + "}");
	}

	private Arbitrary<String> values() {
		return Arbitraries.oneOf(Arbitraries.just("null"), Arbitraries.just("true"), Arbitraries.just("\"\""),
				Arbitraries.just("\"   \""), Arbitraries.just("[]"), Arbitraries.just("{}"), Arbitraries.just("1e309"),
				Arbitraries.just("-0"), Arbitraries.just("99999999999999999999999"),
				// out of int and long range: found by the fuzz run (were 500s)
				Arbitraries.just("1e10"), Arbitraries.just("2147483648"), Arbitraries.just("9223372036854775808"),
				Arbitraries.just("1.5"), Arbitraries.integers().map(String::valueOf),
				Arbitraries.longs().map(String::valueOf),
				Arbitraries.strings().ofMaxLength(40).map(IntakePropertyTests::quote),
				Arbitraries.strings()
					.withCharRange('0', '9')
					.ofMinLength(1)
					.ofMaxLength(25)
					.map(IntakePropertyTests::quote),
				Arbitraries.strings().ofLength(300).map(IntakePropertyTests::quote));
	}

	private String array(List<String> items) {
		return "[" + String.join(",", items) + "]";
	}

	private static String quote(String text) {
		return JSON.writeValueAsString(text);
	}

	private static BillingProperties properties(List<String> secrets) {
		return new BillingProperties(secrets, List.of(), Duration.ofMinutes(5), DataSize.ofKilobytes(256),
				Duration.ofDays(30), null, null, Duration.ofSeconds(10));
	}

}
