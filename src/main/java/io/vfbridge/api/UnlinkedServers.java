package io.vfbridge.api;

import java.util.ArrayList;
import java.util.List;

import io.vfbridge.customers.Customers;
import io.vfbridge.virtfusion.VirtFusionClient;
import io.vfbridge.virtfusion.model.Page;
import io.vfbridge.virtfusion.model.PageRequest;
import io.vfbridge.virtfusion.model.Server;
import io.vfbridge.virtfusion.model.ServerListQuery;
import io.vfbridge.virtfusion.model.ServerSummary;

import org.springframework.stereotype.Service;

/**
 * The servers of a panel that no billing service maps, for operators who take over
 * servers made by another billing module: each with its owner (id, extRelationId, email),
 * hostname, addresses and state, so they can build an import file. VirtFusion's server
 * list is walked page by page; only the unlinked servers are looked at in detail.
 */
@Service
class UnlinkedServers {

	private final Targets targets;

	private final Customers customers;

	UnlinkedServers(Targets targets, Customers customers) {
		this.targets = targets;
		this.customers = customers;
	}

	/**
	 * One server no service maps.
	 *
	 * @param serverId the VirtFusion server
	 * @param uuid its UUID
	 * @param name its display name
	 * @param hostname its hostname
	 * @param ownerId the owner's VirtFusion user id
	 * @param ownerExtRelationId the owner's extRelationId (the billing client id the old
	 * module gave it), or null
	 * @param ownerEmail the owner's email
	 * @param ipv4 its IPv4 addresses
	 * @param ipv6 its IPv6 subnets
	 * @param state {@code active}, {@code suspended} or {@code not_built}: what an import
	 * would make the service
	 */
	record UnlinkedServer(long serverId, String uuid, String name, String hostname, Long ownerId,
			Long ownerExtRelationId, String ownerEmail, List<String> ipv4, List<String> ipv6, String state) {
	}

	/**
	 * One page of VirtFusion's server list, with the unlinked servers in it.
	 *
	 * @param panel the panel
	 * @param page the page of VirtFusion's list
	 * @param limit servers per page of that list
	 * @param scanned servers on this page, linked or not
	 * @param nextPage the next page, or null after the last
	 * @param items the unlinked servers of this page
	 */
	record UnlinkedPage(String panel, int page, int limit, int scanned, Integer nextPage, List<UnlinkedServer> items) {
	}

	/**
	 * How many servers the panel has, and how many of them no service maps.
	 *
	 * @param panel the panel
	 * @param servers every server
	 * @param unlinked servers no service maps
	 */
	record Count(String panel, int servers, int unlinked) {
	}

	UnlinkedPage page(String panel, int page, int limit) {
		VirtFusionClient client = this.targets.client(panel);
		Page<ServerSummary> listed = client.listServers(ServerListQuery.all(), new PageRequest(page, limit));
		List<UnlinkedServer> items = new ArrayList<>();
		for (ServerSummary summary : listed.data()) {
			if (summary.id() == null || this.customers.isServerLinked(panel, summary.id())) {
				continue;
			}
			client.findServer(summary.id(), false).map(UnlinkedServers::of).ifPresent(items::add);
		}
		return new UnlinkedPage(panel, page, limit, listed.data().size(),
				(listed.hasNext() && !listed.data().isEmpty()) ? page + 1 : null, items);
	}

	/** Every unlinked server of the panel, every page walked. */
	List<UnlinkedServer> all(String panel) {
		List<UnlinkedServer> all = new ArrayList<>();
		for (int number = 1; number <= Page.MAX_PAGES; number++) {
			UnlinkedPage page = page(panel, number, PageRequest.MAX_RESULTS);
			all.addAll(page.items());
			if (page.nextPage() == null) {
				return all;
			}
		}
		throw new IllegalStateException("more than " + Page.MAX_PAGES + " pages of servers");
	}

	Count count(String panel) {
		List<ServerSummary> servers = Page.collectAll(
				(number) -> this.targets.client(panel).listServers(ServerListQuery.all(), PageRequest.largest(number)));
		int unlinked = (int) servers.stream()
			.filter((server) -> server.id() != null && !this.customers.isServerLinked(panel, server.id()))
			.count();
		return new Count(panel, servers.size(), unlinked);
	}

	private static UnlinkedServer of(Server server) {
		String state = !server.isBuilt() ? "not_built"
				: Boolean.TRUE.equals(server.suspended()) ? "suspended" : "active";
		return new UnlinkedServer(server.id(), server.uuid(), server.name(), server.hostname(),
				(server.ownerId() != null) ? server.ownerId() : (server.owner() != null) ? server.owner().id() : null,
				(server.owner() != null) ? server.owner().extRelationId() : null,
				(server.owner() != null) ? server.owner().email() : null, server.ipv4Addresses(), server.ipv6Subnets(),
				state);
	}

}
