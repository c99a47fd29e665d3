package io.vfbridge.virtfusion;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VirtFusion's JSON as it really arrives. */
class VirtFusionJsonTests {

	private final VirtFusionJson json = new VirtFusionJson();

	enum Colour {

		RED, @JsonEnumDefaultValue
		UNKNOWN

	}

	record Sample(Integer count, Long id, BigDecimal amount, BigInteger big, Double rate, Boolean flag, Boolean other,
			Colour colour, Map<String, String> tokens, Nested nested) {
	}

	record Nested(String name) {
	}

	@Test
	void readsFalseAndEmptyStringsAsMissingNumbers() {
		Sample sample = read("{\"count\":false,\"id\":\"\",\"amount\":false,\"big\":true,\"rate\":false}");
		assertThat(sample.count()).isNull();
		assertThat(sample.id()).isNull();
		assertThat(sample.amount()).isNull();
		assertThat(sample.big()).isNull();
		assertThat(sample.rate()).isNull();
	}

	@Test
	void readsNumericStringsAsNumbers() {
		Sample sample = read("{\"count\":\"3\",\"id\":\"9007199254740993\",\"amount\":\"0.0100000000\","
				+ "\"big\":\"18446744073709551616\",\"rate\":\"1.5\"}");
		assertThat(sample.count()).isEqualTo(3);
		assertThat(sample.id()).isEqualTo(9007199254740993L);
		assertThat(sample.amount()).isEqualByComparingTo("0.01");
		assertThat(sample.big()).isEqualTo(new BigInteger("18446744073709551616"));
		assertThat(sample.rate()).isEqualTo(1.5);
	}

	@Test
	void readsZeroAndOneAsBooleans() {
		Sample sample = read("{\"flag\":1,\"other\":\"0\"}");
		assertThat(sample.flag()).isTrue();
		assertThat(sample.other()).isFalse();
	}

	@Test
	void ignoresUnknownFieldsAndReadsUnknownEnumValuesAsUnknown() {
		Sample sample = read("{\"colour\":\"ultraviolet\",\"brandNew\":{\"x\":1}}");
		assertThat(sample.colour()).isEqualTo(Colour.UNKNOWN);
	}

	@Test
	void readsPhpsEmptyArrayAsAnEmptyObject() {
		Sample sample = read("{\"tokens\":[],\"nested\":[]}");
		assertThat(sample.tokens()).isEmpty();
		assertThat(sample.nested()).isNull();
	}

	@Test
	void readsObjectsKeyedByNumericStrings() {
		assertThat(read("{\"tokens\":{\"1\":\"a\",\"2\":\"b\"}}").tokens()).containsEntry("1", "a")
			.containsEntry("2", "b");
	}

	@Test
	void readsAValueOfAnotherShapeAsMissingAndKeepsTheRest() {
		Sample sample = read("{\"id\":{\"id\":5,\"name\":\"br0\"},\"count\":[1,2],\"nested\":false,"
				+ "\"tokens\":7,\"amount\":\"1.5\",\"colour\":\"red\"}");
		assertThat(sample.id()).isNull();
		assertThat(sample.count()).isNull();
		assertThat(sample.nested()).isNull();
		assertThat(sample.tokens()).isNull();
		assertThat(sample.amount()).isEqualByComparingTo("1.5");
		assertThat(sample.colour()).isEqualTo(Colour.RED);
	}

	@Test
	void readsAWordWhereANumberWasDocumentedAsMissing() {
		assertThat(read("{\"count\":\"active\",\"id\":4}").count()).isNull();
	}

	@Test
	void stillRejectsANumberThatDoesNotFit() {
		assertThatThrownBy(() -> read("{\"count\":1.5}")).hasMessageContaining("not whole");
		assertThatThrownBy(() -> read("{\"count\":99999999999}")).hasMessageContaining("out of range");
	}

	@Test
	void collectsErrorMessagesOfEveryShape() {
		assertThat(this.json.errorsOf(bytes("{\"errors\":[\"a\",\"b\"]}"))).containsExactly("a", "b");
		assertThat(this.json.errorsOf(bytes("{\"errors\":{\"email\":[\"taken\"]}}"))).containsExactly("email: taken");
		assertThat(this.json.errorsOf(bytes("{\"msg\":\"server not found\"}"))).containsExactly("server not found");
		assertThat(this.json.errorsOf(bytes("{\"message\":\"Server Error\"}"))).containsExactly("Server Error");
		assertThat(this.json.errorsOf(bytes("401 Unauthorized"))).isEmpty();
		assertThat(this.json.errorsOf(new byte[0])).isEmpty();
	}

	@Test
	void omitsNullsWhenWriting() {
		assertThat(new String(this.json.write(new Nested(null)), StandardCharsets.UTF_8)).isEqualTo("{}");
		assertThat(new String(this.json.write(List.of(new Nested("x"))), StandardCharsets.UTF_8))
			.isEqualTo("[{\"name\":\"x\"}]");
	}

	private Sample read(String text) {
		return this.json.read(bytes(text), this.json.type(Sample.class));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
