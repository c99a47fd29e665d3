package io.vfbridge.virtfusion.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A VirtFusion server as retrieve, create and build return it: the fields a billing
 * bridge needs from VirtFusion's large server object.
 *
 * @param id the server id
 * @param ownerId the owner's internal user id
 * @param hypervisorId the hypervisor it runs on
 * @param arch the architecture code
 * @param name the display name ({@code ""} until built)
 * @param selfService the self-service mode it was made under
 * @param hostname the host name, null until built
 * @param commissionStatus 0 created, 1–2 building, 3 or more built
 * @param uuid the server UUID
 * @param state the provisioning state
 * @param migratable whether it can be migrated
 * @param timezone its time zone ({@code _default} for the panel's)
 * @param backupLevel the backup access level
 * @param destroyable whether it may be deleted
 * @param rebuild whether a rebuild is pending
 * @param suspended whether it is suspended
 * @param isProtected whether it is protected ({@code protected})
 * @param buildFailed whether the last build failed
 * @param primaryNetworkDhcp4 whether the primary network uses DHCP for IPv4
 * @param primaryNetworkDhcp6 whether the primary network uses DHCP for IPv6
 * @param built when it was last built, null if never
 * @param created when it was created
 * @param updated when it was last changed
 * @param traffic the traffic counting and current allowance
 * @param settings its settings, including the resources and (after build) the root
 * password
 * @param cpu the CPU settings
 * @param media the mounted ISO
 * @param backupPlan the backup plan (id and name null when none)
 * @param vnc the VNC endpoint
 * @param network the network interfaces and addresses
 * @param storage the disks
 * @param hypervisor the hypervisor it runs on
 * @param owner the owner
 * @param sshKeys the owner's SSH keys installed on it
 * @param tasks the running and pending tasks
 * @param remoteState the hypervisor's live view when asked for with
 * {@code remoteState=true} (keys undocumented: state, running, cpu, memory, disk, agent),
 * else empty
 */
public record Server(Long id, Long ownerId, Long hypervisorId, Integer arch, String name, Integer selfService,
		String hostname, Integer commissionStatus, String uuid, ServerState state, Boolean migratable, String timezone,
		Integer backupLevel, Boolean destroyable, Boolean rebuild, Boolean suspended,
		@JsonProperty("protected") Boolean isProtected, Boolean buildFailed, Boolean primaryNetworkDhcp4,
		Boolean primaryNetworkDhcp6, String built, String created, String updated, Traffic traffic, Settings settings,
		Cpu cpu, Media media, BackupPlan backupPlan, Vnc vnc, Network network, List<Disk> storage,
		Hypervisor hypervisor, User owner, List<SshKey> sshKeys, Tasks tasks,
		@JsonDeserialize(using = RemoteStateDeserializer.class) Map<String, Object> remoteState) {

	/** The commission status from which a server counts as built. */
	public static final int BUILT_COMMISSION_STATUS = 3;

	public Server {
		storage = Copies.list(storage);
		sshKeys = Copies.list(sshKeys);
		remoteState = Copies.map(remoteState);
	}

	/** Whether the server has been built (commission status 3 or more). */
	public boolean isBuilt() {
		return this.commissionStatus != null && this.commissionStatus >= BUILT_COMMISSION_STATUS;
	}

	/** The IPv4 addresses of every interface. */
	public List<String> ipv4Addresses() {
		List<String> addresses = new ArrayList<>();
		if (this.network != null && this.network.interfaces() != null) {
			for (NetworkInterface nic : this.network.interfaces()) {
				if (nic.ipv4() != null) {
					nic.ipv4().stream().map(Ipv4Address::address).filter((a) -> a != null).forEach(addresses::add);
				}
			}
		}
		return addresses;
	}

	/** The IPv6 subnets of every interface, as {@code subnet/cidr}. */
	public List<String> ipv6Subnets() {
		List<String> subnets = new ArrayList<>();
		if (this.network != null && this.network.interfaces() != null) {
			for (NetworkInterface nic : this.network.interfaces()) {
				if (nic.ipv6() != null) {
					nic.ipv6()
						.stream()
						.filter((s) -> s.subnet() != null)
						.map((s) -> s.subnet() + ((s.cidr() != null) ? "/" + s.cidr() : ""))
						.forEach(subnets::add);
				}
			}
		}
		return subnets;
	}

	/** The first IPv4 address of the first interface, as billing modules show it. */
	public Optional<String> primaryIpv4() {
		return Optional.ofNullable(this.network)
			.flatMap((net) -> net.interfaces().stream().findFirst())
			.flatMap((nic) -> nic.ipv4().stream().findFirst())
			.map(Ipv4Address::address);
	}

	/**
	 * Traffic counting of the server.
	 *
	 * @param publicTraffic the public interface's counting ({@code public})
	 */
	public record Traffic(@JsonProperty("public") PublicTraffic publicTraffic) {
	}

	/**
	 * Traffic counting of the public interface.
	 *
	 * @param countMethod how traffic is counted (a VirtFusion code)
	 * @param currentPeriod the current period and its allowance
	 */
	public record PublicTraffic(Integer countMethod, TrafficPeriod currentPeriod) {
	}

	/**
	 * A traffic period.
	 *
	 * @param start the start
	 * @param end the end
	 * @param limit the allowance in GB, 0 for unlimited
	 */
	public record TrafficPeriod(String start, String end, Long limit) {
	}

	/**
	 * The server's settings (a subset).
	 *
	 * @param osTemplateInstall whether it installs from an OS template
	 * @param osTemplateInstallId the OS template id (0 before the first build)
	 * @param encryptedPassword the root password, encrypted by VirtFusion
	 * @param decryptedPassword the root password in clear: only in the answer to build
	 * @param backupPlan the backup plan id, if any
	 * @param uefi whether it boots with UEFI
	 * @param cloudInit whether cloud-init is used
	 * @param bootOrder the boot devices in order
	 * @param machineType the machine type ({@code inherit} for the hypervisor's)
	 * @param resources the resources: memory, storage, traffic, CPU cores
	 */
	public record Settings(Boolean osTemplateInstall, Long osTemplateInstallId, String encryptedPassword,
			String decryptedPassword, Long backupPlan, Boolean uefi, Boolean cloudInit, List<String> bootOrder,
			String machineType, Resources resources) {

		public Settings {
			bootOrder = Copies.list(bootOrder);
		}

		/** Masks both passwords so the settings can be logged. */
		@Override
		public String toString() {
			return "Settings[osTemplateInstallId=" + this.osTemplateInstallId + ", encryptedPassword=******"
					+ ", decryptedPassword=" + ((this.decryptedPassword != null) ? "******" : null) + ", resources="
					+ this.resources + "]";
		}

	}

	/**
	 * A server's resources.
	 *
	 * @param memory memory in MB
	 * @param storage primary storage in GB
	 * @param traffic traffic allowance in GB per period, 0 for unlimited
	 * @param cpuCores CPU cores
	 * @param cpuModel the CPU model ({@code cpu_model}, user server list only)
	 */
	public record Resources(Long memory, Long storage, Long traffic, Integer cpuCores,
			@JsonProperty("cpu_model") String cpuModel) {
	}

	/**
	 * CPU settings.
	 *
	 * @param cores the cores
	 * @param type the CPU type setting ({@code inherit})
	 * @param typeExact the effective CPU type ({@code host-model})
	 * @param shares the scheduler shares
	 * @param throttle the throttle percentage, 0 for none
	 * @param topology the topology
	 */
	public record Cpu(Integer cores, String type, String typeExact, Integer shares, Integer throttle,
			Topology topology) {
	}

	/**
	 * CPU topology.
	 *
	 * @param enabled whether a custom topology is set
	 * @param sockets sockets
	 * @param cores cores per socket
	 * @param threads threads per core
	 * @param dies dies per socket
	 */
	public record Topology(Boolean enabled, Integer sockets, Integer cores, Integer threads, Integer dies) {
	}

	/**
	 * The mounted ISO.
	 *
	 * @param isoMounted whether an ISO is mounted
	 * @param isoType where the ISO comes from
	 * @param isoName the ISO's name
	 * @param isoFilename the ISO's file name
	 * @param isoUrl the ISO's URL
	 * @param isoDownload whether the ISO is downloaded
	 */
	public record Media(Boolean isoMounted, String isoType, String isoName, String isoFilename, String isoUrl,
			Boolean isoDownload) {
	}

	/**
	 * A backup plan reference.
	 *
	 * @param id the plan id, null when none
	 * @param name the plan name, null when none
	 */
	public record BackupPlan(Long id, String name) {
	}

	/**
	 * A server's network.
	 *
	 * @param interfaces the primary interfaces
	 * @param secondaryInterfaces the secondary interfaces
	 */
	public record Network(List<NetworkInterface> interfaces, List<NetworkInterface> secondaryInterfaces) {

		public Network {
			interfaces = Copies.list(interfaces);
			secondaryInterfaces = Copies.list(secondaryInterfaces);
		}

	}

	/**
	 * A network interface (the user server list carries a subset of the fields).
	 *
	 * @param id the interface id
	 * @param order the position
	 * @param enabled whether it is enabled
	 * @param tag the interface tag
	 * @param name the guest device name
	 * @param type {@code public} or {@code private}
	 * @param driver the NIC driver: a code in the documentation, a name such as
	 * {@code virtio} on a panel
	 * @param mac the MAC address
	 * @param inAverage inbound average (kB/s)
	 * @param inPeak inbound peak
	 * @param inBurst inbound burst
	 * @param outAverage outbound average (kB/s)
	 * @param outPeak outbound peak
	 * @param outBurst outbound burst
	 * @param ipFilter whether IP filtering is on
	 * @param ipFilterType which families are filtered ({@code 4}, {@code 4-6})
	 * @param portIsolated whether the port is isolated
	 * @param networkProfile the network profile id
	 * @param dhcpV4 the DHCPv4 setting
	 * @param dhcpV6 the DHCPv6 setting
	 * @param firewallEnabled whether the firewall is on
	 * @param hypervisorNetwork the hypervisor network id
	 * @param isNat whether it is behind NAT
	 * @param nat whether NAT is set up
	 * @param ipWhitelist the whitelisted addresses
	 * @param ipv4 the IPv4 addresses
	 * @param ipv6 the IPv6 subnets
	 */
	public record NetworkInterface(Long id, Integer order, Boolean enabled, Long tag, String name, String type,
			String driver, String mac, Long inAverage, Long inPeak, Long inBurst, Long outAverage, Long outPeak,
			Long outBurst, Boolean ipFilter, String ipFilterType, Boolean portIsolated, Integer networkProfile,
			Integer dhcpV4, Integer dhcpV6, Boolean firewallEnabled, Long hypervisorNetwork,
			@JsonProperty("isNat") Boolean isNat, Boolean nat, List<WhitelistedAddress> ipWhitelist,
			List<Ipv4Address> ipv4, List<Ipv6Subnet> ipv6) {

		public NetworkInterface {
			ipWhitelist = Copies.list(ipWhitelist);
			ipv4 = Copies.list(ipv4);
			ipv6 = Copies.list(ipv6);
		}

	}

	/**
	 * A whitelisted address of an interface.
	 *
	 * @param id the entry id
	 * @param type 4 or 6
	 * @param ip the address
	 * @param mask the prefix length
	 */
	public record WhitelistedAddress(Long id, Integer type, String ip, Integer mask) {
	}

	/**
	 * An IPv4 address of an interface.
	 *
	 * @param id the address id
	 * @param order the position
	 * @param enabled whether it is enabled
	 * @param blockId the IP block it comes from
	 * @param address the address
	 * @param gateway the gateway
	 * @param netmask the netmask
	 * @param resolver1 the first resolver
	 * @param resolver2 the second resolver
	 * @param rdns the reverse DNS name
	 * @param mac the MAC bound to it
	 */
	public record Ipv4Address(Long id, Integer order, Boolean enabled, Long blockId, String address, String gateway,
			String netmask, String resolver1, String resolver2, String rdns, String mac) {
	}

	/**
	 * An IPv6 subnet of an interface (IPv6 is allocated as whole subnets).
	 *
	 * @param id the subnet id
	 * @param block the IP block it comes from
	 * @param order the position
	 * @param enabled whether it is enabled
	 * @param addresses addresses assigned inside the subnet
	 * @param subnet the subnet address
	 * @param cidr the prefix length
	 * @param exhausted whether the subnet is full
	 * @param gateway the gateway
	 * @param resolver1 the first resolver
	 * @param resolver2 the second resolver
	 * @param routeNet whether the subnet is routed
	 */
	public record Ipv6Subnet(Long id, BlockRef block, Integer order, Boolean enabled, List<String> addresses,
			String subnet, Integer cidr, Boolean exhausted, String gateway, String resolver1, String resolver2,
			Boolean routeNet) {

		public Ipv6Subnet {
			addresses = Copies.list(addresses);
		}

	}

	/**
	 * An IP block reference.
	 *
	 * @param id the block id
	 * @param name the block name
	 */
	public record BlockRef(Long id, String name) {
	}

	/**
	 * A disk.
	 *
	 * @param recordId the disk record id ({@code _id})
	 * @param id the disk number within the server
	 * @param capacity the size in GB
	 * @param drive the drive letter
	 * @param type the image format ({@code qcow2})
	 * @param profile the storage profile id
	 * @param status the status code
	 * @param enabled whether it is attached
	 * @param primary whether it is the primary disk
	 * @param name the disk name
	 * @param filename the image file name
	 * @param local whether it is on local storage
	 * @param locationType the location type ({@code mountpoint})
	 * @param path the directory of the image
	 */
	public record Disk(@JsonProperty("_id") Long recordId, Long id, Long capacity, String drive, String type,
			Integer profile, String status, Boolean enabled, Boolean primary, String name, String filename,
			Boolean local, String locationType, String path) {
	}

	/**
	 * The hypervisor a server runs on (a subset).
	 *
	 * @param id the hypervisor id
	 * @param ip its address
	 * @param hostname its host name
	 * @param port its agent port
	 * @param maintenance whether it is in maintenance
	 * @param groupId its hypervisor group
	 * @param group the group's name and icon
	 * @param name its name
	 * @param timezone its time zone
	 */
	public record Hypervisor(Long id, String ip, String hostname, Integer port, Boolean maintenance, Long groupId,
			GroupRef group, String name, String timezone) {
	}

	/**
	 * A hypervisor group reference.
	 *
	 * @param name the group name
	 * @param icon the group icon
	 */
	public record GroupRef(String name, String icon) {
	}

	/**
	 * Tasks of the server.
	 *
	 * @param active whether a task is running
	 * @param lastOn when the last task ran ({@code YYYY-MM-DD hh:mm:ss})
	 * @param actions the pending actions
	 */
	public record Tasks(Boolean active, String lastOn, Actions actions) {
	}

	/**
	 * Pending actions.
	 *
	 * @param pending actions waiting for a power event
	 */
	public record Actions(List<PendingAction> pending) {

		public Actions {
			pending = Copies.list(pending);
		}

	}

	/**
	 * An action waiting for a power event (e.g. attaching a new disk).
	 *
	 * @param id the action id
	 * @param action what it does
	 * @param requires the power events that run it
	 * @param collected whether it was picked up
	 * @param complete whether it is done
	 * @param failed whether it failed
	 * @param created when it was queued
	 */
	public record PendingAction(Long id, String action, List<String> requires, Boolean collected, Boolean complete,
			Boolean failed, String created) {

		public PendingAction {
			requires = Copies.list(requires);
		}

	}

	/**
	 * Reads {@code remoteState}: an object when asked for, {@code false} otherwise (read
	 * as empty).
	 */
	static final class RemoteStateDeserializer extends ValueDeserializer<Map<String, Object>> {

		@Override
		public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.START_OBJECT) {
				return context.readValue(parser,
						context.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
			}
			parser.skipChildren();
			return Map.of();
		}

	}

}
