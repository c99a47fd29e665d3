package io.vfbridge.simulator;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Connection test, hypervisors and groups, IP blocks, packages and templates, backups,
 * DNS services, ISOs, the queue and currencies (sections 2–4, 6–8 and the currencies of
 * 12 of the reference).
 */
final class CatalogApi {

	private final Panel panel;

	CatalogApi(Panel panel) {
		this.panel = panel;
	}

	ServerResponse connect(ServerRequest request) {
		// A bare empty array, not an object and not wrapped in "data".
		return Reply.ok(List.of());
	}

	ServerResponse hypervisors(ServerRequest request) {
		Input input = Input.of(request);
		Paginator.Page page = Paginator.request(input);
		input.validate();
		return Reply.ok(this.panel.call((state) -> Paginator.render(new ArrayList<>(state.hypervisors().values()),
				(load) -> CatalogView.hypervisor(state, load), page, Reply.pathUrl(request))));
	}

	ServerResponse hypervisor(ServerRequest request) {
		int id = Input.of(request).pathId("hypervisorId", "hypervisor not found");
		return Reply.data(this.panel.call((state) -> CatalogView.hypervisor(state, state.hypervisor(id))));
	}

	ServerResponse groups(ServerRequest request) {
		Input input = Input.of(request);
		Paginator.Page page = Paginator.request(input);
		input.validate();
		return Reply.ok(this.panel.call((state) -> Paginator.render(new ArrayList<>(state.groups().values()),
				(group) -> CatalogView.group(state, group), page, Reply.pathUrl(request))));
	}

	ServerResponse group(ServerRequest request) {
		int id = Input.of(request).pathId("hypervisorGroupId", "hypervisor group not found");
		return Reply.data(this.panel.call((state) -> CatalogView.group(state, state.group(id))));
	}

	ServerResponse groupResources(ServerRequest request) {
		Input input = Input.of(request);
		int id = input.pathId("hypervisorGroupId", "hypervisor group not found");
		Paginator.Page page = Paginator.request(input);
		input.validate();
		return Reply.ok(this.panel.call((state) -> {
			state.group(id);
			return Paginator.render(state.hypervisorsIn(id), (load) -> CatalogView.hypervisorResources(state, load),
					page, Reply.pathUrl(request));
		}));
	}

	ServerResponse ipBlocks(ServerRequest request) {
		Input input = Input.of(request);
		Paginator.Page page = Paginator.request(input);
		input.validate();
		return Reply.ok(this.panel.call((state) -> Paginator.render(new ArrayList<>(state.ipPools().values()),
				(pool) -> CatalogView.ipBlock(state, pool), page, Reply.pathUrl(request))));
	}

	ServerResponse ipBlock(ServerRequest request) {
		int id = Input.of(request).pathId("blockId", "ip block not found");
		return Reply.data(this.panel.call((state) -> CatalogView.ipBlock(state, state.ipPool(id))));
	}

	ServerResponse addIpv4Range(ServerRequest request) {
		Input input = Input.of(request);
		int id = input.pathId("blockId", "ip block not found");
		input.requiredChoice("type", List.of("range"));
		String start = input.requiredString("start");
		String end = input.requiredString("end");
		input.check(start.isEmpty() || IpPool.isIpv4(start), "The start field must be a valid IPv4 address.");
		input.check(end.isEmpty() || IpPool.isIpv4(end), "The end field must be a valid IPv4 address.");
		input.validate();
		long from = IpPool.parse(start);
		long to = IpPool.parse(end);
		this.panel.run((state) -> {
			IpPool pool = state.ipPool(id);
			if (from > to) {
				throw ApiError.invalid("The start address must come before the end address.");
			}
			if (pool.overlaps(from, to)) {
				throw ApiError.invalid("The range overlaps addresses already in the IP block.");
			}
			pool.addRange(from, to);
		});
		return Reply.empty(204);
	}

	ServerResponse packages(ServerRequest request) {
		return Reply.data(this.panel.call((state) -> state.packages()
			.values()
			.stream()
			.map((pkg) -> (Object) CatalogView.pkg(state, pkg))
			.toList()));
	}

	ServerResponse pkg(ServerRequest request) {
		int id = Input.of(request).pathId("packageId", "package not found");
		return Reply.data(this.panel.call((state) -> CatalogView.pkg(state, state.pkg(id))));
	}

	ServerResponse packageTemplates(ServerRequest request) {
		int id = Input.of(request).pathId("serverPackageId", "package not found");
		return Reply
			.data(this.panel.call((state) -> CatalogView.templateGroups(state.templateGroupsOf(state.pkg(id)))));
	}

	ServerResponse backups(ServerRequest request) {
		int id = Input.of(request).pathId("serverId", PanelState.SERVER_NOT_FOUND);
		return Reply.data(this.panel.call((state) -> {
			SimServer server = state.server(id);
			return server.backups().stream().map((backup) -> {
				Seed.NamedSeed storage = state.seed()
					.backupStorage()
					.stream()
					.filter((candidate) -> candidate.id() == backup.storageId())
					.findFirst()
					.orElse(new Seed.NamedSeed(backup.storageId(), "Backup storage"));
				String created = Json.iso(backup.created());
				return (Object) Json.obj("id", backup.id(), "serverId", server.id(), "storage",
						Json.obj("id", storage.id(), "name", storage.name(), "enabled", true), "deleting", false,
						"restoring", false, "progress", false, "complete", true, "deleteAfter", null, "created",
						created, "updated", created);
			}).toList();
		}));
	}

	ServerResponse dnsService(ServerRequest request) {
		int id = Input.of(request).pathId("serviceId", "dns service not found");
		return Reply.data(this.panel.call((state) -> CatalogView.dnsService(state,
				state.seed()
					.dnsServices()
					.stream()
					.filter((dns) -> dns.id() == id)
					.findFirst()
					.orElseThrow(() -> ApiError.notFound("dns service not found")))));
	}

	ServerResponse iso(ServerRequest request) {
		int id = Input.of(request).pathId("isoId", "iso not found");
		return Reply.data(this.panel.call((state) -> CatalogView.iso(state,
				state.seed()
					.isos()
					.stream()
					.filter((iso) -> iso.id() == id)
					.findFirst()
					.orElseThrow(() -> ApiError.notFound("iso not found")))));
	}

	ServerResponse queueItem(ServerRequest request) {
		int id = Input.of(request).pathId("queueId", "queue item not found");
		return Reply.data(this.panel.call((state) -> CatalogView.queueItem(state, state.queueItem(id))));
	}

	ServerResponse currencies(ServerRequest request) {
		return Reply.data(this.panel
			.call((state) -> state.seed().currencies().stream().map((c) -> (Object) CatalogView.currency(c)).toList()));
	}

}
