package io.vfbridge.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.vfbridge.customers.ServiceMapping;
import io.vfbridge.virtfusion.UsesOperation;
import io.vfbridge.virtfusion.VirtFusionApiException;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.VirtFusionOperation;
import io.vfbridge.virtfusion.model.FirewallRulesets;
import io.vfbridge.virtfusion.model.IpBlock;
import io.vfbridge.virtfusion.model.IpBlockRange;
import io.vfbridge.virtfusion.model.Ipv4Addresses;
import io.vfbridge.virtfusion.model.Ipv4Quantity;
import io.vfbridge.virtfusion.model.Ipv4Removal;
import io.vfbridge.virtfusion.model.NewTrafficBlock;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerInterface;
import io.vfbridge.virtfusion.model.TrafficAllowance;
import io.vfbridge.virtfusion.model.TrafficBlocks;
import io.vfbridge.virtfusion.model.VncState;
import io.vfbridge.virtfusion.model.VncToggle;
import io.vfbridge.virtfusion.model.WhitelistEntry;
import io.vfbridge.virtfusion.model.WhitelistRemoval;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * A server's network, traffic, backup plan and console: firewall, whitelist, IPv4
 * addresses, traffic blocks and allowance, backup plan, VNC, and IPv4 ranges of IP
 * blocks. Each handler reads the server first and does only what is not already so; the
 * calls VirtFusion cannot take twice (adding IPv4 addresses by quantity, a traffic block,
 * an IP block range) record what was there before, so a run after a lost answer adopts
 * what the first run added instead of adding it again.
 */
final class NetworkHandlers {

	private NetworkHandlers() {
	}

	static ServerInterface iface(EventData event) {
		return (event.networkInterface() == EventData.NetworkInterface.SECONDARY) ? ServerInterface.SECONDARY
				: ServerInterface.PRIMARY;
	}

	/** The server's interface of that name, or null when it has none. */
	static Server.NetworkInterface nic(Server server, ServerInterface iface) {
		if (server.network() == null) {
			return null;
		}
		List<Server.NetworkInterface> nics = (iface == ServerInterface.PRIMARY) ? server.network().interfaces()
				: server.network().secondaryInterfaces();
		return (nics == null || nics.isEmpty()) ? null : nics.get(0);
	}

	static List<String> ipv4Of(Server server, ServerInterface iface) {
		Server.NetworkInterface nic = nic(server, iface);
		if (nic == null) {
			return List.of();
		}
		return nic.ipv4().stream().map(Server.Ipv4Address::address).filter(Objects::nonNull).toList();
	}

	/** A service handler: the service's live server and its client, then the work. */
	abstract static class ServerHandler implements JobHandler {

		final Lifecycle lifecycle;

		ServerHandler(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData event = job.payload(EventData.class);
			ServiceMapping service = this.lifecycle.service(job);
			Server server = this.lifecycle.liveServer(service);
			VirtFusionClient client = this.lifecycle.client(service.panel());
			ObjectNode result = this.lifecycle.result(service);
			handle(job, event, client, server, result);
			return new JobOutcome.Succeeded(result);
		}

		abstract void handle(JobContext job, EventData event, VirtFusionClient client, Server server,
				ObjectNode result);

		/** The server's addresses as VirtFusion has them now, recorded on the service. */
		void refreshAddresses(VirtFusionClient client, Server server, ObjectNode result, JobContext job) {
			Server now = client.findServer(server.id(), false).orElse(server);
			ServiceMapping described = this.lifecycle.describe(this.lifecycle.service(job), now);
			ArrayNode ipv4 = result.putArray("ipv4");
			described.ipv4().forEach(ipv4::add);
		}

	}

	/** {@code service.firewall_enable} and {@code service.firewall_disable}. */
	abstract static class SwitchFirewall extends ServerHandler {

		private final boolean enable;

