package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A server's network and traffic (sections 5.1, 5.2 and 5.4 of the reference): firewall,
 * whitelist, IPv4 addresses, traffic blocks and traffic statistics.
 */
final class ServerNetworkApi {

	private static final List<String> INTERFACES = List.of(SimServer.PRIMARY, SimServer.SECONDARY);

	/**
	 * How many traffic periods ahead (the current one included) blocks may be added for.
	 */
	private static final int AVAILABLE_MONTHS = 25;

	private final Panel panel;

	ServerNetworkApi(Panel panel) {
		this.panel = panel;
	}

	ServerResponse enableFirewall(ServerRequest request) {
		return switchFirewall(request, true);
	}

	ServerResponse disableFirewall(ServerRequest request) {
		return switchFirewall(request, false);
	}

	private ServerResponse switchFirewall(ServerRequest request, boolean enabled) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		input.queryBool("sync", false);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			String networkInterface = networkInterface(input, input.path("interface"));
			input.validate();
			server.setFirewallEnabled(networkInterface, enabled, state.now());
		});
		return Reply.empty(200);
	}

	ServerResponse firewall(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		return Reply.data(this.panel.call((state) -> {
			SimServer server = state.server(id);
			String networkInterface = networkInterface(input, input.path("interface"));
			input.validate();
			// The rule item shape is undocumented; the applied rulesets show on the
			// server object.
			return Json.obj("enabled", server.firewall(networkInterface).enabled(), "rules", List.of());
		}));
	}

	ServerResponse applyRulesets(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		input.queryBool("sync", false);
		List<Integer> rulesets = input.requiredIntList("rulesets");
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			String networkInterface = networkInterface(input, input.path("interface"));
			for (Integer ruleset : rulesets) {
				input.check(state.seed().firewallRulesets().stream().anyMatch((known) -> known.id() == ruleset),
						"The firewall ruleset " + ruleset + " is invalid.");
			}
			input.validate();
			server.applyRulesets(networkInterface, rulesets, state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse whitelist(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		String networkInterface = input.requiredChoice("interface", INTERFACES);
		String ip = input.requiredString("ip");
		boolean v4 = IpPool.isIpv4(ip);
		input.check(ip.isEmpty() || v4 || isIpv6(ip), "The ip field must be a valid IP address.");
		int cidr = input.requiredInt("cidr", 0, v4 ? 32 : 128);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			networkInterface(input, networkInterface);
			input.validate();
			server.whitelist(new SimServer.WhitelistEntry(state.nextId("whitelist"), networkInterface, ip, cidr),
					state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse unwhitelist(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		String networkInterface = input.requiredChoice("interface", INTERFACES);
		String ip = input.requiredString("ip");
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			networkInterface(input, networkInterface);
			input.validate();
			server.unwhitelist(networkInterface, ip, state.now());
		});
		return Reply.empty(204);
	}

	ServerResponse addIpv4Quantity(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		String networkInterface = input.requiredChoice("interface", INTERFACES);
		int quantity = input.requiredInt("quantity", 1, 256);
		return Reply.data(this.panel.call((state) -> {
			SimServer server = state.server(id);
			networkInterface(input, networkInterface);
			input.validate();
			List<String> added = new ArrayList<>();
			for (SimServer.AssignedIp ip : state.allocateIps(server.groupId(), quantity, networkInterface)) {
				server.assignIp(ip, state.now());
				added.add(IpPool.format(ip.address()));
			}
			return added;
		}));
	}

	ServerResponse addIpv4(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		String networkInterface = input.requiredChoice("interface", INTERFACES);
		List<String> addresses = input.requiredStringList("ip");
		for (String address : addresses) {
			input.check(IpPool.isIpv4(address), "The ip " + address + " must be a valid IPv4 address.");
		}
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			networkInterface(input, networkInterface);
			input.validate();
			for (String address : addresses) {
				IpPool pool = state.poolOf(IpPool.parse(address), server.groupId());
				input.check(pool != null && pool.isFree(IpPool.parse(address)),
						"The IP address " + address + " is not available to this server.");
			}
			input.validate();
			for (String address : addresses) {
				long value = IpPool.parse(address);
				IpPool pool = state.poolOf(value, server.groupId());
				if (pool.take(value)) {
					server.assignIp(new SimServer.AssignedIp(state.nextId("ip"), pool.id(), value, networkInterface),
							state.now());
				}
			}
		});
		return Reply.empty(204);
	}

	ServerResponse removeIpv4(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		// Documented as required, but Blesta and the migrator send only "ip" and get 204
		// [inferred].
		if (input.has("interface")) {
			input.requiredChoice("interface", INTERFACES);
		}
		List<String> addresses = input.requiredStringList("ip");
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			input.validate();
			for (String address : addresses) {
				boolean assigned = IpPool.isIpv4(address)
						&& server.ipv4().stream().anyMatch((ip) -> ip.address() == IpPool.parse(address));
				input.check(assigned, "The IP address " + address + " is not assigned to this server.");
			}
			input.validate();
			for (String address : addresses) {
				long value = IpPool.parse(address);
				server.ipv4().stream().filter((ip) -> ip.address() == value).findFirst().ifPresent((ip) -> {
					server.unassignIp(value, state.now());
					state.ipPools().get(ip.blockId()).release(value);
				});
			}
		});
		return Reply.empty(204);
	}

	ServerResponse trafficBlocks(ServerRequest request) {
		int id = ServerApi.serverId(Input.of(request));
		return Reply.data(this.panel.call((state) -> {
			SimServer server = state.server(id);
			ServerView.Period current = ServerView.Period.current(server.created(), state.now());
			List<Object> assigned = server.trafficBlocks().stream().map((block) -> {
				ServerView.Period period = ServerView.Period.of(server.created(), block.month());
				return (Object) Json.obj("id", block.id(), "current", block.month() == current.month(), "month",
						block.month(), "traffic", block.traffic(), "start", Json.sql(period.start()), "end",
						Json.sql(period.end()), "added", Json.iso(block.added()));
			}).toList();
			Map<String, Object> months = Json.obj();
			for (int month = current.month(); month < current.month() + AVAILABLE_MONTHS; month++) {
				months.put(String.valueOf(month), ServerView.Period.of(server.created(), month).json());
			}
			return Json.obj("assigned", assigned, "available",
					Json.obj("total", AVAILABLE_MONTHS, "current", current.json(), "months", months));
		}));
	}

	ServerResponse addTrafficBlock(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		int month = input.requiredInt("month");
		int amount = input.requiredInt("amount", 1, 999_999_999);
		this.panel.run((state) -> {
			SimServer server = state.server(id);
			int current = ServerView.Period.current(server.created(), state.now()).month();
			if (input.has("month") && (month < current || month >= current + AVAILABLE_MONTHS)) {
				input.invalidSelection("month");
			}
			input.validate();
			server.addTrafficBlock(new SimServer.TrafficBlock(state.nextId("trafficBlock"), month, amount, state.now()),
					state.now());
		});
		return Reply.empty(201);
	}

	ServerResponse removeTrafficBlock(ServerRequest request) {
		Input input = Input.of(request);
		int id = ServerApi.serverId(input);
		int blockId = input.pathId("blockId", "traffic block not found");
		this.panel.run((state) -> {
			if (!state.server(id).removeTrafficBlock(blockId, state.now())) {
				throw ApiError.notFound("traffic block not found");
			}
		});
		return Reply.empty(204);
	}

	ServerResponse trafficStatistics(ServerRequest request) {
		int id = ServerApi.serverId(Input.of(request));
		return Reply.data(this.panel.call((state) -> {
			SimServer server = state.server(id);
			int current = ServerView.Period.current(server.created(), state.now()).month();
			List<Object> monthly = new ArrayList<>();
			for (int month = current; month >= 1; month--) {
				ServerView.Period period = ServerView.Period.of(server.created(), month);
				int periodMonth = month;
				List<Object> blocks = server.trafficBlocks()
					.stream()
					.filter((block) -> block.month() == periodMonth)
					.map((block) -> (Object) Json.obj("id", block.id(), "traffic", block.traffic()))
					.toList();
				// The simulator moves no packets: counters stay at zero unless the
				// harness
				// counts some (_admin/servers/{id}/traffic).
				long[] counted = server.traffic(month);
				monthly.add(Json.obj("month", month, "start", Json.sql(period.start()), "end", Json.sql(period.end()),
						"rx", counted[0], "tx", counted[1], "total", counted[0] + counted[1], "limit",
						ServerView.trafficLimit(server, period), "blocks", blocks));
			}
			return Json.obj("monthly", monthly);
		}));
	}

	/**
	 * Checks the interface name and that the server has it (servers get only a primary).
	 */
	private static String networkInterface(Input input, String name) {
		if (!INTERFACES.contains(name)) {
			input.invalidSelection("interface");
		}
		else if (name.equals(SimServer.SECONDARY)) {
			input.check(false, "The server has no secondary interface.");
		}
		return name;
	}

	static boolean isIpv6(String text) {
		if (!text.contains(":") || text.indexOf("::") != text.lastIndexOf("::")) {
			return false;
		}
		boolean compressed = text.contains("::");
		String[] groups = text.replace("::", ":x:").split(":", -1);
		int count = 0;
		for (String group : groups) {
			if (group.equals("x") || (group.isEmpty() && compressed)) {
				continue;
			}
			if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
				return false;
			}
			count++;
		}
		return compressed ? count < 8 : count == 8;
	}

}
