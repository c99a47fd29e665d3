package io.vfbridge.billing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.vfbridge.security.ApiPrincipal;
import io.vfbridge.security.Problems;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/imports}: links many existing VirtFusion servers to billing services at
 * once, from {@code text/csv} or a JSON array of rows
 * {@code serviceId,customerId,serverId[,panel][,plan]} (at most 10,000). Each well-formed
 * row becomes a {@code service.import} operation under one parent operation, whose result
 * counts what happened per row; {@code ?dryRun=true} says what would happen and changes
 * nothing. Operators only; an {@code Idempotency-Key} is required like for every command.
 */
@RestController
class ImportController {

	/** The largest import body: 10,000 rows with room to spare. */
	private static final int MAX_BODY = 4 * 1024 * 1024;

	private static final MediaType CSV = new MediaType("text", "csv");

	private final ImportIntake intake;

	private final JsonMapper json;

	ImportController(ImportIntake intake, JsonMapper json) {
		this.intake = intake;
		this.json = json;
	}

	@PostMapping("/v1/imports")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<Map<String, Object>> bulkImport(@RequestParam(defaultValue = "false") boolean dryRun,
			HttpServletRequest request) throws IOException {
		String key = request.getHeader("Idempotency-Key");
		if (key == null || key.isBlank() || key.length() > 255) {
			throw new InvalidRequestException("Idempotency-Key", "header is required (1-255 characters)");
		}
		MediaType type = contentType(request);
		byte[] body = body(request);
		List<ImportRows.Row> rows = CSV.isCompatibleWith(type) ? ImportRows.csv(body)
				: ImportRows.json(body, this.json);
		ApiPrincipal caller = (ApiPrincipal) request.getAttribute(ApiPrincipal.ATTRIBUTE);
		byte[] identity = (request.getMethod() + " " + request.getRequestURI() + "?dryRun=" + dryRun + "\n"
				+ type.getSubtype() + "\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] hash = WebhookController.sha256(concat(identity, body));
		return IntakeResponses
			.of(this.intake.accept("rest:" + caller.name() + ":" + key, hash, caller.name(), dryRun, rows));
	}

	private static MediaType contentType(HttpServletRequest request) {
		MediaType type = null;
		try {
			type = (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType()) : null;
		}
		catch (RuntimeException ex) {
			// unreadable: refused below
		}
		if (type == null || !(CSV.isCompatibleWith(type) || MediaType.APPLICATION_JSON.isCompatibleWith(type))) {
			throw Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"Unsupported media type", "send the rows as text/csv or as a JSON array (application/json)");
		}
		return type;
	}

	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(MAX_BODY + 1);
			if (body.length > MAX_BODY) {
				throw tooLarge();
			}
			return body;
		}
	}

	private static RuntimeException tooLarge() {
		return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
				"an import body may have at most " + MAX_BODY + " bytes (" + ImportRows.MAX_ROWS + " rows)");
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
