package io.vfbridge.contract;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an answer is held to a documented shape, on small shapes: types, missing and
 * optional keys, open types, numeric keys and array elements; and that the checked-in
 * file describes every operation with its source named.
 */
class DocumentedShapeRulesContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void describesAllEightyFiveOperationsAndNamesItsSource() {
		DocumentedShapes shapes = DocumentedShapes.load();

		assertThat(shapes.operations()).hasSize(85);
		assertThat(shapes.source()).contains("VirtFusion Global API");
		assertThat(shapes.operations().values()).filteredOn(DocumentedShapes.Operation::read)
			.allMatch(DocumentedShapes.Operation::documented);
	}

	@Test
	void reportsAnotherTypeAndAMissingKey() {
		DocumentedShapes.Operation operation = operation("", "object", "/data", "object", "/data/id", "number",
				"/data/name", "string");

		assertThat(operation.compare(json("{\"data\": {\"id\": \"7\"}}")).differences())
			.containsExactly("/data/id: documented number, answered string", "/data/name: documented, missing");
		assertThat(operation.compare(json("{\"data\": {\"id\": 7, \"name\": \"a\", \"more\": 1}}")).matches()).isTrue();
		assertThat(operation.compare(json("{\"data\": {\"id\": 7, \"name\": \"a\", \"more\": 1}}")).extras())
			.containsExactly("/data/more");
	}

	@Test
	void acceptsAnyTypeWhereTheExampleShowsNullAndNullWhereAUnionAllowsIt() {
		DocumentedShapes.Operation operation = operation("", "object", "/label", "null", "/hostname", "string|null");

		assertThat(operation.compare(json("{\"label\": 5, \"hostname\": null}")).matches()).isTrue();
		assertThat(operation.compare(json("{\"label\": null, \"hostname\": 5}")).differences())
			.containsExactly("/hostname: documented string|null, answered number");
	}

	@Test
	void checksEveryArrayElementAndEveryNumericKeyButNotOptionalKeys() {
		DocumentedShapes.Operation operation = operation("", "object", "/items", "array", "/items/[]", "object",
				"/items/[]/id", "number", "/items/[]/note", "string?", "/months", "object", "/months/{n}", "object",
				"/months/{n}/start", "string");

		assertThat(operation.compare(json("""
				{"items": [{"id": 1}, {"id": 2, "note": "x"}], "months": {"1": {"start": "a"}, "2": {"start": "b"}}}
				""")).matches()).isTrue();
		assertThat(operation.compare(json("""
				{"items": [{"id": 1}, {"id": "2", "note": 3}], "months": {"1": {"start": "a"}, "2": {"start": 2}}}
				""")).differences()).containsExactly("/items/[]/id: documented number, answered string",
				"/items/[]/note: documented string?, answered number",
				"/months/{n}/start: documented string, answered number");
	}

	private static DocumentedShapes.Operation operation(String... pathsAndTypes) {
		Map<String, DocumentedShapes.Type> shape = new LinkedHashMap<>();
		for (int i = 0; i < pathsAndTypes.length; i += 2) {
			shape.put(pathsAndTypes[i], DocumentedShapes.Type.parse(pathsAndTypes[i + 1]));
		}
		return new DocumentedShapes.Operation("GET /example", "Example", 200, shape);
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
