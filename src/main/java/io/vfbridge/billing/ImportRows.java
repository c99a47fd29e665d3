package io.vfbridge.billing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vfbridge.provisioning.EventData;
import io.vfbridge.security.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * The rows of a bulk import: {@code serviceId,customerId,serverId[,panel][,plan]}, as CSV
 * (an optional header row names the columns; then their order is free and other columns
 * are ignored) or as a JSON array of objects with those fields. A malformed row is kept
 * with what is wrong with it, so it is reported by its number; only a body that is no CSV
 * or JSON at all is refused.
 */
final class ImportRows {

	/** The most rows one import may have. */
	static final int MAX_ROWS = 10_000;

	private static final List<String> COLUMNS = List.of("serviceId", "customerId", "serverId", "panel", "plan");

	private ImportRows() {
	}

	/**
	 * One row, numbered from 1 (a CSV header is not counted).
	 *
	 * @param number the row's number
	 * @param serviceId the billing service
	 * @param customerId the billing customer
	 * @param serverId the VirtFusion server
	 * @param panel the VirtFusion panel, or null for the default
	 * @param plan the plan the service is on, or null
	 * @param error what is wrong with the row, or null
	 */
	record Row(int number, String serviceId, String customerId, Long serverId, String panel, String plan,
			String error) {

		Row withError(String error) {
			return new Row(this.number, this.serviceId, this.customerId, this.serverId, this.panel, this.plan, error);
		}

	}

