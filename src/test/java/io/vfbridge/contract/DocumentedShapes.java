package io.vfbridge.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * VirtFusion's documented answers as key paths and JSON types, one entry per operation,
 * read from {@code virtfusion/documented-shapes.json}, and the comparison of an answer
 * with them.
 * <p>
 * A path is a JSON-pointer-like string
 * ({@code /data/network/interfaces/[]/ipv4/[]/address}): {@code []} stands for every
 * element of an array and {@code {n}} for every key of an object keyed by numbers
 * ({@code "1"}, {@code "2"}). A type is {@code object}, {@code array}, {@code string},
 * {@code number}, {@code boolean} or {@code null}, several joined with {@code |} when the
 * documented examples show several; a trailing {@code ?} marks a key that only some
 * documented elements of its array carry. A documented {@code null} says nothing about
 * the type, so any value is accepted there.
 */
final class DocumentedShapes {

	static final String RESOURCE = "/virtfusion/documented-shapes.json";

	private static final Pattern NUMERIC_KEY = Pattern.compile("\\d+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonNode document;

	private final Map<String, Operation> operations = new LinkedHashMap<>();

	private DocumentedShapes(JsonNode document) {
		this.document = document;
		for (JsonNode entry : document.get("operations")) {
			Operation operation = Operation.of(entry);
			this.operations.put(operation.name(), operation);
		}
	}

	static DocumentedShapes load() {
		try (InputStream in = DocumentedShapes.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing");
			}
			return new DocumentedShapes(JSON.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String source() {
		return this.document.get("source").asString();
	}

	Map<String, Operation> operations() {
		return this.operations;
	}

	Operation operation(String name) {
		Operation operation = this.operations.get(name);
		if (operation == null) {
			throw new IllegalArgumentException("No documented shape for " + name);
		}
		return operation;
	}

	/** The JSON type of a node, in the vocabulary of the shapes file. */
	static String typeOf(JsonNode node) {
		if (node.isObject()) {
			return "object";
		}
		if (node.isArray()) {
			return "array";
		}
		if (node.isString()) {
			return "string";
		}
		if (node.isNumber()) {
			return "number";
		}
		if (node.isBoolean()) {
			return "boolean";
		}
		return "null";
	}

	/**
	 * One documented operation: its success status and, when the documentation shows an
	 * example body, its shape.
	 */
	record Operation(String name, String title, int status, @Nullable Map<String, Type> shape) {

		static Operation of(JsonNode entry) {
			Map<String, Type> shape = null;
			JsonNode shapeNode = entry.get("shape");
			if (shapeNode != null && shapeNode.isObject()) {
				shape = new LinkedHashMap<>();
				for (Map.Entry<String, JsonNode> path : shapeNode.properties()) {
					shape.put(path.getKey(), Type.parse(path.getValue().asString()));
				}
			}
			return new Operation(entry.get("operation").asString(), entry.get("title").asString(),
					entry.get("status").asInt(), shape);
		}

		boolean documented() {
			return this.shape != null;
		}

		boolean read() {
			return this.name.startsWith("GET ");
		}

		/** Compares an answer body with the documented shape. */
		Comparison compare(JsonNode answer) {
			if (this.shape == null) {
				throw new IllegalStateException(this.name + " has no documented example");
			}
			Comparison comparison = new Comparison(new ArrayList<>(), new LinkedHashSet<>());
			walk(answer, "", comparison);
			return comparison;
		}

		private void walk(JsonNode node, String path, Comparison comparison) {
			Type documented = this.shape.get(path);
			String actual = typeOf(node);
			if (documented.unknown()) {
				return;
			}
			if (!documented.types().contains(actual)) {
				comparison.differences()
					.add(display(path) + ": documented " + documented.text() + ", answered " + actual);
				return;
			}
			if (node.isObject()) {
				walkObject(node, path, comparison);
			}
			else if (node.isArray() && this.shape.containsKey(path + "/[]")) {
				for (JsonNode element : node) {
					walk(element, path + "/[]", comparison);
				}
			}
		}

		private void walkObject(JsonNode node, String path, Comparison comparison) {
			Set<String> children = children(path);
			for (String child : children) {
				if (child.equals("{n}")) {
					continue;
				}
				JsonNode value = node.get(unescape(child));
				if (value != null) {
					walk(value, path + "/" + child, comparison);
				}
				else if (!this.shape.get(path + "/" + child).optional()) {
					comparison.differences().add(display(path + "/" + child) + ": documented, missing");
				}
			}
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String key = property.getKey();
				if (children.contains("{n}") && NUMERIC_KEY.matcher(key).matches()) {
					walk(property.getValue(), path + "/{n}", comparison);
				}
				else if (!children.contains(escape(key))) {
					comparison.extras().add(display(path + "/" + escape(key)));
				}
			}
		}

		private Set<String> children(String path) {
			Set<String> children = new LinkedHashSet<>();
			String prefix = path + "/";
			for (String candidate : this.shape.keySet()) {
				if (candidate.startsWith(prefix) && candidate.indexOf('/', prefix.length()) < 0) {
					children.add(candidate.substring(prefix.length()));
				}
			}
			return children;
		}

		private static String display(String path) {
			return path.isEmpty() ? "/" : path;
		}

		private static String escape(String key) {
			return key.replace("~", "~0").replace("/", "~1");
		}

		private static String unescape(String segment) {
			return segment.replace("~1", "/").replace("~0", "~");
		}

	}

	/** A documented type: one or more JSON types, and whether the key may be absent. */
	record Type(Set<String> types, boolean optional, String text) {

		static Type parse(String text) {
			boolean optional = text.endsWith("?");
			String types = optional ? text.substring(0, text.length() - 1) : text;
			return new Type(Set.of(types.split("\\|")), optional, text);
		}

		/** A documented {@code null} alone: the example does not show the type. */
		boolean unknown() {
			return this.types.equals(Set.of("null"));
		}

	}

	/**
	 * What differs from the documented shape (missing keys, other types), and the keys
	 * the answer has that the documentation does not show.
	 */
	record Comparison(List<String> differences, Set<String> extras) {

		boolean matches() {
			return this.differences.isEmpty();
		}

	}

}
