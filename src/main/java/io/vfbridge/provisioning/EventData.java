package io.vfbridge.provisioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
 * @param networkInterface the server interface, {@code primary} (default) or
 * {@code secondary} ({@code interface}: firewall, whitelist, IPv4)
 * @param sync whether the hypervisor applies a firewall change at once (default true)
 * @param rulesets the firewall ruleset ids that replace every rule (empty flushes all)
 * @param ip an IPv4 or IPv6 address ({@code service.whitelist_*})
 * @param cidr the whitelisted prefix length ({@code service.whitelist_add})
 * @param quantity how many IPv4 addresses VirtFusion picks
 * ({@code service.ipv4_add_quantity})
 * @param addresses IPv4 addresses to add or remove ({@code service.ipv4_add},
 * {@code service.ipv4_remove})
 * @param trafficBlock a traffic block to add (month, amount) or remove (id)
 * @param traffic the primary traffic allowance in GB, 0 = unlimited
 * ({@code service.traffic_allowance})
 * @param backupPlanId the backup plan ({@code service.backup_plan_set})
 * @param sshKey an SSH key of the customer ({@code customer.ssh_key_*})
 * @param credit self-service credit ({@code customer.credit_*})
 * @param profileId an hourly or resource group profile
 * ({@code customer.*_group_profile_*})
 * @param resourcePack a user resource pack ({@code customer.resource_pack_*})
 * @param hourlyResourcePackId the hourly resource pack
 * ({@code customer.hourly_resource_pack_set})
 * @param syncToProfiles whether self-service access follows the assigned profiles
 * ({@code customer.self_service_access})
 * @param ipBlock an IP block and the IPv4 range to add to it ({@code ip_block.range_add})
 * @param server the existing VirtFusion server to link ({@code service.import})
 * @param adoptUser whether an owner without an extRelationId may be adopted for the
 * customer ({@code service.import})
 */