		SwitchFirewall(Lifecycle lifecycle, boolean enable) {
			super(lifecycle);
			this.enable = enable;
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			ServerInterface iface = iface(event);
			boolean sync = !Boolean.FALSE.equals(event.sync());
			boolean enabled = Boolean.TRUE.equals(client.getFirewall(server.id(), iface).enabled());
			boolean changed = enabled != this.enable;
			if (changed && this.enable) {
				client.enableFirewall(server.id(), iface, sync);
			}
			else if (changed) {
				client.disableFirewall(server.id(), iface, sync);
			}
			result.put("interface", iface.value()).put("firewallEnabled", this.enable).put("changed", changed);
		}

	}

	/** {@code service.firewall_enable}. */
	@Component
	@UsesOperation({ VirtFusionOperation.GET_FIREWALL, VirtFusionOperation.ENABLE_FIREWALL })
	static class EnableFirewall extends SwitchFirewall {

		EnableFirewall(Lifecycle lifecycle) {
			super(lifecycle, true);
		}

		@Override
		public String type() {
			return "service.firewall_enable";
		}

	}

	/** {@code service.firewall_disable}. */
	@Component
	@UsesOperation({ VirtFusionOperation.GET_FIREWALL, VirtFusionOperation.DISABLE_FIREWALL })
	static class DisableFirewall extends SwitchFirewall {

		DisableFirewall(Lifecycle lifecycle) {
			super(lifecycle, false);
		}

		@Override
		public String type() {
			return "service.firewall_disable";
		}

	}

	/**
	 * {@code service.firewall_rulesets}: the rulesets replace every rule of the interface
	 * (an empty list flushes them), which is the same however often it is applied.
	 */
	@Component
	@UsesOperation(VirtFusionOperation.APPLY_FIREWALL_RULESETS)
	static class ApplyFirewallRulesets extends ServerHandler {

		ApplyFirewallRulesets(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.firewall_rulesets";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			ServerInterface iface = iface(event);
			client.applyFirewallRulesets(server.id(), iface, new FirewallRulesets(event.rulesets()),
					!Boolean.FALSE.equals(event.sync()));
			result.put("interface", iface.value());
			event.rulesets().forEach(result.putArray("rulesets")::add);
		}

	}

