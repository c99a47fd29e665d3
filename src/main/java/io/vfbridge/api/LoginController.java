package io.vfbridge.api;

import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionOperation;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Single sign-on links into the VirtFusion panel ({@code Cache-Control: no-store}: the
 * link logs its holder in for about a minute).
 */
@RestController
@RequiresRole(Role.STOREFRONT)
class LoginController {

	private final LoginLinks links;

	private final Targets targets;

	LoginController(LoginLinks links, Targets targets) {
		this.links = links;
		this.targets = targets;
	}

	@PostMapping("/v1/services/{serviceId}/login")
	@UsesOperation(VirtFusionOperation.CREATE_SERVER_LOGIN_TOKENS)
	ResponseEntity<LoginLinks.LoginLink> serviceLogin(@PathVariable String serviceId) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.links.forService(serviceId));
	}

	@PostMapping("/v1/customers/{customerId}/login")
	@UsesOperation(VirtFusionOperation.CREATE_LOGIN_TOKENS)
	ResponseEntity<LoginLinks.LoginLink> customerLogin(@PathVariable String customerId,
			@RequestParam(required = false) String panel) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(this.links.forCustomer(customerId, this.targets.panel(panel)));
	}

}