public record EventData(@Valid Customer customer, @Valid Service service, @Valid Customer newCustomer,
		@Min(0) @Max(43800) Integer delayMinutes,
		@Pattern(regexp = "boot|shutdown|restart|poweroff",
				message = "must be boot, shutdown, restart or poweroff") String action,
		@Pattern(regexp = "root|Administrator|administrator", message = "must be root or Administrator") String user,
		Boolean dryRun, @JsonProperty("interface") NetworkInterface networkInterface, Boolean sync,
		@Size(max = 100) List<@NotNull @Min(1) Long> rulesets,
		@Pattern(regexp = IP_PATTERN, message = "must be an IPv4 or IPv6 address") String ip,
		@Min(0) @Max(128) Integer cidr, @Min(1) @Max(64) Integer quantity,
		@Size(min = 1,
				max = 64) List<@NotNull @Pattern(regexp = IPV4_PATTERN,
						message = "must be an IPv4 address") String> addresses,
		@Valid TrafficBlock trafficBlock, @Min(0) @Max(999_999_999) Long traffic, @Min(1) Long backupPlanId,
		@Valid SshKey sshKey, @Valid Credit credit, @Min(1) Long profileId, @Valid ResourcePack resourcePack,
		@Min(1) Long hourlyResourcePackId, Boolean syncToProfiles, @Valid IpBlock ipBlock, @Valid ServerRef server,
		Boolean adoptUser) {

	/** One IPv4 address in dotted-quad form. */
	public static final String IPV4_PATTERN = "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

	/** An IPv4 CIDR block. */
	public static final String CIDR_PATTERN = IPV4_PATTERN + "/([0-9]|[12][0-9]|3[0-2])";

	/**
	 * An IPv4 address, or an IPv6 address in its usual forms (checked further by
	 * {@link #crossFieldErrors()}).
	 */
	public static final String IP_PATTERN = "(" + IPV4_PATTERN + ")|([0-9A-Fa-f:]{2,39})";

	/**
	 * Checks that need several fields or more than a pattern: an IPv6 address that is
	 * really one, a CIDR that fits the address, an IP block range given exactly one way
	 * and in order.
	 * @return the bad fields (dotted paths within {@code data}) and what is wrong
	 */
	public java.util.Map<String, String> crossFieldErrors() {
		java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
		// fields that fail their pattern are reported by it already
		if (this.ip != null && this.ip.matches(IP_PATTERN) && !this.ip.matches(IPV4_PATTERN)
				&& !Addresses.isIpv6(this.ip)) {
			errors.put("ip", "must be an IPv4 or IPv6 address");
		}
		if (this.ip != null && this.cidr != null && this.ip.matches(IPV4_PATTERN) && this.cidr > 32) {
			errors.put("cidr", "must be between 0 and 32 for an IPv4 address");
		}
		if (this.ipBlock != null) {
			this.ipBlock.errors(errors);
		}
		if (this.server != null && (this.server.id() == null) == (this.server.uuid() == null)) {
			errors.put("server", "give either id or uuid");
		}
		return errors;
	}

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

	/** A server network interface, as VirtFusion names it. */
	public enum NetworkInterface {

		/** The primary (public) interface. */
		PRIMARY("primary"),

		/** The secondary (usually private) interface. */
		SECONDARY("secondary");

		private final String value;

		NetworkInterface(String value) {
			this.value = value;
		}

		/** The name on the wire. */
		@JsonValue
		public String value() {
			return this.value;
		}

	}

	/**
	 * An existing VirtFusion server, by id or by UUID.
	 *
	 * @param id the server id
	 * @param uuid the server UUID
	 */
	public record ServerRef(@Min(1) Long id,
			@Pattern(regexp = "[0-9a-fA-F-]{32,36}", message = "must be a UUID") String uuid) {
	}

	/**
	 * A traffic block.
	 *
	 * @param id the assigned block to remove
	 * @param month the traffic period to add it to (1 = the server's first)
	 * @param amount the extra traffic in GB
	 */
	public record TrafficBlock(@Min(1) Long id, @Min(1) @Max(10_000) Integer month,
			@Min(1) @Max(999_999_999) Integer amount) {
	}

	/**
	 * An SSH key of a customer's VirtFusion user.
	 *
	 * @param id the VirtFusion key id (to delete)
	 * @param name the key's name (to add)
	 * @param publicKey the OpenSSH public key (to add)
	 */
	public record SshKey(@Min(1) Long id, @Size(min = 1, max = 191) String name, @Pattern(
			regexp = "(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) [A-Za-z0-9+/=]+( .*)?",
			message = "must be an OpenSSH public key") @Size(max = 16_384) String publicKey) {
	}

	/**
	 * Self-service credit.
	 *
	 * @param id the VirtFusion credit id (to cancel)
	 * @param tokens how many tokens to add (a token costs the currency's value)
	 * @param reference1 a numeric reference of the billing system
	 * @param reference2 a text reference (vfbridge's operation id when absent)
	 */
	public record Credit(@Min(1) Long id,
			@DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10,
					fraction = 10) java.math.BigDecimal tokens,
			@Min(0) Long reference1, @Size(max = 1000) String reference2) {
	}

	/**
	 * A user resource pack.
	 *
	 * @param id the user's pack id (what VirtFusion answered when it was added)
	 * @param templateId the pack template to add
	 * @param enabled whether the pack is (or starts) enabled
	 * @param disableIfUndeletable disable the pack when it still has servers
	 * ({@code customer.resource_pack_delete})
	 */
	public record ResourcePack(@Min(1) Long id, @Min(1) Long templateId, Boolean enabled,
			Boolean disableIfUndeletable) {
	}

	/**
	 * An IP block and an IPv4 range to add to it, given as {@code start} and {@code end}
	 * or as a {@code cidr} block such as {@code 203.0.113.0/28}.
	 *
	 * @param id the VirtFusion IP block
	 * @param start the first address
	 * @param end the last address
	 * @param cidr the range as a CIDR block (instead of start and end)
	 */
	public record IpBlock(@Min(1) Long id,
			@Pattern(regexp = IPV4_PATTERN, message = "must be an IPv4 address") String start,
			@Pattern(regexp = IPV4_PATTERN, message = "must be an IPv4 address") String end,
			@Pattern(regexp = CIDR_PATTERN,
					message = "must be an IPv4 CIDR block such as 203.0.113.0/28") String cidr) {

		void errors(java.util.Map<String, String> errors) {
			boolean range = this.start != null || this.end != null;
			if (range && this.cidr != null) {
				errors.put("ipBlock.cidr", "give either cidr or start and end, not both");
			}
			else if (!range && this.cidr == null) {
				errors.put("ipBlock.cidr", "is required unless start and end are given");
			}
			else if (range && (this.start == null || this.end == null)) {
				errors.put((this.start == null) ? "ipBlock.start" : "ipBlock.end", "is required with the other end");
			}
			else if (range && this.start.matches(IPV4_PATTERN) && this.end.matches(IPV4_PATTERN)
					&& Addresses.ipv4(this.start) > Addresses.ipv4(this.end)) {
				errors.put("ipBlock.end", "must not come before start");
			}
			else if (this.cidr != null && this.cidr.matches(CIDR_PATTERN)) {
				long[] bounds = Addresses.cidrBounds(this.cidr);
				if (bounds[0] != Addresses.ipv4(this.cidr.substring(0, this.cidr.indexOf('/')))) {
					errors.put("ipBlock.cidr", "must start at its network address (" + Addresses.format(bounds[0]) + "/"
							+ this.cidr.substring(this.cidr.indexOf('/') + 1) + ")");
				}
			}
		}

		/** The first and last address of the range, whichever way it was given. */
		public String[] bounds() {
			if (this.cidr == null) {
				return new String[] { this.start, this.end };
			}
			long[] bounds = Addresses.cidrBounds(this.cidr);
			return new String[] { Addresses.format(bounds[0]), Addresses.format(bounds[1]) };
		}

	}

}
