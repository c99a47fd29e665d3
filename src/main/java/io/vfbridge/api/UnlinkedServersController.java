package io.vfbridge.api;

import java.util.List;

import io.vfbridge.billing.InvalidRequestException;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.PageRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servers no billing service maps, for operators building an import: a page as JSON,
 * or as CSV ({@code ?format=csv} or {@code Accept: text/csv}; every page when no page is
 * named) whose columns start with those the import reads.
 */
@RestController
@RequiresRole(Role.OPERATOR)
class UnlinkedServersController {

	private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private static final int DEFAULT_LIMIT = 50;

	private final UnlinkedServers servers;

	private final Targets targets;

	UnlinkedServersController(UnlinkedServers servers, Targets targets) {
		this.servers = servers;
		this.targets = targets;
	}

	@GetMapping("/v1/panel/unlinked-servers")
	@UsesOperation({ VirtFusionOperation.LIST_SERVERS, VirtFusionOperation.FIND_SERVER })
	ResponseEntity<?> unlinked(@RequestParam(required = false) String panel,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String page,
			@RequestParam(required = false) String format, HttpServletRequest request) {
		String target = this.targets.panel(panel);
		int size = number("limit", limit, DEFAULT_LIMIT, PageRequest.MAX_RESULTS);
		Integer number = (page != null) ? number("page", page, 1, Integer.MAX_VALUE) : null;
		boolean csv = "csv".equals(format) || Boolean.TRUE.equals(request.getAttribute(AcceptHeaderFilter.ACCEPTS_CSV));
		if (format != null && !format.equals("csv") && !format.equals("json")) {
			throw new InvalidRequestException("format", "must be csv or json");
		}
		if (!csv) {
			return ResponseEntity.ok(this.servers.page(target, (number != null) ? number : 1, size));
		}
		List<UnlinkedServers.UnlinkedServer> items = (number != null) ? this.servers.page(target, number, size).items()
				: this.servers.all(target);
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"unlinked-servers-" + target + ".csv\"")
			.body(csv(target, items));
	}

	@GetMapping("/v1/panel/unlinked-servers/count")
	@UsesOperation(VirtFusionOperation.LIST_SERVERS)
	UnlinkedServers.Count count(@RequestParam(required = false) String panel) {
		return this.servers.count(this.targets.panel(panel));
	}

	/**
	 * The import's columns first (serviceId left for the operator; customerId suggested
	 * from the owner's extRelationId), then what helps to fill them in.
	 */
	static String csv(String panel, List<UnlinkedServers.UnlinkedServer> items) {
		StringBuilder out = new StringBuilder(
				"serviceId,customerId,serverId,panel,hostname,ownerId,ownerExtRelationId,ownerEmail,ipv4,ipv6,state\n");
		for (UnlinkedServers.UnlinkedServer server : items) {
			String ext = (server.ownerExtRelationId() != null) ? server.ownerExtRelationId().toString() : "";
			List<String> cells = List.of("", ext, Long.toString(server.serverId()), panel, text(server.hostname()),
					(server.ownerId() != null) ? server.ownerId().toString() : "", ext, text(server.ownerEmail()),
					String.join(" ", server.ipv4()), String.join(" ", server.ipv6()), server.state());
			out.append(String.join(",", cells.stream().map(UnlinkedServersController::cell).toList())).append('\n');
		}
		return out.toString();
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	/** A CSV cell, quoted when needed; a leading formula character is defused. */
	private static String cell(String value) {
		String safe = (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

	private static int number(String name, String value, int fallback, int max) {
		if (value == null) {
			return fallback;
		}
		if (!value.matches("[1-9][0-9]{0,8}") || Integer.parseInt(value) > max) {
			throw new InvalidRequestException(name, "must be a number from 1 to " + max);
		}
		return Integer.parseInt(value);
	}

}
