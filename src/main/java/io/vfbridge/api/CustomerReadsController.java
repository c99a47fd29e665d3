package io.vfbridge.api;

import java.util.List;

import io.vfbridge.security.RequiresRole;
import io.vfbridge.security.Role;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.HourlyStats;
import io.vfbridge.virtfusion.model.Report;
import io.vfbridge.virtfusion.model.SshKey;
import io.vfbridge.virtfusion.model.Usage;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client area's reads about a billing customer: SSH keys and self-service billing.
 * Every endpoint takes an optional {@code panel}.
 */
@RestController
@RequiresRole(Role.STOREFRONT)
class CustomerReadsController {

	private final CustomerReads reads;

	private final Targets targets;

	CustomerReadsController(CustomerReads reads, Targets targets) {
		this.reads = reads;
		this.targets = targets;
	}

	@GetMapping("/v1/customers/{customerId}/ssh-keys")
	@UsesOperation(VirtFusionOperation.LIST_USER_SSH_KEYS)
	List<SshKey> sshKeys(@PathVariable String customerId, @RequestParam(required = false) String panel) {
		return this.reads.sshKeys(customerId, this.targets.panel(panel));
	}

	@GetMapping("/v1/customers/{customerId}/ssh-keys/{keyId}")
	@UsesOperation(VirtFusionOperation.GET_SSH_KEY)
	SshKey sshKey(@PathVariable String customerId, @PathVariable long keyId,
			@RequestParam(required = false) String panel) {
		return this.reads.sshKey(customerId, this.targets.panel(panel), keyId);
	}

	@GetMapping("/v1/customers/{customerId}/self-service/hourly-stats")
	@UsesOperation(VirtFusionOperation.GET_HOURLY_STATS)
	HourlyStats hourlyStats(@PathVariable String customerId, @RequestParam(required = false) String panel,
			@RequestParam(required = false) List<String> period, @RequestParam(required = false) String range) {
		return this.reads.hourlyStats(customerId, this.targets.panel(panel), period, range);
	}

	@GetMapping("/v1/customers/{customerId}/self-service/usage")
	@UsesOperation(VirtFusionOperation.GET_USAGE)
	Usage usage(@PathVariable String customerId, @RequestParam(required = false) String panel,
			@RequestParam(required = false) List<String> period, @RequestParam(required = false) String range) {
		return this.reads.usage(customerId, this.targets.panel(panel), period, range);
	}

	@GetMapping("/v1/customers/{customerId}/self-service/report")
	@UsesOperation(VirtFusionOperation.GENERATE_REPORT)
	Report report(@PathVariable String customerId, @RequestParam(required = false) String panel,
			@RequestParam(required = false) String period, @RequestParam(required = false) String currency) {
		return this.reads.report(customerId, this.targets.panel(panel), period, currency);
	}

}