	/** The rows of a CSV body. */
	static List<Row> csv(byte[] body) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw notReadable("the body is not UTF-8 text");
		}
		if (text.indexOf('\0') >= 0) {
			throw notReadable("the body is not text (it contains NUL bytes)");
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<List<String>> lines = new ArrayList<>();
		List<String> broken = new ArrayList<>();
		for (String line : text.split("\r?\n", -1)) {
			if (line.isBlank()) {
				continue;
			}
			try {
				lines.add(cells(line));
				broken.add(null);
			}
			catch (IllegalArgumentException ex) {
				lines.add(List.of());
				broken.add(ex.getMessage());
			}
		}
		Map<String, Integer> columns = new HashMap<>();
		// a header names the service column; no service id is spelled so
		boolean header = !lines.isEmpty()
				&& lines.get(0).stream().anyMatch((cell) -> cell.trim().equalsIgnoreCase("serviceId"));
		if (header) {
			List<String> names = lines.remove(0);
			broken.remove(0);
			for (int i = 0; i < names.size(); i++) {
				for (String column : COLUMNS) {
					if (column.equalsIgnoreCase(names.get(i).trim())) {
						columns.putIfAbsent(column, i);
					}
				}
			}
			for (String required : COLUMNS.subList(0, 3)) {
				if (!columns.containsKey(required)) {
					throw notReadable("the header names no " + required + " column");
				}
			}
		}
		else {
			for (int i = 0; i < COLUMNS.size(); i++) {
				columns.put(COLUMNS.get(i), i);
			}
		}
		checkCount(lines.size());
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			int number = i + 1;
			if (broken.get(i) != null) {
				rows.add(new Row(number, null, null, null, null, null, broken.get(i)));
				continue;
			}
			List<String> cells = lines.get(i);
			if (!header && cells.size() > COLUMNS.size()) {
				rows.add(new Row(number, null, null, null, null, null,
						"has " + cells.size() + " columns; expected serviceId,customerId,serverId[,panel][,plan]"));
				continue;
			}
			rows.add(row(number, cell(cells, columns, "serviceId"), cell(cells, columns, "customerId"),
					cell(cells, columns, "serverId"), cell(cells, columns, "panel"), cell(cells, columns, "plan")));
		}
		return duplicatesMarked(rows);
	}

	/** The rows of a JSON array body. */
	static List<Row> json(byte[] body, JsonMapper json) {
		JsonNode array;
		try {
			array = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw notReadable("the body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (array == null || !array.isArray()) {
			throw notReadable("the body must be a JSON array of rows");
		}
		checkCount(array.size());
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < array.size(); i++) {
			JsonNode element = array.get(i);
			if (!element.isObject()) {
				rows.add(new Row(i + 1, null, null, null, null, null, "must be an object"));
				continue;
			}
			String unknown = element.propertyNames()
				.stream()
				.filter((name) -> !COLUMNS.contains(name))
				.findFirst()
				.orElse(null);
			if (unknown != null) {
				rows.add(new Row(i + 1, text(element.get("serviceId")), null, null, null, null,
						unknown + " is not a known field"));
				continue;
			}
			rows.add(row(i + 1, text(element.get("serviceId")), text(element.get("customerId")),
					text(element.get("serverId")), text(element.get("panel")), text(element.get("plan"))));
		}
		return duplicatesMarked(rows);
	}

	private static String text(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		return (node.isString() || node.isNumber()) ? node.asString() : "\u0000" + node;
	}

	private static Row row(int number, String serviceId, String customerId, String serverId, String panel,
			String plan) {
		List<String> errors = new ArrayList<>();
		String service = blankToNull(serviceId);
		String customer = blankToNull(customerId);
		String server = blankToNull(serverId);
		if (service == null) {
			errors.add("serviceId is missing");
		}
		else if (!service.matches(EventData.ID_PATTERN)) {
			errors.add("serviceId must be 1-64 letters, digits or ._:@-");
		}
		if (customer == null) {
			errors.add("customerId is missing");
		}
		else if (!customer.matches(EventData.ID_PATTERN)) {
			errors.add("customerId must be 1-64 letters, digits or ._:@-");
		}
		Long serverNumber = null;
		if (server == null) {
			errors.add("serverId is missing");
		}
		else if (!server.matches("[1-9][0-9]{0,17}")) {
			errors.add("serverId must be a positive integer");
		}
		else {
			serverNumber = Long.parseLong(server);
		}
		String panelName = blankToNull(panel);
		if (panelName != null && !panelName.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
			errors.add("panel must be a configured panel name");
		}
		String planName = blankToNull(plan);
		if (planName != null && planName.length() > 64) {
			errors.add("plan must be 1-64 characters");
		}
		return new Row(number, (service != null && service.indexOf('\0') < 0) ? service : null, customer, serverNumber,
				panelName, planName, errors.isEmpty() ? null : String.join("; ", errors));
	}

	/** Marks every later row of a serviceId that an earlier row named. */
	private static List<Row> duplicatesMarked(List<Row> rows) {
		Map<String, Integer> first = new HashMap<>();
		List<Row> marked = new ArrayList<>(rows.size());
		for (Row row : rows) {
			if (row.error() == null && row.serviceId() != null) {
				Integer earlier = first.putIfAbsent(row.serviceId(), row.number());
				if (earlier != null) {
					marked.add(row.withError("duplicate serviceId " + row.serviceId() + " (first on row " + earlier
							+ "); one service is linked to one server"));
					continue;
				}
			}
			marked.add(row);
		}
		return marked;
	}

	private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
		Integer index = columns.get(name);
		return (index != null && index < cells.size()) ? cells.get(index) : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * The cells of one CSV line: commas separate, double quotes quote ("" is a quote).
	 */
	private static List<String> cells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"' && cell.toString().isBlank()) {
				quoted = true;
				cell.setLength(0);
			}
			else if (c == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("is not valid CSV: a quoted cell is not closed");
		}
		cells.add(cell.toString());
		return cells;
	}

	private static void checkCount(int rows) {
		if (rows > MAX_ROWS) {
			throw Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "import-too-large", "Import too large",
					"the import has " + rows + " rows; at most " + MAX_ROWS + " are taken at once: split the file");
		}
		if (rows == 0) {
			throw notReadable("the import has no rows");
		}
	}

	private static InvalidRequestException notReadable(String message) {
		return new InvalidRequestException("body", message);
	}

}
