package io.vfbridge.provisioning;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The {@code data} of a billing event, and the payload of the job it becomes. Which
 * fields a type requires is the event catalogue's business; the constraints here hold
 * whenever a field is present.
 *
 * @param customer the billing customer
 * @param service the billing service
 * @param newCustomer the new owner ({@code service.change_owner})
 * @param delayMinutes minutes before VirtFusion destroys the server
 * ({@code service.terminate})
 * @param action the power action: boot, shutdown, restart or poweroff
 * ({@code service.power})
 * @param user the account whose password is reset ({@code service.reset_password}; root
 * by default)
 * @param dryRun validate with VirtFusion first and stop there ({@code service.create})
 */
public record EventData(@Valid Customer customer, @Valid Service service, @Valid Customer newCustomer,
		@Min(0) @Max(43800) Integer delayMinutes,
		@Pattern(regexp = "boot|shutdown|restart|poweroff",
				message = "must be boot, shutdown, restart or poweroff") String action,
		@Pattern(regexp = "root|Administrator|administrator", message = "must be root or Administrator") String user,
		Boolean dryRun) {

	/** The pattern of billing ids: what URLs, logs and ordering keys can carry safely. */
	public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}";

	/**
	 * A billing customer.
	 *
	 * @param id the billing system's customer id
	 * @param email the customer's email (VirtFusion users are unique by email)
	 * @param name the customer's name
	 */
	public record Customer(@Pattern(regexp = ID_PATTERN, message = "must be 1-64 letters, digits or ._:@-") String id,
			@Email @Size(max = 191) String email, @Size(min = 1, max = 191) String name) {
	}

	/**
	 * A billing service (one VirtFusion server).
	 *
	 * @param id the billing system's service id
	 * @param panel the VirtFusion panel, if not the default
	 * @param plan a plan configured in vfbridge ({@code vfbridge.plans.<id>})
	 * @param packageId the VirtFusion package
	 * @param hypervisorGroupId the hypervisor group (location) to create the server in
	 * @param osTemplateId the OS template to install
	 * @param hostname the server's hostname
	 * @param name the server's display name
	 * @param sshKeys OpenSSH public keys to install
	 * @param ipv4 how many IPv4 addresses
	 * @param resources resource overrides of the package
	 * @param cpuThrottle CPU throttle in percent ({@code service.resize})
	 */
	public record Service(@Pattern(regexp = ID_PATTERN, message = "must be 1-64 letters, digits or ._:@-") String id,
			@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}", message = "must be a configured panel name") String panel,
			@Size(min = 1, max = 64) String plan, @Min(1) Long packageId, @Min(1) Long hypervisorGroupId,
			@Min(1) Long osTemplateId,
			@Pattern(
					regexp = "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*",
					message = "must be a valid hostname") String hostname,
			@Size(min = 1, max = 255) String name,
			@Size(max = 20) List<@Pattern(
					regexp = "(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) [A-Za-z0-9+/=]+( .*)?",
					message = "must be an OpenSSH public key") String> sshKeys,
			@Min(0) @Max(64) Integer ipv4, @Valid Resources resources, @Min(0) @Max(99) Integer cpuThrottle) {
	}

	/**
	 * Resources that override the package's.
	 *
	 * @param memory memory in MB
	 * @param cpuCores CPU cores
	 * @param storage primary disk in GB
	 * @param traffic monthly traffic in GB, 0 = unlimited
	 * @param networkSpeedInbound inbound speed in kB/s
	 * @param networkSpeedOutbound outbound speed in kB/s
	 */
	public record Resources(@Min(256) @Max(4_194_304) Integer memory, @Min(1) @Max(600) Integer cpuCores,
			@Min(1) @Max(1_000_000) Integer storage, @Min(0) @Max(999_999_999) Integer traffic,
			@Min(0) Integer networkSpeedInbound, @Min(0) Integer networkSpeedOutbound) {
	}

}
