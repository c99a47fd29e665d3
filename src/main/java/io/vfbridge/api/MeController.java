package io.vfbridge.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.vfbridge.security.ApiPrincipal;
import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClients;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/me}: a billing module's "Test connection" in one call: the key's name,
 * its roles, and each VirtFusion panel with whether it answers VirtFusion's test
 * connection ({@code GET /connect}) with vfbridge's token.
 */
@RestController
class MeController {

	private static final Logger log = LoggerFactory.getLogger(MeController.class);

	private final VirtFusionClients clients;

	MeController(VirtFusionClients clients) {
		this.clients = clients;
	}

	@GetMapping("/v1/me")
	@Operation(summary = "The calling key, its roles and the panels",
			description = "A billing module's \"Test connection\" in one call: the API key's configured name (never "
					+ "the key), its roles, and every configured VirtFusion panel with whether it answered "
					+ "VirtFusion's test connection (GET /connect) with vfbridge's token just now. 401 for an "
					+ "unknown key, 403 for a metrics-only key.")
	@RequiresRole({ Role.BILLING, Role.STOREFRONT })
	ResponseEntity<Me> me(HttpServletRequest request) {
		ApiPrincipal caller = (ApiPrincipal) request.getAttribute(ApiPrincipal.ATTRIBUTE);
		List<String> roles = caller.roles().stream().sorted().map(Role::value).toList();
		String defaultPanel = this.clients.defaultPanel();
		List<Panel> panels = new ArrayList<>();
		this.clients.panels()
			.stream()
			.sorted(Comparator.comparing((String panel) -> !panel.equals(defaultPanel))
				.thenComparing(Comparator.naturalOrder()))
			.forEach((panel) -> panels.add(new Panel(panel, panel.equals(defaultPanel), reachable(panel))));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Me(caller.name(), roles, panels));
	}

	private boolean reachable(String panel) {
		try {
			this.clients.client(panel).testConnection();
			return true;
		}
		catch (VirtFusionApiException ex) {
			log.info("Panel '{}' did not answer the test connection: {}", panel, ex.getMessage());
			return false;
		}
	}

	/**
	 * The caller and the panels.
	 *
	 * @param key the API key's configured name (never the key)
	 * @param roles its roles
	 * @param panels every configured VirtFusion panel, the default first
	 */
	record Me(String key, List<String> roles, List<Panel> panels) {
	}

	/**
	 * A VirtFusion panel.
	 *
	 * @param name its configured name
	 * @param isDefault whether it is used when a request names none
	 * @param reachable whether it answered the test connection with vfbridge's token
	 */
	record Panel(String name, @JsonProperty("default") boolean isDefault, boolean reachable) {
	}

}
