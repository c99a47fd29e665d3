package io.vfbridge.provisioning;

import java.util.List;

import io.vfbridge.virtfusion.model.CreateServerRequest;

import org.springframework.stereotype.Component;

/**
 * Resolves what a {@code service.create} asks for: a plan configured in vfbridge
 * ({@code vfbridge.plans.<id>}) filled in by the event's explicit fields, which win.
 */
@Component
class Plans {

	private final PlansProperties properties;

	Plans(PlansProperties properties) {
		this.properties = properties;
	}

	/** What to create. */
	record Spec(String panel, Long packageId, Long hypervisorGroupId, Long osTemplateId, String hostname,
			List<String> sshKeys, Integer ipv4, EventData.Resources resources) {

		CreateServerRequest createRequest(long userId) {
			CreateServerRequest.Builder request = CreateServerRequest.builder(this.packageId, userId,
					this.hypervisorGroupId);
			if (this.ipv4 != null) {
				request.ipv4(this.ipv4);
			}
			if (this.resources != null) {
				if (this.resources.memory() != null) {
					request.memory(this.resources.memory());
				}
				if (this.resources.cpuCores() != null) {
					request.cpuCores(this.resources.cpuCores());
				}
				if (this.resources.storage() != null) {
					request.storage(this.resources.storage());
				}
				if (this.resources.traffic() != null) {
					request.traffic(this.resources.traffic());
				}
				if (this.resources.networkSpeedInbound() != null && this.resources.networkSpeedOutbound() != null) {
					request.networkSpeed(this.resources.networkSpeedInbound(), this.resources.networkSpeedOutbound());
				}
			}
			return request.build();
		}

	}

	/**
	 * The resolved request.
	 * @throws JobOutcomeException (failed) for an unknown plan or when package or
	 * hypervisor group is missing
	 */
	Spec resolve(EventData.Service service) {
		PlansProperties.Plan plan = null;
		if (service.plan() != null) {
			plan = this.properties.plans().get(service.plan());
			if (plan == null) {
				throw JobOutcomeException.failed("plan '" + service.plan() + "' is not configured in vfbridge");
			}
		}
		EventData.Resources fromPlan = (plan != null) ? new EventData.Resources(plan.memory(), plan.cpuCores(),
				plan.storage(), plan.traffic(), plan.networkSpeedInbound(), plan.networkSpeedOutbound()) : null;
		EventData.Resources explicit = service.resources();
		EventData.Resources resources = merge(explicit, fromPlan);
		Spec spec = new Spec(first(service.panel(), (plan != null) ? plan.panel() : null),
				first(service.packageId(), (plan != null) ? plan.packageId() : null),
				first(service.hypervisorGroupId(), (plan != null) ? plan.hypervisorGroupId() : null),
				first(service.osTemplateId(), (plan != null) ? plan.osTemplateId() : null), service.hostname(),
				service.sshKeys(), first(service.ipv4(), (plan != null) ? plan.ipv4() : null), resources);
		if (spec.packageId() == null || spec.hypervisorGroupId() == null) {
			throw JobOutcomeException
				.failed("service.create needs a packageId and a hypervisorGroupId, directly or through a plan");
		}
		return spec;
	}

	private static EventData.Resources merge(EventData.Resources explicit, EventData.Resources plan) {
		if (explicit == null) {
			return plan;
		}
		if (plan == null) {
			return explicit;
		}
		return new EventData.Resources(first(explicit.memory(), plan.memory()),
				first(explicit.cpuCores(), plan.cpuCores()), first(explicit.storage(), plan.storage()),
				first(explicit.traffic(), plan.traffic()),
				first(explicit.networkSpeedInbound(), plan.networkSpeedInbound()),
				first(explicit.networkSpeedOutbound(), plan.networkSpeedOutbound()));
	}

	/**
	 * The package of a plan.
	 * @throws JobOutcomeException (failed) for an unknown plan
	 */
	long packageOf(String plan) {
		PlansProperties.Plan known = this.properties.plans().get(plan);
		if (known == null) {
			throw JobOutcomeException.failed("plan '" + plan + "' is not configured in vfbridge");
		}
		return known.packageId();
	}

	private static <T> T first(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