	/** {@code service.whitelist_add}: unless the address is whitelisted already. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.ADD_WHITELIST_ADDRESS })
	static class AddWhitelistAddress extends ServerHandler {

		AddWhitelistAddress(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.whitelist_add";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			ServerInterface iface = iface(event);
			boolean present = isWhitelisted(server, iface, event.ip());
			if (!present) {
				client.addWhitelistAddress(server.id(), new WhitelistEntry(iface, event.ip(), event.cidr()));
			}
			result.put("interface", iface.value()).put("ip", event.ip()).put("changed", !present);
		}

	}

	/** {@code service.whitelist_remove}: unless the address is not whitelisted. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.REMOVE_WHITELIST_ADDRESS })
	static class RemoveWhitelistAddress extends ServerHandler {

		RemoveWhitelistAddress(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.whitelist_remove";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			ServerInterface iface = iface(event);
			boolean present = isWhitelisted(server, iface, event.ip());
			if (present) {
				client.removeWhitelistAddress(server.id(), new WhitelistRemoval(iface, event.ip()));
			}
			result.put("interface", iface.value()).put("ip", event.ip()).put("changed", present);
		}

	}

	static boolean isWhitelisted(Server server, ServerInterface iface, String ip) {
		Server.NetworkInterface nic = nic(server, iface);
		return nic != null && nic.ipWhitelist().stream().anyMatch((entry) -> ip.equalsIgnoreCase(entry.ip()));
	}

	/**
	 * {@code service.ipv4_add_quantity}: VirtFusion picks the addresses. The addresses
	 * before the call are recorded first; a run after a lost answer counts the new ones
	 * and asks only for what is missing.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.ADD_IPV4_QUANTITY })
	static class AddIpv4Quantity extends ServerHandler {

		AddIpv4Quantity(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.ipv4_add_quantity";
		}

		/** The interface's addresses before the first call. */
		record Before(List<String> addresses) {
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			ServerInterface iface = iface(event);
			List<String> now = ipv4Of(server, iface);
			Before before = job.checkpoint(Before.class);
			List<String> added = new ArrayList<>();
			if (before == null) {
				job.saveCheckpoint(new Before(now));
			}
			else {
				now.stream().filter((address) -> !before.addresses().contains(address)).forEach(added::add);
			}
			int missing = event.quantity() - added.size();
			if (missing > 0) {
				added.addAll(client.addIpv4Quantity(server.id(), new Ipv4Quantity(iface, missing)));
			}
			result.put("interface", iface.value());
			added.forEach(result.putArray("added")::add);
			refreshAddresses(client, server, result, job);
		}

	}

	/** {@code service.ipv4_add}: the given addresses the server does not have yet. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.ADD_IPV4_ADDRESSES })
	static class AddIpv4Addresses extends ServerHandler {

		AddIpv4Addresses(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.ipv4_add";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			ServerInterface iface = iface(event);
			List<String> have = Lifecycle.ipv4(server);
			List<String> missing = event.addresses().stream().filter((a) -> !have.contains(a)).distinct().toList();
			if (!missing.isEmpty()) {
				client.addIpv4Addresses(server.id(), new Ipv4Addresses(iface, missing));
			}
			result.put("interface", iface.value());
			missing.forEach(result.putArray("added")::add);
			refreshAddresses(client, server, result, job);
		}

	}

	/** {@code service.ipv4_remove}: the given addresses the server still has. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.REMOVE_IPV4_ADDRESSES })
	static class RemoveIpv4Addresses extends ServerHandler {

		RemoveIpv4Addresses(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.ipv4_remove";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			List<String> have = Lifecycle.ipv4(server);
			List<String> present = event.addresses().stream().filter(have::contains).distinct().toList();
			if (!present.isEmpty()) {
				ServerInterface iface = (event.networkInterface() != null) ? iface(event) : null;
				client.removeIpv4Addresses(server.id(), new Ipv4Removal(iface, present));
			}
			present.forEach(result.putArray("removed")::add);
			refreshAddresses(client, server, result, job);
		}

	}

	/**
	 * {@code service.traffic_block_add}. The server's blocks before the call are recorded
	 * first; a run after a lost answer adopts a new block of that period and size.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.LIST_TRAFFIC_BLOCKS, VirtFusionOperation.ADD_TRAFFIC_BLOCK })
	static class AddTrafficBlock extends ServerHandler {

		AddTrafficBlock(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.traffic_block_add";
		}

		/** The block ids before the first call. */
		record Before(List<Long> blockIds) {
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			EventData.TrafficBlock wanted = event.trafficBlock();
			List<TrafficBlocks.Assigned> assigned = client.listTrafficBlocks(server.id()).assigned();
			Before before = job.checkpoint(Before.class);
			Optional<TrafficBlocks.Assigned> adopted = Optional.empty();
			if (before == null) {
				job.saveCheckpoint(new Before(assigned.stream().map(TrafficBlocks.Assigned::id).toList()));
			}
			else {
				adopted = newBlock(assigned, before.blockIds(), wanted);
			}
			if (adopted.isEmpty()) {
				client.addTrafficBlock(server.id(), new NewTrafficBlock(wanted.month(), wanted.amount()));
				List<Long> known = assigned.stream().map(TrafficBlocks.Assigned::id).toList();
				adopted = newBlock(client.listTrafficBlocks(server.id()).assigned(), known, wanted);
			}
			adopted.ifPresent((block) -> result.put("blockId", block.id()));
			result.put("month", wanted.month()).put("amount", wanted.amount());
		}

		private static Optional<TrafficBlocks.Assigned> newBlock(List<TrafficBlocks.Assigned> assigned,
				List<Long> known, EventData.TrafficBlock wanted) {
			return assigned.stream()
				.filter((block) -> !known.contains(block.id()))
				.filter((block) -> Objects.equals(block.month(), wanted.month()) && block.traffic() != null
						&& block.traffic() == wanted.amount().longValue())
				.findFirst();
		}

	}

	/** {@code service.traffic_block_remove}: a block that is gone already is success. */
	@Component
	@UsesOperation({ VirtFusionOperation.LIST_TRAFFIC_BLOCKS, VirtFusionOperation.REMOVE_TRAFFIC_BLOCK })
	static class RemoveTrafficBlock extends ServerHandler {

		RemoveTrafficBlock(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.traffic_block_remove";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			long blockId = event.trafficBlock().id();
			boolean present = client.listTrafficBlocks(server.id())
				.assigned()
				.stream()
				.anyMatch((block) -> Objects.equals(block.id(), blockId));
			if (present) {
				try {
					client.removeTrafficBlock(server.id(), blockId);
				}
				catch (VirtFusionApiException ex) {
					if (!ex.isNotFound()) {
						throw ex;
					}
				}
			}
			result.put("blockId", blockId).put("changed", present);
		}

	}

	/**
	 * {@code service.traffic_allowance}: the primary allowance, unless it is that
	 * already.
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.MODIFY_SERVER_TRAFFIC })
	static class TrafficAllowanceHandler extends ServerHandler {

		TrafficAllowanceHandler(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.traffic_allowance";
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			Long current = (server.settings() != null && server.settings().resources() != null)
					? server.settings().resources().traffic() : null;
			boolean changed = !Objects.equals(current, event.traffic());
			if (changed) {
				client.modifyServerTraffic(server.id(), new TrafficAllowance(event.traffic()));
			}
			result.put("traffic", event.traffic()).put("changed", changed);
		}

	}

	/**
	 * {@code service.backup_plan_set} and {@code service.backup_plan_remove} (plan 0),
	 * unless the server has that plan already.
	 */
	abstract static class BackupPlan extends ServerHandler {

		BackupPlan(Lifecycle lifecycle) {
			super(lifecycle);
		}

		abstract long planId(EventData event);

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			long wanted = planId(event);
			long current = (server.backupPlan() != null && server.backupPlan().id() != null) ? server.backupPlan().id()
					: 0;
			boolean changed = current != wanted;
			if (changed) {
				client.setBackupPlan(server.id(), wanted);
			}
			if (wanted == 0) {
				result.putNull("backupPlanId");
			}
			else {
				result.put("backupPlanId", wanted);
			}
			result.put("changed", changed);
		}

	}

	/** {@code service.backup_plan_set}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.SET_BACKUP_PLAN })
	static class SetBackupPlan extends BackupPlan {

		SetBackupPlan(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.backup_plan_set";
		}

		@Override
		long planId(EventData event) {
			return event.backupPlanId();
		}

	}

	/** {@code service.backup_plan_remove}. */
	@Component
	@UsesOperation({ VirtFusionOperation.FIND_SERVER, VirtFusionOperation.SET_BACKUP_PLAN })
	static class RemoveBackupPlan extends BackupPlan {

		RemoveBackupPlan(Lifecycle lifecycle) {
			super(lifecycle);
		}

		@Override
		public String type() {
			return "service.backup_plan_remove";
		}

		@Override
		long planId(EventData event) {
			return 0;
		}

	}

	/**
	 * {@code service.vnc_enable} and {@code service.vnc_disable}. The toggle sets a
	 * state, so it is sent every time (VirtFusion versions disagree on whether the
	 * server's {@code vnc.enabled} follows it). The console password is handed to billing
	 * once, like a root password.
	 */
	abstract static class Vnc extends ServerHandler {

		static final String VNC_PASSWORD = "vncPassword";

		private final boolean enable;

		private final OperationSecrets secrets;

		Vnc(Lifecycle lifecycle, OperationSecrets secrets, boolean enable) {
			super(lifecycle);
			this.secrets = secrets;
			this.enable = enable;
		}

		@Override
		void handle(JobContext job, EventData event, VirtFusionClient client, Server server, ObjectNode result) {
			VncState state = client.setServerVnc(server.id(), this.enable ? VncToggle.enable() : VncToggle.disable());
			result.put("vncEnabled", this.enable);
			if (state != null && state.queueId() != null) {
				result.put("queueId", state.queueId());
			}
			if (this.enable && state != null && state.vnc() != null) {
				ObjectNode vnc = result.putObject("vnc");
				vnc.put("ip", state.vnc().ip()).put("hostname", state.vnc().hostname());
				if (state.vnc().port() != null) {
					vnc.put("port", state.vnc().port());
				}
				if (state.vnc().password() != null) {
					this.secrets.keep(job.id(), VNC_PASSWORD, state.vnc().password());
				}
			}
		}

	}

	/** {@code service.vnc_enable}. */
	@Component
	@UsesOperation(VirtFusionOperation.SET_SERVER_VNC)
	static class EnableVnc extends Vnc {

		EnableVnc(Lifecycle lifecycle, OperationSecrets secrets) {
			super(lifecycle, secrets, true);
		}

		@Override
		public String type() {
			return "service.vnc_enable";
		}

	}

	/** {@code service.vnc_disable}. */
	@Component
	@UsesOperation(VirtFusionOperation.SET_SERVER_VNC)
	static class DisableVnc extends Vnc {

		DisableVnc(Lifecycle lifecycle, OperationSecrets secrets) {
			super(lifecycle, secrets, false);
		}

		@Override
		public String type() {
			return "service.vnc_disable";
		}

	}

	/**
	 * {@code ip_block.range_add} (operators only). The block's size before the call is
	 * recorded first; a run after a lost answer that finds the block grown by the range
	 * counts it as added (VirtFusion would refuse the range a second time as
	 * overlapping).
	 */
	@Component
	@UsesOperation({ VirtFusionOperation.GET_IP_BLOCK, VirtFusionOperation.ADD_IP_BLOCK_RANGE })
	static class AddIpBlockRange implements JobHandler {

		private final Lifecycle lifecycle;

		AddIpBlockRange(Lifecycle lifecycle) {
			this.lifecycle = lifecycle;
		}

		@Override
		public String type() {
			return "ip_block.range_add";
		}

		/** The block's IPv4 total before the first call. */
		record Before(long total) {
		}

		@Override
		public JobOutcome handle(JobContext job) {
			EventData.IpBlock wanted = job.payload(EventData.class).ipBlock();
			String panel = this.lifecycle.panel(job.panel());
			VirtFusionClient client = this.lifecycle.client(panel);
			String[] bounds = wanted.bounds();
			long size = Addresses.ipv4(bounds[1]) - Addresses.ipv4(bounds[0]) + 1;
			long total = total(client.getIpBlock(wanted.id()));
			Before before = job.checkpoint(Before.class);
			boolean adopted = false;
			if (before == null) {
				job.saveCheckpoint(new Before(total));
			}
			else {
				// the block's gateway, when inside the range, is not counted
				adopted = total >= before.total() + size - 1;
			}
			if (!adopted) {
				client.addIpBlockRange(wanted.id(), new IpBlockRange(bounds[0], bounds[1]));
			}
			ObjectNode result = JsonNodes.object()
				.put("ipBlockId", wanted.id())
				.put("panel", panel)
				.put("start", bounds[0])
				.put("end", bounds[1])
				.put("addresses", size);
			return new JobOutcome.Succeeded(
					result.put("total", total(client.getIpBlock(wanted.id()))).put("adopted", adopted));
		}

		private static long total(IpBlock block) {
			return (block.ipv4() != null && block.ipv4().total() != null) ? block.ipv4().total() : 0;
		}

	}

}
